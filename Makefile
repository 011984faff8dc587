# Thin wrapper around meson; see README.md.
BUILD ?= build
MESON ?= meson
SANITIZE_BUILD ?= build-sanitize

.PHONY: all deps build run check bench fuzz check-sanitize screenshots clean

all: build

deps:
	@./build-aux/install-deps

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) .

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

run: build
	@./build-aux/run-app $(BUILD)

check: build
	@./build-aux/run-tests $(BUILD)

bench: deps
	@./build-aux/run-bench

fuzz: deps
	@./build-aux/run-fuzz

# AddressSanitizer, LeakSanitizer and UBSan over the whole suite; any report fails the test that
# made it. tests/lsan.supp holds the third-party leaks (README.md "Reliability"). Leak stacks
# need the slow unwinder (Debian's GLib has no frame pointers); it deadlocks in Mesa's llvmpipe
# JIT, so GTK draws with cairo and Mesa, if asked at all, with softpipe. sandbox-data-big is a
# speed test (100,000 customers seeded, then every page under a second): seeding alone takes
# over two minutes under AddressSanitizer, so it runs in make check only. TESTS="a b" runs only
# those.
SANITIZE_SKIP ?= sandbox-data-big
check-sanitize: deps
	@test -f $(SANITIZE_BUILD)/build.ninja || $(MESON) setup $(SANITIZE_BUILD) . -Db_sanitize=address,undefined -Db_lundef=false
	$(MESON) compile -C $(SANITIZE_BUILD)
	@tests="$(TESTS)"; [ -n "$$tests" ] || tests=$$($(MESON) introspect --tests $(SANITIZE_BUILD) | \
	  python3 -c 'import json, sys; skip = sys.argv[1].split(); print(" ".join(t["name"] for t in json.load(sys.stdin) if t["name"] not in skip))' "$(SANITIZE_SKIP)"); \
	GSK_RENDERER=cairo GALLIUM_DRIVER=softpipe \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:detect_odr_violation=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ./build-aux/run-tests $(SANITIZE_BUILD) --timeout-multiplier 3 $$tests

screenshots: build
	@./build-aux/run-screenshots $(BUILD)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
