#!/usr/bin/env bash
# Run every test stage in tests/tools/stages in order; stop at the first failure.
# ONLY=unit,integration runs a subset.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tests/tools/setup.sh"
failed=0
for stage in "$root"/tests/tools/stages/*.sh; do
  name=$(basename "$stage" .sh); name=${name#*-}
  if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  echo "=== stage: $name"
  start=$(date +%s)
  if bash "$stage"; then
    echo "=== stage $name passed in $(( $(date +%s) - start )) s"
  else
    echo "=== stage $name FAILED in $(( $(date +%s) - start )) s"
    failed=1
    break
  fi
done
exit $failed
