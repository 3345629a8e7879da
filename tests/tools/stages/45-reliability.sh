#!/usr/bin/env bash
# Reliability on the emulator: the whole flow under throttling, HTTP 500s (half of them after the
# backend acted) and latency, with exactly one of each resource and a no-write rerun; the flow again
# where every 500 is a lost answer; and ansible-playbook killed partway through a copy, a share and
# a clean-up, then rerun until it converges with no orphans.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
port=${RELIABILITY_PORT:-$EMULATOR_PORT}
endpoint="http://127.0.0.1:$port"
"$root/tests/tools/emulator.sh" start "$port"
trap '"$root/tests/tools/emulator.sh" stop "$port"' EXIT
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL="$endpoint"
post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$endpoint$1" >/dev/null; }
flow() {
  ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" \
    -e "aws_endpoint_url=$endpoint" "$@" tests/reliability/flow.yml
}

post /_emulator/build_seconds '{"seconds": 2}'

echo "== flow at 20% throttling, 5% HTTP 500 (half after the backend acted), 200 ms latency"
post /_emulator/faults '{"throttle_rate": 0.2, "error_rate": 0.05, "after_rate": 0.5, "latency_ms": 200, "seed": 45}'
flow -e flow_phase=rerun -e flow_prefix=rel

echo "== flow where 30% of calls lose their answer after the backend acted (client tokens must prevent duplicates)"
post /_emulator/faults '{"error_rate": 0.3, "after_rate": 1.0, "seed": 46}'
flow -e flow_phase=create -e flow_prefix=lost
post /_emulator/faults '{}'
flow -e flow_phase=clean -e flow_prefix=lost

echo "== interrupted copy, share and clean-up"
python tests/reliability/interrupt.py "$endpoint"
