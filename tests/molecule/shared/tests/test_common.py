"""Checks that hold after hardening, whatever the profile (host or image)."""
import pytest


def test_sshd_config_is_valid(sshd_effective):
    assert sshd_effective, "sshd -T printed nothing"


@pytest.mark.parametrize(
    "key,expected",
    [
        ("passwordauthentication", "no"),
        ("permitemptypasswords", "no"),
        ("x11forwarding", "no"),
        ("hostbasedauthentication", "no"),
        ("ignorerhosts", "yes"),
        ("permituserenvironment", "no"),
    ],
)
def test_sshd_effective_setting(sshd_effective, key, expected):
    assert sshd_effective.get(key) == expected, f"sshd -T: {key} {sshd_effective.get(key)}"


def test_sshd_root_login_not_password(sshd_effective):
    assert sshd_effective.get("permitrootlogin") in ("no", "prohibit-password", "without-password", "forced-commands-only")


def test_sshd_max_auth_tries(sshd_effective):
    assert int(sshd_effective["maxauthtries"]) <= 4


def test_sshd_client_alive(sshd_effective):
    assert int(sshd_effective["clientaliveinterval"]) > 0


MODE_LIMITS = {
    "/etc/shadow": 0o137,   # at most 0640
    "/etc/gshadow": 0o137,
    "/etc/passwd": 0o133,   # at most 0644
    "/etc/group": 0o133,
    "/etc/ssh/sshd_config": 0o177,  # 0600
    "/etc/crontab": 0o177,
}


@pytest.fixture(scope="module")
def file_stats(host):
    """One call for all paths (every call is a podman exec): {path: (mode, owner)}."""
    out = host.run("stat -c '%%a %%U %%n'" + " %s" * len(MODE_LIMITS), *MODE_LIMITS).stdout
    return {n: (int(m, 8), u) for m, u, n in (line.split(" ", 2) for line in out.splitlines())}


@pytest.mark.parametrize("path", MODE_LIMITS)
def test_file_mode(file_stats, path):
    if path not in file_stats:
        pytest.skip(f"{path} absent")
    mode, owner = file_stats[path]
    assert owner == "root"
    assert mode & MODE_LIMITS[path] == 0, f"{path} mode {oct(mode)}"


def test_no_world_writable_files_in_etc(host):
    out = host.check_output("find /etc -xdev -type f -perm -0002 -print")
    assert out.strip() == ""


def test_sysctl_file_present(host):
    """The role lays the sysctl file down even where /proc/sys is read-only (containers)."""
    # files in /etc/sysctl.d that no package ships, with at least one key = value line
    out = host.check_output(
        "for f in /etc/sysctl.d/*.conf /etc/sysctl.conf; do [ -f \"$f\" ] || continue; "
        "dpkg -S \"$f\" >/dev/null 2>&1 && continue; "
        "grep -Eq '^[[:space:]]*[a-z0-9_.]+[[:space:]]*=' \"$f\" && echo \"$f\"; done; true"
    )
    files = out.split()
    assert files, "no sysctl file with settings laid down"
    content = host.check_output("cat %s", files[0]) if len(files) == 1 else host.check_output("cat " + " ".join(files))
    for key in ("kernel.randomize_va_space", "net.ipv4.conf.all.accept_redirects"):
        assert key in content, f"{key} missing from {files}"


def test_vfat_not_blacklisted(host):
    """vfat must stay loadable: the EFI system partition is vfat."""
    out = host.run(
        "grep -rEhs '^[[:space:]]*(blacklist[[:space:]]+vfat|install[[:space:]]+vfat[[:space:]])' "
        "/etc/modprobe.d /usr/lib/modprobe.d /lib/modprobe.d"
    )
    assert out.stdout.strip() == "", out.stdout


def test_some_filesystems_disabled(host):
    out = host.run("grep -rEhs '^[[:space:]]*install[[:space:]]+(cramfs|udf|hfsplus)[[:space:]]' /etc/modprobe.d")
    assert out.stdout.strip(), "no filesystem module is disabled in /etc/modprobe.d"


def _skip_unless_booted(host):
    if not host.file("/run/systemd/system").is_directory:
        pytest.skip("systemd is not running here (chroot): no units to check")


def _failed_units(host):
    out = host.check_output("systemctl list-units --failed --plain --no-legend | awk '{print $1}'")
    return set(out.split())


def test_no_new_failed_units(host):
    """A unit failed because of the roles is a bug; units failed before them are not ours."""
    _skip_unless_booted(host)
    baseline = set(host.file("/var/lib/imageforge-molecule/failed-units.baseline").content_string.split()) \
        if host.file("/var/lib/imageforge-molecule/failed-units.baseline").exists else set()
    host.run("systemctl is-system-running --wait")
    new = _failed_units(host) - baseline
    assert not new, f"units failed after the roles: {sorted(new)} (baseline {sorted(baseline)})"


def test_system_state(host):
    _skip_unless_booted(host)
    state = host.run("systemctl is-system-running").stdout.strip()
    baseline = host.file("/var/lib/imageforge-molecule/failed-units.baseline")
    if state == "degraded" and baseline.exists and baseline.content_string.split():
        pytest.skip("degraded before the roles already: " + baseline.content_string)
    assert state == "running", state
