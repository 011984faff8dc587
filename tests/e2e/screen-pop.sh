#!/usr/bin/env bash
# screen-pop.sh — the real babaihu-agent against a real babaihu-sandbox: scripted incoming
# calls must each pop exactly once. Prints every screen-pop latency (popup-shown.ts_ms −
# msg_time, from BABAIHU_TRACE) and exits non-zero when a call was not popped, or popped twice.
#
#   tests/e2e/screen-pop.sh [BUILD_DIR] [CALLS]
#
# Runs under its own Xvfb and D-Bus session when it has none.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
calls=${2:-20}
agent="$build/src/app/babaihu-agent"
sandbox="$build/src/sandbox/babaihu-sandbox"

for program in "$agent" "$sandbox"; do
  if [ ! -x "$program" ]; then
    echo "screen-pop: $program is not built" >&2
    exit 2
  fi
done

# A display and a session bus: the application is single-instance on D-Bus. Under the test
# runner's wrapper (tests/isolate.sh) both are there already, with a notification server.
if [ -z "${DISPLAY:-}" ] || ! xdpyinfo >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$0" "$build" "$calls"
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${SCREEN_POP_BUS:-}" ]; then
  export SCREEN_POP_BUS=1
  exec dbus-run-session -- "$0" "$build" "$calls"
fi

scratch=$(mktemp -d /tmp/babaihu-screen-pop.XXXXXX)
sandbox_pid=
agent_pid=
cleanup () {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null
  [ -n "${notifyd_pid:-}" ] && kill "$notifyd_pid" 2>/dev/null
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -p "$scratch"/{home,state,config,data,cache}

# Our own bus has no notification server: the test suite's stand-in answers for it.
notifyd_pid=
if [ -n "${SCREEN_POP_BUS:-}" ] && [ -x "${BABAIHU_FAKE_NOTIFYD:-}" ]; then
  "$BABAIHU_FAKE_NOTIFYD" > "$scratch/notifyd.out" 2>&1 &
  notifyd_pid=$!
  for _ in $(seq 100); do
    grep -q ready "$scratch/notifyd.out" 2>/dev/null && break
    sleep 0.05
  done
fi
trace="$scratch/trace.jsonl"
: > "$trace"

# The sandbox: its warnings are its own tests' business.
env -u G_DEBUG "$sandbox" --demo --demo-size=200 --port 0 --db "$scratch/sandbox.db" \
  > "$scratch/sandbox.out" 2> "$scratch/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 200); do
  grep -q '^control on' "$scratch/sandbox.out" 2>/dev/null && break
  sleep 0.05
done
url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$scratch/sandbox.out")
control=$(sed -n 's/^control on \(http:[^ ]*\).*/\1/p' "$scratch/sandbox.out")
if [ -z "$url" ] || [ -z "$control" ]; then
  echo "screen-pop: the sandbox did not start:" >&2
  cat "$scratch/sandbox.err" >&2
  exit 2
fi

printf '%s' 02367073578 > "$scratch/password"
chmod 600 "$scratch/password"

HOME="$scratch/home" XDG_STATE_HOME="$scratch/state" XDG_CONFIG_HOME="$scratch/config" \
XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" NO_AT_BRIDGE=1 \
BABAIHU_TRACE="$trace" \
  "$agent" --server "$url" --account 100008800 --password-file "$scratch/password" \
  > "$scratch/agent.log" 2>&1 &
agent_pid=$!

# Logged in, and the event stream asked the server once: calls will be seen from now on.
python3 - "$trace" <<'EOF' || { echo "screen-pop: the application did not log in" >&2; cat "$scratch/agent.log" >&2; exit 2; }
import json, sys, time
deadline = time.time() + 30
while time.time() < deadline:
    logged_in = streaming = False
    for line in open(sys.argv[1], encoding="utf-8"):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("event") == "login-ok":
            logged_in = True
        if logged_in and o.get("event") == "request" and o.get("method") in ("getLongWaterLine", "recvMsg"):
            streaming = True
    if streaming:
        sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
EOF

# Calls come 600 ms apart and ring 2.5 s, so several ring at once and must stack.
for i in $(seq 1 "$calls"); do
  phone=$(printf '1390%07d' "$i")
  curl -sf -X POST "$control/sandbox/call" -H 'Content-Type: application/json' \
       -d "{\"extension\":\"800\",\"phone\":\"$phone\",\"direction\":\"in\",\"ring_ms\":2500,\"talk_ms\":0,\"record\":false}" \
       > /dev/null || { echo "screen-pop: /sandbox/call failed" >&2; exit 2; }
  sleep 0.6
done

python3 - "$trace" "$calls" <<'EOF'
import json, statistics, sys, time

path, expected = sys.argv[1], int(sys.argv[2])
received = {}   # msg_time → when the application had the event

def read():
    rings, shown = {}, {}
    received.clear()
    for line in open(path, encoding="utf-8"):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("event") == "event-received" and o.get("kind") == 2 and o.get("status") == 0 \
           and not o.get("backlog", False):
            rings[o["msg_time"]] = o["phone"]
            received.setdefault(o["msg_time"], o["ts_ms"])
        elif o.get("event") == "popup-shown":
            shown.setdefault(o["msg_time"], []).append(o["ts_ms"])
    return rings, shown

deadline = time.time() + 20
while True:
    rings, shown = read()
    if (len(rings) >= expected and all(t in shown for t in rings)) or time.time() > deadline:
        break
    time.sleep(0.2)

latencies, failures = [], 0
for msg_time, phone in sorted(rings.items()):
    times = shown.get(msg_time, [])
    if len(times) != 1:
        failures += 1
        print(f"FAIL {phone} msg_time={msg_time}: popped {len(times)} times")
        continue
    latency = times[0] - msg_time
    latencies.append(latency)
    # How much of it was the application's own: from the event in hand to the painted frame.
    own = times[0] - received[msg_time] if msg_time in received else float("nan")
    print(f"ok   {phone} latency {latency:7.1f} ms (in the application {own:6.1f} ms)")

if len(rings) < expected:
    failures += expected - len(rings)
    print(f"FAIL only {len(rings)} of {expected} calls reached the application")

if latencies:
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"screen-pop latency: min {latencies[0]:.1f} ms, median {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms over {len(latencies)} calls")
print(f"{expected - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
EOF
rc=$?
if [ $rc -ne 0 ]; then
  echo "--- the application's log:" >&2
  tail -n 40 "$scratch/agent.log" >&2
fi
exit $rc
