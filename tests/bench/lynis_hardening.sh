#!/usr/bin/env bash
# Benchmark: Lynis hardening index before -> after, for our hardening role, dev-sec's
# os_hardening + ssh_hardening (with the three container overrides) and nothing, on fresh
# bookworm and trixie systemd containers. Prints a markdown table; writes
# tests/bench/results/lynis.json. Not a test: it asserts nothing and is not a CI stage.
#   bash tests/bench/lynis_hardening.sh                  # all releases, all configurations
#   RELEASES=trixie CONFIGS="ours none" bash tests/bench/lynis_hardening.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$root/tests/tools/env.sh"
eval "$(bash "$root/tests/tools/podman-setup.sh" --env)"
export NO_COLOR=1 ANSIBLE_FORCE_COLOR=0
# DEVSEC_PATH: a directory holding ansible_collections/devsec/hardening (not in the ansible bundle).
[ -z "${DEVSEC_PATH:-}" ] || export ANSIBLE_COLLECTIONS_PATH="$DEVSEC_PATH:$ANSIBLE_COLLECTIONS_PATH"
exec python "$root/tests/bench/lynis_bench.py" "$@"
