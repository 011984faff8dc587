#!/usr/bin/env python3
"""Lists, for every method of the 八百呼 document (and the SDK's three), the sandbox tests that
run its happy path and the tests that check its main error.

    tests/sandbox/method-coverage.py [SOURCE_DIR] [--quiet]

The methods come from the seed document's section headings (../shared/seed/800ing-api-v6.6.txt
when it is there, else the list below) plus getLongWaterLine, hangupExten and transferExten
(PROTOCOL.md). The tests are read from tests/sandbox/test-*.c:

  - test-sandbox-methods.c's table: each row is a happy path (GET and POST form) and an error;
  - elsewhere, a call `X = …("METHOD", …)` counts as a happy path when the same function asserts
    X's `code` (or, for the device protocol, `status`) is 0, and as an error test when it asserts
    another value.

Exits 1 when a method has no happy-path test or no error test, so that it can run as a test.
"""
import os
import re
import sys

KNOWN = """getExtension getExtensions sendMsg recvMsg upload_record_file addCdrRecord addSmsRecord
getTaskDetailPhone savecustomer upload_record setUserCheckInOut registerExtension systemChannels
getChannelList smsSend setShowPhone setIvrDialing addBlacklists delBlacklists getBlacklists
callbackPhone getCallbackList findDialrecord phoneAudit getPhoneAudit getAreaPhone sendTelCall
getCustomersPage getcustomer getTableFields saveCustomer delcustomer getCodes setCustomerLock
getCustomerSales setCustomerSales getMemos addMemo findCallFlow addTask findTaskMx addExtension
editExtension delExtension initExtensionPassword""".split()
EXTRA = ["getLongWaterLine", "hangupExten", "transferExten"]


def documented_methods(source_dir):
    seed = os.path.join(source_dir, "..", "shared", "seed", "800ing-api-v6.6.txt")
    if not os.path.exists(seed):
        return KNOWN + EXTRA
    methods = []
    heading = re.compile(r"^\d+\.\d+\.\s*\d+\.?\s*(.*)$")
    with open(seed, encoding="utf-8") as f:
        lines = f.read().splitlines()
    # The body starts after the table of contents (whose lines end in a page number).
    for line in lines:
        m = heading.match(line.strip())
        if not m or re.search(r"\.{3,}\s*\d+$", line):
            continue
        for word in re.findall(r"[A-Za-z_][A-Za-z_0-9]*(?:\.html)?", m.group(1)):
            name = word[:-5] if word.endswith(".html") else word
            if len(name) > 3 and name[0].islower() and name not in methods:
                methods.append(name)
    return methods + [m for m in EXTRA if m not in methods]


def functions(text):
    """(name, body) of every top-level function of a C file."""
    for m in re.finditer(r"^(\w+) \([^;{]*?\)\n\{\n(.*?)\n\}\n", text, re.S | re.M):
        yield m.group(1), m.group(2)


ASSERTS = [
    # sandbox_test_get_int (X, "code", …), ==, -3)
    re.compile(r"get_int \((\w+), \"(code|status)\", [^)]*\),\s*(==|!=|<|<=|>|>=),\s*(-?\d+)\)"),
    # assert_code (X, -5)
    re.compile(r"assert_code \((\w+), (-?\d+)\)"),
]


def classify(body):
    """{variable: set of ('happy'|'error', detail)} from a function's assertions."""
    found = {}
    for m in ASSERTS[0].finditer(body):
        var, _, op, value = m.groups()
        value = int(value)
        kind = "happy" if (op == "==" and value == 0) else "error"
        detail = f"{op} {value}" if op != "==" else str(value)
        found.setdefault(var, set()).add((kind, detail))
    for m in ASSERTS[1].finditer(body):
        var, value = m.group(1), int(m.group(2))
        found.setdefault(var, set()).add(("happy" if value == 0 else "error", str(value)))
    return found


def scan_functions(path, methods, coverage):
    unit = os.path.basename(path)[len("test-"):-2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for name, body in functions(text):
        if not name.startswith("test_"):
            continue
        asserts = classify(body)
        for statement in body.split(";"):
            literals = re.findall(r"\"(\w+?)(?:\.html)?\"", statement)
            called = [l for l in literals if l in methods]
            if not called:
                continue
            # the variable assigned before the call: `… X = helper (…, "METHOD", …)`
            prefix = statement[:statement.index('"')]
            lhs = re.findall(r"(\w+)\s*=(?!=)", prefix)
            if not lhs:
                continue
            var = lhs[-1]
            for kind, detail in asserts.get(var, ()):
                where = f"{unit}:{name}"
                entry = f"{where} ({detail})" if kind == "error" else where
                coverage[called[0]][kind].add(entry)


def scan_table(path, methods, coverage):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("cases[] = {"):]
    table = table[:table.index("\n};\n") + 1]
    for i, m in enumerate(re.finditer(r"\{ \"(\w+)\", (\w+), .*?\},\n", table, re.S)):
        method, entry = m.group(1), m.group(0)
        if method not in coverage:
            continue
        case = f"sandbox-methods:/{i:02d}-{method}"
        how = "multipart POST" if "MULTIPART" in entry else "GET+POST"
        coverage[method]["happy"].add(f"{case} ({how})")
        err = re.findall(r",\s*(-?\d+), \"([^\"]*)\"", entry)
        if err:
            code, word = err[-1]
            coverage[method]["error"].add(f"{case} ({code}, names {word})")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in sys.argv
    source_dir = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    tests_dir = os.path.join(source_dir, "tests", "sandbox")
    methods = documented_methods(source_dir)
    coverage = {m: {"happy": set(), "error": set()} for m in methods}

    for file in sorted(os.listdir(tests_dir)):
        if not (file.startswith("test-") and file.endswith(".c")):
            continue
        path = os.path.join(tests_dir, file)
        scan_functions(path, methods, coverage)
        if file == "test-sandbox-methods.c":
            scan_table(path, methods, coverage)

    gaps = []
    for method in methods:
        happy = sorted(coverage[method]["happy"])
        error = sorted(coverage[method]["error"])
        if not quiet:
            print(f"{method}")
            print(f"  happy: {'; '.join(happy) if happy else '-- NONE --'}")
            print(f"  error: {'; '.join(error) if error else '-- NONE --'}")
        if not happy or not error:
            gaps.append(method)
    print(f"{len(methods)} methods, {len(methods) - len(gaps)} with a happy-path and an error test"
          + (f"; missing: {', '.join(gaps)}" if gaps else ""))
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
