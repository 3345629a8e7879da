#!/usr/bin/env bash
# lane: podman
# component_run end to end: role_component publishes the hardening role (emulator), component_run
# runs the generated build and test components in a podman systemd container, and the result
# passes the validation role just as a container hardened by applying the role directly does.
#   COMPONENT_RUN_PORT (emulator port, default 5093)  COMPONENT_RUN_IMAGE (default localhost/bookworm-systemd)
#   VALIDATION_ROLE (default image_validation)  ROLES_DIR (default roles/; a folder holding hardening and the validation role)
set -euo pipefail
export EMULATOR_PORT=${COMPONENT_RUN_PORT:-5093}
source "$(dirname "$0")/../env.sh"
bash "$root/tests/tools/setup.sh" >/dev/null
eval "$(SUITES="${COMPONENT_RUN_SUITE:-bookworm}" ROOTFS_SUITE= bash "$root/tests/tools/podman-setup.sh" --env)"
image=${COMPONENT_RUN_IMAGE:-localhost/bookworm-systemd}
validation=${VALIDATION_ROLE:-image_validation}
roles_dir=${ROLES_DIR:-$root/roles}
reports="$root/.tmp/component-run"
mkdir -p "$reports"

"$root/tests/tools/emulator.sh" start
containers=(if-component-run if-component-direct)
cleanup() {
  podman rm -f "${containers[@]}" >/dev/null 2>&1 || true
  "$root/tests/tools/emulator.sh" stop
}
trap cleanup EXIT
for c in "${containers[@]}"; do
  podman rm -f "$c" >/dev/null 2>&1 || true
  podman run -d --name "$c" --systemd=always "$image" /sbin/init >/dev/null
done

start=$(date +%s)
ANSIBLE_ROLES_PATH="$roles_dir" ANSIBLE_PIPELINING=true ansible-playbook \
  -i "$root/tests/component_run/inventory.ini" "$root/tests/component_run/playbook.yml" \
  -e "aws_endpoint_url=http://127.0.0.1:$EMULATOR_PORT" -e "roles_dir=$roles_dir" \
  -e "validation_role=$validation" -e "report_dir=$reports"
echo "65-component-run: passed in $(( $(date +%s) - start )) s; component times: $(cat "$reports/timing.json")"
