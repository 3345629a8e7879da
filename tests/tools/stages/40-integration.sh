#!/usr/bin/env bash
# ansible-test integration targets against the emulator. TARGETS="component ..." runs a subset.
# Every request is also logged to .tmp/iam-requests.jsonl for the least-privilege stage (75-iam).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
export EMULATOR_REQUEST_LOG="$root/.tmp/iam-requests.jsonl"
mkdir -p "$root/.tmp"; : >"$EMULATOR_REQUEST_LOG"
"$root/tests/tools/emulator.sh" stop
"$root/tests/tools/emulator.sh" start
trap '"$root/tests/tools/emulator.sh" stop' EXIT
dest=$("$root/tests/tools/collection-copy.sh")
sed "s#@ENDPOINT@#http://127.0.0.1:$EMULATOR_PORT#" "$root/tests/integration/cloud-config-aws.ini.emulator" \
  >"$dest/tests/integration/cloud-config-aws.ini"
cd "$dest"
targets=${TARGETS:-$(ls tests/integration/targets | grep -v '^setup_' | tr '\n' ' ')}
# shellcheck disable=SC2086
ansible-test integration --python 3.11 --local --color no --continue-on-error $targets
