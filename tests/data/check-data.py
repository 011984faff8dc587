#!/usr/bin/env python3
"""Checks of data/ (issue: a proper GNOME citizen). Each mode prints TAP.

  check-data.py compile SRCDIR          the schema compiles with glib-compile-schemas --strict
                                        into a scratch directory
  check-data.py docs SRCDIR             every key has a non-empty summary and description, and
                                        its default is one of its choices or inside its range
                                        (read from the XML, no GIO)
  check-data.py used SRCDIR             every key the application reads, writes or binds is in
                                        the schema (a missing key aborts the application)
  check-data.py icons SRCDIR            the icons are SVG of the right size; the symbolic one
                                        has one colour and no strokes
  check-data.py css SRCDIR              style.css names its colours (@accent_color, @error_color,
                                        …) so that dark and high-contrast styles follow
  check-data.py desktop-actions SRCDIR  each desktop action is an application action without a
                                        parameter (D-Bus activation calls it by that name)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

mode, src = sys.argv[1], sys.argv[2]
schema_path = os.path.join(src, "data", "org.babaihu.Agent.gschema.xml")

n = 0
failures = 0


def result(ok, what, diag=None):
    global n, failures
    n += 1
    print(("ok %d - %s" % (n, what)) if ok else ("not ok %d - %s" % (n, what)))
    if not ok:
        failures += 1
        if diag:
            for line in str(diag).splitlines():
                print("# " + line)


def schema_keys():
    root = ET.parse(schema_path).getroot()
    enums = {}
    for enum in root.findall("enum"):
        enums[enum.get("id")] = [v.get("nick") for v in enum.findall("value")]
    keys = {}
    for schema in root.findall("schema"):
        for key in schema.findall("key"):
            keys[key.get("name")] = (key, enums.get(key.get("enum")))
    return keys


def gvariant_string(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return None


if mode == "compile":
    scratch = tempfile.mkdtemp(prefix="babaihu-schema-")
    try:
        shutil.copy(schema_path, scratch)
        run = subprocess.run(["glib-compile-schemas", "--strict", "--targetdir", scratch, scratch],
                             capture_output=True, text=True)
        result(run.returncode == 0, "glib-compile-schemas --strict accepts the schema",
               run.stdout + run.stderr)
        result(os.path.getsize(os.path.join(scratch, "gschemas.compiled")) > 0
               if run.returncode == 0 else False, "gschemas.compiled is written")
    finally:
        shutil.rmtree(scratch)

elif mode == "docs":
    keys = schema_keys()
    result(len(keys) > 0, "the schema has keys")
    for name, (key, enum_nicks) in sorted(keys.items()):
        summary = (key.findtext("summary") or "").strip()
        description = (key.findtext("description") or "").strip()
        result(summary != "", "%s has a summary" % name)
        result(description != "", "%s has a description" % name)
        result(summary != description, "%s: the description says more than the summary" % name)
        default = key.findtext("default")
        result(default is not None, "%s has a default" % name)
        choices = [c.get("value") for c in key.findall("choices/choice")] or enum_nicks
        if choices and default is not None:
            result(gvariant_string(default) in choices,
                   "%s: the default %s is one of its choices" % (name, default.strip()))
        rng = key.find("range")
        if rng is not None and default is not None:
            value = float(default.strip())
            result(float(rng.get("min")) <= value <= float(rng.get("max")),
                   "%s: the default %s is inside its range" % (name, default.strip()))

elif mode == "used":
    keys = schema_keys()
    pattern = re.compile(r'g_settings_(?:get|set|bind|reset|create_action|get_\w+|set_\w+|bind_\w+)'
                         r'\s*\(\s*[^,;]+,\s*"([a-z0-9-]+)"')
    changed = re.compile(r'"changed::([a-z0-9-]+)"')
    used = {}
    for path in sorted(glob.glob(os.path.join(src, "src", "app", "*.c"))):
        text = open(path, encoding="utf-8").read()
        for match in list(pattern.finditer(text)) + list(changed.finditer(text)):
            used.setdefault(match.group(1), os.path.relpath(path, src))
    result(len(used) > 0, "the application uses settings")
    for name, where in sorted(used.items()):
        result(name in keys, "%s (%s) is in the schema" % (name, where))

elif mode == "icons":
    svg = "{http://www.w3.org/2000/svg}"
    icons = os.path.join(src, "data", "icons")
    app = ET.parse(os.path.join(icons, "org.babaihu.Agent.svg")).getroot()
    result(app.tag == svg + "svg", "the application icon is SVG")
    result(app.get("viewBox") == "0 0 128 128", "the application icon is drawn on 128×128")
    head = open(os.path.join(icons, "org.babaihu.Agent.svg"), encoding="utf-8").read(200)
    # gdk-pixbuf sniffs the first bytes: a long comment before <svg> hides that it is SVG.
    result("<svg" in head, "the application icon's <svg> comes first (the loader sniffs it)")
    sym_path = os.path.join(icons, "org.babaihu.Agent-symbolic.svg")
    sym = ET.parse(sym_path).getroot()
    result(sym.get("viewBox") == "0 0 16 16" and sym.get("width") == "16"
           and sym.get("height") == "16", "the symbolic icon is 16×16")
    colours = set()
    strokes = 0
    for element in sym.iter():
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            if value and value != "none":
                colours.add(value.lower())
        if element.get("stroke") not in (None, "none"):
            strokes += 1
        style = element.get("style") or ""
        colours.update(c.lower() for c in re.findall(r"(?:fill|stroke)\s*:\s*(#[0-9a-fA-F]+)", style))
    result(len(colours) == 1, "the symbolic icon has one colour", sorted(colours))
    result(strokes == 0, "the symbolic icon has fills only (strokes are not recoloured)")
    shapes = [e for e in sym.iter() if e.tag in (svg + "path", svg + "rect", svg + "circle")]
    result(len(shapes) > 0, "the symbolic icon draws something")

elif mode == "desktop-actions":
    desktop = open(os.path.join(src, "data", "org.babaihu.Agent.desktop.in"), encoding="utf-8").read()
    app = "".join(open(os.path.join(src, "src", "app", name), encoding="utf-8").read()
                  for name in ("agent-application.c", "agent-application-actions.c"))
    match = re.search(r"^Actions=(.*)$", desktop, re.M)
    result(match is not None, "the desktop entry has actions")
    actions = [a for a in (match.group(1).split(";") if match else []) if a]
    entries = dict(re.findall(r'\{\s*"([a-z-]+)"\s*,\s*\w+\s*(?:,\s*("[^"]*"|NULL))?', app))
    for action in actions:
        result("[Desktop Action %s]" % action in desktop, "%s has its group" % action)
        result(action in entries, "%s is an application action" % action)
        result(entries.get(action, "x") in ("", "NULL"),
               "%s takes no parameter (D-Bus activation passes none)" % action)
        exec_line = re.search(r"\[Desktop Action %s\][^\[]*?^Exec=([^\n]*)$" % re.escape(action),
                              desktop, re.M | re.S)
        result(exec_line is not None and exec_line.group(1).endswith(" " + action),
               "%s's Exec activates the same action" % action)

elif mode == "css":
    css_path = os.path.join(src, "src", "app", "style.css")
    css = re.sub(r"/\*.*?\*/", "", open(css_path, encoding="utf-8").read(), flags=re.S)
    literals = re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\s*\(|\bhsla?\s*\(|\b(?:white|black|red|green|blue|gray|grey)\b", css)
    result(literals == [], "style.css has no literal colours", literals)
    result(re.search(r"@define-color", css) is None, "style.css defines no colours of its own")

else:
    print("Bail out! unknown mode %s" % mode)
    sys.exit(2)

print("1..%d" % n)
sys.exit(1 if failures else 0)
