#!/usr/bin/env bash
# Set up, start the emulator, and run playbooks/demo.yml twice: the second run must change nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tests/tools/setup.sh"
source "$root/tests/tools/env.sh"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
endpoint="http://127.0.0.1:$EMULATOR_PORT"
run() { ansible-playbook -i localhost, -e "aws_endpoint_url=$endpoint" -e "ansible_python_interpreter=$root/.venv/bin/python" "$root/playbooks/demo.yml" "$@"; }
echo "== first run"
run
curl -sf -X POST "$endpoint/_emulator/counters/reset" >/dev/null
echo "== second run (expect changed=0)"
run | tee "$root/.tmp/demo-rerun.log"
grep -Eq 'changed=0 +unreachable=0 +failed=0' "$root/.tmp/demo-rerun.log"
echo "== API calls on the rerun: $(curl -sf "$endpoint/_emulator/counters")"
