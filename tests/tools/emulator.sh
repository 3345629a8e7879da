#!/usr/bin/env bash
# Start or stop the emulator in the background: emulator.sh start|stop [port]
set -euo pipefail
source "$(dirname "$0")/env.sh"
port=${2:-$EMULATOR_PORT}
pidfile="$root/.tmp/emulator-$port.pid"
mkdir -p "$root/.tmp"
case "$1" in
  start)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      curl -sf -X POST "http://127.0.0.1:$port/moto-api/reset" >/dev/null
      exit 0
    fi
    if curl -sf "http://127.0.0.1:$port/_emulator/counters" >/dev/null 2>&1; then
      echo "port $port already has an emulator that this script did not start; stop it or set EMULATOR_PORT" >&2
      exit 1
    fi
    imageforge-emulator --port "$port" >"$root/.tmp/emulator-$port.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 600); do
      curl -sf "http://127.0.0.1:$port/_emulator/counters" >/dev/null 2>&1 && exit 0
      sleep 0.1
    done
    echo "the emulator did not start; see .tmp/emulator-$port.log" >&2
    exit 1
    ;;
  stop)
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
    ;;
  *) echo "usage: emulator.sh start|stop [port]" >&2; exit 2 ;;
esac
