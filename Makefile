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

check-sanitize: deps
	@test -f $(SANITIZE_BUILD)/build.ninja || $(MESON) setup $(SANITIZE_BUILD) . -Db_sanitize=address,undefined -Db_lundef=false
	$(MESON) compile -C $(SANITIZE_BUILD)
	@./build-aux/run-tests $(SANITIZE_BUILD)

screenshots: build
	@./build-aux/run-screenshots $(BUILD)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
