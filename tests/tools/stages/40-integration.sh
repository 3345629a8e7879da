#!/usr/bin/env bash
# ansible-test integration targets against the emulator. TARGETS="component ..." runs a subset.
# INTEGRATION_JOBS workers (default 2) run the targets side by side, each with its own emulator and its own
# collection copy, taking the next target from one queue (longest first, by tests/tools/integration-seconds).
# Ports: INTEGRATION_PORTS="p1 p2 ..." or EMULATOR_PORT, EMULATOR_PORT+10, +20 ...
# Every request is logged per emulator; the logs are merged into .tmp/iam-requests.jsonl for 75-iam.
set -uo pipefail
source "$(dirname "$0")/../env.sh"
jobs=${INTEGRATION_JOBS:-2}
work="$root/.tmp/integration"
rm -rf "$work"; mkdir -p "$work"
read -r -a ports <<<"${INTEGRATION_PORTS:-}"
for ((i = ${#ports[@]}; i < jobs; i++)); do ports[i]=$((EMULATOR_PORT + 10 * i)); done

all=$(ls "$root/tests/integration/targets" | grep -v '^setup_')
# Longest first, so that no worker starts a long target last; unknown targets count as 60 s.
for target in ${TARGETS:-$all}; do
  seconds=$(awk -v t="$target" '$1 == t {print $2}' "$root/tests/tools/integration-seconds" 2>/dev/null)
  echo "${seconds:-60} $target"
done | sort -rn | awk '{print $2}' >"$work/queue"

next_target() {  # pop the first line of the queue, under a lock shared by the workers
  flock "$work/queue.lock" bash -c 'head -n1 "$1"; sed -i 1d "$1"' _ "$work/queue"
}

worker() {
  local port=$1 dest target start
  export EMULATOR_PORT=$port EMULATOR_REQUEST_LOG="$work/requests-$port.jsonl"
  : >"$EMULATOR_REQUEST_LOG"
  "$root/tests/tools/emulator.sh" stop "$port"
  "$root/tests/tools/emulator.sh" start "$port" || { echo "worker $port: the emulator did not start"; return 1; }
  dest=$("$root/tests/tools/collection-copy.sh")
  sed "s#@ENDPOINT@#http://127.0.0.1:$port#" "$root/tests/integration/cloud-config-aws.ini.emulator" \
    >"$dest/tests/integration/cloud-config-aws.ini"
  while target=$(next_target) && [ -n "$target" ]; do
    start=$(date +%s)
    if (cd "$dest" && ansible-test integration --python 3.11 --local --color no "$target") >"$work/$target.log" 2>&1; then
      echo "target $target passed in $(( $(date +%s) - start )) s (emulator $port)"
    else
      echo "target $target FAILED in $(( $(date +%s) - start )) s (emulator $port); the end of $work/$target.log:"
      tail -40 "$work/$target.log"
      touch "$work/failed"
    fi
  done
  "$root/tests/tools/emulator.sh" stop "$port"
}

pids=()
for ((i = 0; i < jobs; i++)); do
  worker "${ports[i]}" &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; for p in "${ports[@]}"; do "$root/tests/tools/emulator.sh" stop "$p"; done' INT TERM
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
cat "$work"/requests-*.jsonl >"$root/.tmp/iam-requests.jsonl" 2>/dev/null || true
[ -e "$work/failed" ] && status=1
exit $status
