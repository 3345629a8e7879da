#!/usr/bin/env bash
# Benchmark (not a test): wall time and API calls of the component integration target, and of a
# first run and a no-change rerun of a playbook that manages N components (default 10).
# Usage: tests/bench/component_runs.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/tools/env.sh"
n=${1:-10}
export EMULATOR_PORT=${BENCH_PORT:-5071}
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
endpoint="http://127.0.0.1:$EMULATOR_PORT"
counters() { curl -sf "$endpoint/_emulator/counters"; }
reset() { curl -sf -X POST "$endpoint/_emulator/counters/reset" >/dev/null; }
calls() { python -c 'import json, sys; c = json.load(sys.stdin); print("%d calls (%d reads, %d writes)" % (c["reads"] + c["writes"], c["reads"], c["writes"]))'; }

play="$root/.tmp/bench-components.yml"
cat >"$play" <<YAML
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Manage $n components
      imageforge.image_builder.component:
        name: "bench-{{ item }}"
        platform: Linux
        endpoint_url: "$endpoint"
        region: us-east-1
        src: "$root/playbooks/files/hello-component.yml"
      loop: "{{ range($n) | list }}"
YAML
for run in first rerun; do
  reset
  t0=$(date +%s.%N)
  ansible-playbook -i localhost, -e "ansible_python_interpreter=$root/.venv/bin/python" "$play" >/dev/null
  t1=$(date +%s.%N)
  printf '%-7s playbook, %s components: %.1f s, %s\n' "$run" "$n" "$(echo "$t1 - $t0" | bc)" "$(counters | calls)"
done

"$root/tests/tools/emulator.sh" stop
trap - EXIT
t0=$(date +%s.%N)
TARGETS=component bash "$root/tests/tools/stages/40-integration.sh" >/dev/null 2>&1
t1=$(date +%s.%N)
printf 'integration target component (every check, create to cleanup): %.1f s\n' "$(echo "$t1 - $t0" | bc)"
