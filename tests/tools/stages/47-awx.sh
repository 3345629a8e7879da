#!/usr/bin/env bash
# AWX's way of running the playbooks: the execution environment built as a venv from execution-environment.yml
# alone (tests/tools/ee_env.py, cached by content), then the job templates and the workflow of awx_setup.yml
# through that environment's ansible-runner against the emulator (tests/awx/). AWX_PORT picks the port (5097).
set -euo pipefail
export EMULATOR_PORT=${AWX_PORT:-5097}
source "$(dirname "$0")/../env.sh"
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
cd "$root"
start=$(date +%s)
python tests/tools/ee_env.py >/dev/null
echo "execution environment ready in $(( $(date +%s) - start )) s"
AWS_ENDPOINT_URL_AWX="http://127.0.0.1:$EMULATOR_PORT" python -m pytest -q -p no:cacheprovider --durations=0 tests/awx
