#!/usr/bin/env bash
# Benchmark: how long the hardening role takes on fresh Debian 12 and 13 systemd containers,
# run with -c local inside the target (as the role component's document runs it in an Image
# Builder build) and over the podman connection (as molecule does), first run and second run,
# beside dev-sec's os_hardening + ssh_hardening from the same run (the devsec.hardening
# collection of the `ansible` package in .venv; DEVSEC_PATH=<dir holding
# ansible_collections/devsec/hardening> overrides it). Prints a markdown table with the load
# average at the start of each run; writes tests/bench/results/hardening_speed.json.
#   bash tests/bench/hardening_speed.sh
#   RELEASES=trixie MODES="local podman" bash tests/bench/hardening_speed.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$root/tests/tools/env.sh"
eval "$(ROOTFS_SUITE= bash "$root/tests/tools/podman-setup.sh" --env)"
export NO_COLOR=1 ANSIBLE_FORCE_COLOR=0
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
exec python "$root/tests/bench/hardening_speed.py" "$@"
