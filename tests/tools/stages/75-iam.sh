#!/usr/bin/env bash
# Least privilege: run the integration targets on the emulator, then check that every API call a module
# made is allowed by that module's policy in docs/iam/<module>.json (tests/iam/check_policies.py).
# The modules name themselves in the User-Agent; the emulator's request log records that name.
#   TARGETS="component image ..." runs a subset; IAM_PORT picks the emulator port (default 5096).
#   IAM_WRITE=1 adds the missing actions to the policies instead of failing (review the diff).
set -euo pipefail
export EMULATOR_PORT=${IAM_PORT:-5096}
source "$(dirname "$0")/../env.sh"
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
dest=$("$root/tests/tools/collection-copy.sh")
sed "s#@ENDPOINT@#http://127.0.0.1:$EMULATOR_PORT#" "$root/tests/integration/cloud-config-aws.ini.emulator" \
  >"$dest/tests/integration/cloud-config-aws.ini"
targets=${TARGETS:-$(ls "$dest/tests/integration/targets" | grep -v '^setup_' | tr '\n' ' ')}
log="$root/.tmp/iam-requests.json"
: >"$log.all"
status=0
for target in $targets; do
  curl -sf -X POST "http://127.0.0.1:$EMULATOR_PORT/_emulator/counters/reset" >/dev/null
  # a failing target is the integration stage's business; its calls are still checked here
  (cd "$dest" && ansible-test integration --python 3.11 --local "$target" >"$root/.tmp/iam-$target.log" 2>&1) \
    || echo "75-iam: target $target failed (see .tmp/iam-$target.log); its calls are still checked"
  curl -sf "http://127.0.0.1:$EMULATOR_PORT/_emulator/requests" >>"$log.all"
  echo >>"$log.all"
done
python -c 'import json,sys; print(json.dumps([r for line in open(sys.argv[1]) if line.strip() for r in json.loads(line)]))' "$log.all" >"$log"
python "$root/tests/iam/check_policies.py" "$log" ${IAM_WRITE:+--write} || status=$?
exit $status
