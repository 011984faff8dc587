#!/usr/bin/env bash
# Runs one test command in a session of its own (meson test --wrapper): a private D-Bus
# session, an unlocked gnome-keyring, a notification server, and fresh HOME and XDG
# directories. Tests run two at a time; without this they would share the outbox database,
# the keyring and bus names.
set -u
here=$(cd "$(dirname "$0")" && pwd)
notifyd=${BABAIHU_FAKE_NOTIFYD:-}

scratch=$(mktemp -d /tmp/babaihu-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{home,data,config,state,cache,runtime}
chmod 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"

dbus-run-session -- bash -c '
  notifyd=$1; shift
  # A non-empty password creates and unlocks the login collection without a prompt.
  eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  if [ -n "$notifyd" ] && [ -x "$notifyd" ]; then
    coproc NOTIFYD { exec "$notifyd"; }
    read -r -t 10 ready <&"${NOTIFYD[0]}" || true
  fi
  "$@"
  rc=$?
  [ -n "${NOTIFYD_PID:-}" ] && kill "$NOTIFYD_PID" 2>/dev/null
  exit $rc
' isolate "$notifyd" "$@"
