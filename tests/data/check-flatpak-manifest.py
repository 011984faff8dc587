#!/usr/bin/env python3
"""The Flatpak build cannot run here (no runtime download), so check what can be checked:
valid JSON, the app id and command, a GNOME runtime, finish-args limited to what the app needs
(secrets go through the portal: no direct Secret Service access), and the local meson module
that also installs babaihu-sandbox (so --sandbox works inside Flatpak)."""
import json
import sys

path = sys.argv[1]
failures = 0


def check(cond, what):
    global failures
    print(("ok " if cond else "not ok ") + str(check.n) + " - " + what)
    check.n += 1
    if not cond:
        failures += 1


check.n = 1
print("1..9")
with open(path, encoding="utf-8") as f:
    m = json.load(f)

check(m.get("id") == "org.babaihu.Agent", "app id is org.babaihu.Agent")
check(m.get("command") == "babaihu-agent", "command is babaihu-agent")
check(m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk", "GNOME runtime and SDK")
args = set(m.get("finish-args", []))
allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri", "--socket=pulseaudio", "--talk-name=org.freedesktop.Notifications"}
check(args <= allowed, "finish-args limited to network, display, DRI, audio, notifications: extra %s" % sorted(args - allowed))
check("--socket=fallback-x11" in args and "--socket=wayland" in args, "Wayland with X11 fallback")
check(not any("secrets" in a or "keyring" in a for a in args), "no direct Secret Service access (portal only)")
check(not any(a.startswith("--filesystem") for a in args), "no filesystem access beyond portals")
mods = m.get("modules", [])
last = mods[-1] if mods else {}
check(last.get("name") == "babaihu-agent" and last.get("buildsystem") == "meson", "the app is a meson module")
check(any(s.get("type") == "dir" and s.get("path") == ".." for s in last.get("sources", [])),
      "built from the local tree (which installs babaihu-sandbox too)")
sys.exit(1 if failures else 0)
