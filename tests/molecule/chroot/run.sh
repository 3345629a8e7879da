#!/usr/bin/env bash
# Chroot scenario: copy the prepared root filesystem, run the roles into it through the
# community.general.chroot connection (twice: the second run must change nothing), then run
# the shared testinfra checks plus tests/test_chroot.py with testinfra's chroot backend.
# Needs: tests/tools/podman-setup.sh (builds .tmp/rootfs/bookworm), root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
# shellcheck source=/dev/null
source "$root/tests/tools/env.sh"
suite=${ROOTFS_SUITE:-bookworm}
src="$root/.tmp/rootfs/$suite"
work="$root/.tmp/chroot-work/$suite"
[ -f "$src/.imageforge-complete" ] || { echo "chroot: $src missing; run tests/tools/podman-setup.sh" >&2; exit 2; }

cleanup() {
  for m in dev/pts dev proc sys; do
    mountpoint -q "$work/$m" && umount -l "$work/$m" || true
  done
}
trap cleanup EXIT
cleanup
rm -rf "$work"; mkdir -p "$(dirname "$work")"
cp -a "$src" "$work"
rm -f "$work/.imageforge-complete"
# what an image builder mounts; no service may start (policy-rc.d is the builder's job)
mount -t proc proc "$work/proc"
mount --rbind /sys "$work/sys" && mount --make-rslave "$work/sys"
mount --bind /dev "$work/dev"
mount --bind /dev/pts "$work/dev/pts" 2>/dev/null || true
printf '#!/bin/sh\nexit 101\n' > "$work/usr/sbin/policy-rc.d"; chmod 0755 "$work/usr/sbin/policy-rc.d"

inv="$root/.tmp/chroot-work/inventory.ini"
printf '[rootfs]\n%s ansible_connection=community.general.chroot ansible_host=%s ansible_python_interpreter=/usr/bin/python3\n' \
  "$suite-rootfs" "$work" > "$inv"
export ANSIBLE_ROLES_PATH="${IMAGEFORGE_ROLES_PREPEND:+$IMAGEFORGE_ROLES_PREPEND:}$root/roles"
export ANSIBLE_CALLBACK_RESULT_FORMAT=yaml

s=$(date +%s)
ansible-playbook -i "$inv" "$here/playbook.yml"
echo "chroot: converge $(( $(date +%s) - s )) s"
s=$(date +%s)
ansible-playbook -i "$inv" "$here/playbook.yml" | tee "$root/.tmp/chroot-work/rerun.log"
echo "chroot: rerun $(( $(date +%s) - s )) s"
if ! grep -Eq "changed=0 +unreachable=0 +failed=0" "$root/.tmp/chroot-work/rerun.log"; then
  echo "chroot: FAILED idempotence: the second run changed something" >&2
  exit 1
fi
rm -f "$work/usr/sbin/policy-rc.d"

cleanup
s=$(date +%s)
IMAGEFORGE_PROFILE=image IMAGEFORGE_ROOTFS="$work" PYTHONPATH="$here/../shared/tests" \
  python -m pytest -p no:cacheprovider -p imageforge_fixtures -q -rfEs \
  --connection=chroot --hosts="$work" "$here/tests" "$here/../shared/tests"
echo "chroot: checks $(( $(date +%s) - s )) s"
