#!/usr/bin/env python3
"""Counts individual test cases in meson's testlog.json.

GTest suites speak TAP, so each `ok`/`not ok` line is one case; a test without TAP output counts
as one case by its result. A TAP test whose process failed after its cases (a crash, a wrong plan)
adds one failure, so a crash is never hidden by passing cases. Prints `N passed, N failed`.
"""
import json
import re
import sys

path = sys.argv[1]
passed = failed = skipped = 0
failures = []
try:
    with open(path, encoding="utf-8", errors="replace") as f:
        entries = [json.loads(line) for line in f if line.strip()]
except OSError as e:
    print(f"test-summary: cannot read {path}: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for e in entries:
    result = e.get("result", "")
    out = e.get("stdout") or ""
    ok = nok = skip = 0
    for line in out.splitlines():
        if re.match(r"^ok \d+", line):
            if "# SKIP" in line or "# skip" in line:
                skip += 1
            else:
                ok += 1
        elif re.match(r"^not ok \d+", line):
            if "# TODO" in line:
                skip += 1
            else:
                nok += 1
                failures.append(f"{e.get('name')}: {line.strip()}")
    if ok + nok + skip == 0:
        if result in ("OK", "EXPECTEDFAIL"):
            ok = 1
        elif result == "SKIP":
            skip = 1
        else:
            nok = 1
            failures.append(f"{e.get('name')}: {result}")
    elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and nok == 0:
        nok = 1
        failures.append(f"{e.get('name')}: process {result} after its cases")
    passed += ok
    failed += nok
    skipped += skip

for f in failures:
    print(f"FAILED: {f}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or not entries else 0)
