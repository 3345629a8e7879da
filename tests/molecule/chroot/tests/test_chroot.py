"""Chroot (image-build) context: files are laid down, nothing ran, nothing is left behind."""
import os

import pytest

ROOTFS = os.environ.get("IMAGEFORGE_ROOTFS", "")


def test_no_process_left_in_rootfs():
    """No daemon may have been started inside the image while building it."""
    if not ROOTFS:
        pytest.skip("IMAGEFORGE_ROOTFS not set")
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.path.realpath(f"/proc/{pid}/root") == os.path.realpath(ROOTFS):
                left.append((pid, open(f"/proc/{pid}/cmdline").read().replace("\0", " ")))
        except OSError:
            continue
    assert not left, left


def test_no_builder_leftovers(host):
    assert not host.file("/usr/sbin/policy-rc.d").exists


def test_sshd_dropin_or_config_hardened(host):
    # the effective settings are checked in test_common; here: the file is root-owned, not writable by others
    out = host.check_output("ls /etc/ssh/sshd_config.d/ 2>/dev/null || true")
    for name in out.split():
        f = host.file(f"/etc/ssh/sshd_config.d/{name}")
        assert f.user == "root" and f.mode & 0o022 == 0, (name, oct(f.mode))


def test_machine_id_empty(host):
    f = host.file("/etc/machine-id")
    assert not f.exists or f.content_string.strip() in ("", "uninitialized")


@pytest.mark.parametrize("kind", ["rsa", "ecdsa", "ed25519"])
def test_ssh_host_keys_absent(host, kind):
    assert not host.file(f"/etc/ssh/ssh_host_{kind}_key").exists


def test_apt_cache_clean(host):
    assert host.check_output("find /var/cache/apt/archives -name '*.deb' | head -3").strip() == ""
