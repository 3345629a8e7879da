#!/usr/bin/env bash
# Run every test stage in tests/tools/stages in name order and print one summary line.
# ONLY=unit,integration runs a subset (stage names without their number).
# Stages marked "# lane: podman" (mostly waiting on containers) run one after another in a second lane,
# beside the other stages; their output is printed when they end. PARALLEL_STAGES=0 runs all in one lane.
# Every stage runs even when another fails; the exit status is nonzero if any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tests/tools/setup.sh" || exit 1
results="$root/.tmp/stages"
rm -rf "$results"; mkdir -p "$results"
t0=$(date +%s)

selected() {
  local name=$1
  [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$name,"* ]]
}

run_stage() {  # run_stage <script>: runs it and writes its summary line to $results/<name>.line
  local stage=$1 name start verdict
  name=$(basename "$stage" .sh); name=${name#*-}
  echo "=== stage: $name"
  start=$(date +%s)
  if bash "$stage"; then verdict=passed; else verdict=FAILED; fi
  echo "stage $name $verdict in $(( $(date +%s) - start )) s" >"$results/$(basename "$stage" .sh).line"
  echo "=== $(cat "$results/$(basename "$stage" .sh).line")"
}

second=()
for stage in "$root"/tests/tools/stages/*.sh; do
  name=$(basename "$stage" .sh); name=${name#*-}
  selected "$name" || continue
  if [ "${PARALLEL_STAGES:-1}" != 0 ] && grep -q '^# lane: podman' "$stage"; then
    second+=("$stage")
  fi
done
lane_pid=""
if [ ${#second[@]} -gt 0 ]; then
  ( for stage in "${second[@]}"; do run_stage "$stage" >"$results/$(basename "$stage" .sh).log" 2>&1; done ) &
  lane_pid=$!
  echo "=== in a second lane: $(for s in "${second[@]}"; do n=$(basename "$s" .sh); printf '%s ' "${n#*-}"; done)"
fi

for stage in "$root"/tests/tools/stages/*.sh; do
  name=$(basename "$stage" .sh); name=${name#*-}
  selected "$name" || continue
  [[ " ${second[*]} " == *" $stage "* ]] && continue
  run_stage "$stage"
done

if [ -n "$lane_pid" ]; then
  wait "$lane_pid"
  for stage in "${second[@]}"; do cat "$results/$(basename "$stage" .sh).log"; done
fi

passed=0; failed=0
echo
for line in "$results"/*.line; do
  [ -e "$line" ] || continue
  cat "$line"
  if grep -q ' passed in ' "$line"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "all stages in $(( $(date +%s) - t0 )) s"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
