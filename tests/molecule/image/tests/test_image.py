"""Image profile: hardening + image_cleanup leave nothing instance-specific behind."""
import pytest


def test_machine_id_empty(host):
    f = host.file("/etc/machine-id")
    # systemd regenerates an empty (or absent) machine-id on first boot
    assert not f.exists or f.content_string.strip() in ("", "uninitialized")


def test_dbus_machine_id_not_a_copy(host):
    f = host.file("/var/lib/dbus/machine-id")
    assert not f.exists or f.is_symlink or f.content_string.strip() == ""


@pytest.mark.parametrize("kind", ["rsa", "ecdsa", "ed25519"])
def test_ssh_host_keys_removed(host, kind):
    assert not host.file(f"/etc/ssh/ssh_host_{kind}_key").exists
    assert not host.file(f"/etc/ssh/ssh_host_{kind}_key.pub").exists


def test_shell_history_removed(host):
    out = host.run("ls -1 /root/.bash_history /home/*/.bash_history 2>/dev/null")
    assert out.stdout.strip() == ""


def test_apt_cache_clean(host):
    out = host.check_output("find /var/cache/apt/archives -name '*.deb' | head -5")
    assert out.strip() == ""


def test_apt_lists_clean(host):
    out = host.check_output("find /var/lib/apt/lists -maxdepth 1 -type f ! -name lock | head -5")
    assert out.strip() == ""


def test_tmp_clean(host):
    out = host.check_output("find /tmp /var/tmp -mindepth 1 -maxdepth 1 ! -name 'systemd-private-*' ! -name 'imageforge-*' ! -name '.*-unix' | head -5")
    assert out.strip() == ""
