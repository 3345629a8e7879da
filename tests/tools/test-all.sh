#!/usr/bin/env bash
# Run every test stage in tests/tools/stages in name order and print one summary line.
# ONLY=unit,integration runs a subset (stage names without their number).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tests/tools/setup.sh" || exit 1
passed=0; failed=0; report=""
for stage in "$root"/tests/tools/stages/*.sh; do
  name=$(basename "$stage" .sh); name=${name#*-}
  if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  echo "=== stage: $name"
  start=$(date +%s)
  if bash "$stage"; then
    passed=$((passed + 1)); verdict=passed
  else
    failed=$((failed + 1)); verdict=FAILED
  fi
  line="stage $name $verdict in $(( $(date +%s) - start )) s"
  echo "=== $line"; report+="$line"$'\n'
done
printf '\n%s' "$report"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
