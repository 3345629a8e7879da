#!/usr/bin/env bash
# Least privilege: every API call a module made during the integration targets (the emulator's request
# log, written by 40-integration.sh) must be allowed by that module's policy in docs/iam/<module>.json.
# The modules name themselves in the User-Agent; the emulator records that name.
# IAM_WRITE=1 adds the missing actions to the policies instead of failing (review the diff).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
log="$root/.tmp/iam-requests.jsonl"
if [ ! -s "$log" ]; then
  echo "75-iam: no request log yet; running the integration targets first"
  bash "$root/tests/tools/stages/40-integration.sh"
fi
python -c 'import json, sys; print(json.dumps([json.loads(l) for l in open(sys.argv[1]) if l.strip()]))' "$log" >"$root/.tmp/iam-requests.json"
python "$root/tests/iam/check_policies.py" "$root/.tmp/iam-requests.json" ${IAM_WRITE:+--write}
