"""Host profile: the live server keeps working after hardening."""


def test_sshd_service_running(host):
    svc = host.service("ssh")
    assert svc.is_running
    assert svc.is_enabled


def test_sshd_restarts(host):
    host.run_expect([0], "systemctl restart ssh")
    assert host.run("systemctl is-active ssh").stdout.strip() == "active"
    host.run_expect([0], "sshd -t")


def test_sshd_listens(host, sshd_effective):
    # minimal images have neither ss nor netstat: read /proc/net/tcp{,6} (port 22 = 0016, 0A = LISTEN)
    out = host.check_output("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null")
    port = int(sshd_effective.get("port", "22"))
    listening = [l for l in out.splitlines()[1:] if len(l.split()) > 3
                 and l.split()[1].endswith(":%04X" % port) and l.split()[3] == "0A"]
    assert listening, f"nothing listens on port {port}"


def test_host_keys_kept(host):
    assert host.file("/etc/ssh/ssh_host_ed25519_key").exists
