#!/usr/bin/env bash
# Benchmark (not a test): API calls (emulator counters) and wall time of a no-change run of an
# image_recipe task whose recipe has N components (default 10), next to the first run.
# Usage: tests/bench/recipe_nochange.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/tools/env.sh"
n=${1:-10}
export EMULATOR_PORT=${BENCH_PORT:-5072}
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
"$root/tests/tools/emulator.sh" start "$EMULATOR_PORT"
trap '"$root/tests/tools/emulator.sh" stop "$EMULATOR_PORT"' EXIT
endpoint="http://127.0.0.1:$EMULATOR_PORT"
counters() { curl -sf "$endpoint/_emulator/counters"; }
reset() { curl -sf -X POST "$endpoint/_emulator/counters/reset" >/dev/null; }
calls() {
  python -c '
import json, sys
c = json.load(sys.stdin)
ops = ", ".join("%s %d" % (k.split(":")[1], v) for k, v in sorted(c["operations"].items()))
print("%d calls (%d reads, %d writes): %s" % (c["reads"] + c["writes"], c["reads"], c["writes"], ops))'
}

mkdir -p "$root/.tmp"
setup="$root/.tmp/bench-recipe-setup.yml"
play="$root/.tmp/bench-recipe.yml"
cat >"$setup" <<YAML
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: $n components for the recipe
      imageforge.image_builder.component:
        name: "bench-part-{{ item }}"
        platform: Linux
        endpoint_url: "$endpoint"
        region: us-east-1
        src: "$root/playbooks/files/hello-component.yml"
      loop: "{{ range($n) | list }}"
YAML
cat >"$play" <<YAML
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: A recipe of $n components
      imageforge.image_builder.image_recipe:
        name: bench-recipe
        endpoint_url: "$endpoint"
        region: us-east-1
        parent_image: amazon-linux-2023-x86
        components: "{{ range($n) | map('string') | map('regex_replace', '^', 'bench-part-') | map('community.general.dict_kv', 'name') | list }}"
      register: recipe
    - name: Fail unless the rerun changed nothing
      ansible.builtin.assert:
        that: recipe is not changed or run == 'first'
YAML
ansible-playbook -i localhost, -e "ansible_python_interpreter=$root/.venv/bin/python" "$setup" >/dev/null
for run in first no-change; do
  reset
  t0=$(date +%s.%N)
  ansible-playbook -i localhost, -e "ansible_python_interpreter=$root/.venv/bin/python" -e "run=$run" "$play" >/dev/null
  t1=$(date +%s.%N)
  printf '%-9s image_recipe task, %s components: %.2f s, %s\n' "$run" "$n" "$(echo "$t1 - $t0" | bc)" "$(counters | calls)"
done
