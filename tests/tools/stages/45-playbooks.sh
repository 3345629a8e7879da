#!/usr/bin/env bash
# The AWX playbooks end to end on the emulator from one definition file (tests/playbooks/):
# pipeline -> build -> share -> validate -> changed component -> cleanup -> state absent, with
# no-write reruns. PLAYBOOKS_PORT picks the emulator port (default 5095).
set -euo pipefail
export EMULATOR_PORT=${PLAYBOOKS_PORT:-5095}
source "$(dirname "$0")/../env.sh"
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
cd "$root"
AWS_ENDPOINT_URL_E2E="http://127.0.0.1:$EMULATOR_PORT" python -m pytest -q -p no:cacheprovider tests/playbooks
