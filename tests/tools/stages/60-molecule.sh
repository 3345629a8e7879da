#!/usr/bin/env bash
# lane: podman
# Stage: roles on real (container) hosts and on a chroot image root.
#   1. tests/tools/podman-setup.sh: podman, runc, mmdebstrap, the two systemd images, the rootfs
#   2. molecule test for each scenario in tests/molecule/ (molecule is run from tests/,
#      which holds molecule/, so it finds molecule/<scenario>/molecule.yml)
#   3. the chroot scenario (tests/molecule/chroot/run.sh)
# Env: SCENARIOS="default image" (molecule scenarios), CHROOT=0 skips the chroot scenario.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=/dev/null
source "$root/tests/tools/env.sh"
export NO_COLOR=1 PY_COLORS=0 ANSIBLE_FORCE_COLOR=0
t_stage=$(date +%s)
timings=()
tick() { timings+=("$(printf '%-28s %4d s  %s' "$1" "$(( $(date +%s) - $2 ))" "$3")"); }
report() {
  echo "--- 60-molecule timings"
  printf '%s\n' "${timings[@]}"
  echo "total                        $(( $(date +%s) - t_stage )) s"
}
trap report EXIT

for role in hardening image_cleanup image_validation; do
  if [ ! -f "$root/roles/$role/tasks/main.yml" ]; then
    echo "60-molecule: roles/$role has no tasks/main.yml yet" >&2
  fi
done

s=$(date +%s)
eval "$(bash "$root/tests/tools/podman-setup.sh" --env)"
tick podman-setup "$s" ok
echo "CONTAINERS_CONF=$CONTAINERS_CONF"

failed=0
cd "$root/tests"
for scenario in ${SCENARIOS:-$(ls -d molecule/*/ | xargs -n1 basename | while read -r d; do [ -f "molecule/$d/molecule.yml" ] && echo "$d"; done)}; do
  s=$(date +%s)
  echo "=== molecule test -s $scenario"
  if molecule test -s "$scenario"; then
    tick "molecule $scenario" "$s" passed
  else
    tick "molecule $scenario" "$s" FAILED
    failed=1
  fi
done

if [ "${CHROOT:-1}" != 0 ]; then
  s=$(date +%s)
  echo "=== chroot scenario"
  if bash "$root/tests/molecule/chroot/run.sh"; then
    tick "chroot" "$s" passed
  else
    tick "chroot" "$s" FAILED
    failed=1
  fi
fi
exit $failed
