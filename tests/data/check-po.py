#!/usr/bin/env python3
"""Translation checks (issue: a proper GNOME citizen).

  check-po.py potfiles SRCDIR   every file with translatable strings is listed in po/POTFILES.in
  check-po.py msgfmt SRCDIR     every po file passes `msgfmt --check`
  check-po.py complete SRCDIR   zh_CN translates 100 % of the strings xgettext finds

Each prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

mode, src = sys.argv[1], sys.argv[2]
po_dir = os.path.join(src, "po")


def listed_files():
    with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def translatable_files():
    found = []
    for room in ("src", "data"):
        for root, _dirs, files in os.walk(os.path.join(src, room)):
            for name in files:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, src)
                try:
                    text = open(path, encoding="utf-8", errors="replace").read()
                except OSError:
                    continue
                if name.endswith((".c", ".h")) and re.search(r'\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"', text):
                    found.append(rel)
                elif name.endswith(".ui") and 'translatable="yes"' in text:
                    found.append(rel)
                elif name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                    found.append(rel)
    return sorted(found)


n = 0
failures = 0


def result(ok, what):
    global n, failures
    n += 1
    print(("ok %d - %s" % (n, what)) if ok else ("not ok %d - %s" % (n, what)))
    if not ok:
        failures += 1


if mode == "potfiles":
    listed = set(listed_files())
    wanted = translatable_files()
    for rel in wanted:
        result(rel in listed, "%s is in po/POTFILES.in" % rel)
    for rel in sorted(listed):
        result(os.path.exists(os.path.join(src, rel)), "po/POTFILES.in entry %s exists" % rel)
elif mode == "msgfmt":
    for name in sorted(os.listdir(po_dir)):
        if name.endswith(".po"):
            p = subprocess.run(["msgfmt", "--check", "-o", os.devnull, os.path.join(po_dir, name)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                print("# " + p.stderr.replace("\n", "\n# "))
            result(p.returncode == 0, "msgfmt --check %s" % name)
elif mode == "complete":
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "messages.pot")
        files = [os.path.join(src, f) for f in listed_files()]
        cmd = ["xgettext", "--from-code=UTF-8", "--add-comments=Translators", "--keyword=_",
               "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
               "--keyword=ngettext:1,2", "-o", pot] + files
        p = subprocess.run(cmd, capture_output=True, text=True)
        result(p.returncode == 0, "xgettext extracts the strings")
        merged = os.path.join(tmp, "zh_CN.po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(po_dir, "zh_CN.po"), pot], check=True)
        p = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, merged],
                           capture_output=True, text=True)
        stats = p.stderr.strip()
        print("# zh_CN: " + stats)
        untranslated = re.search(r"(\d+) untranslated", stats)
        fuzzy = re.search(r"(\d+) fuzzy", stats)
        result(not untranslated and not fuzzy, "zh_CN is 100 %% translated (%s)" % stats)
else:
    sys.exit("unknown mode " + mode)

print("1..%d" % n)
sys.exit(1 if failures else 0)
