# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""image_check: every check in one read-only call, each result carrying its rule ID and level."""

from __future__ import annotations

import os

from ansible_collections.imageforge.image_builder.plugins.module_utils._host import image_checks
from ansible_collections.imageforge.image_builder.plugins.modules import image_check

from .conftest import run_host_module


def run(monkeypatch, answers=None, check=False, **args):
    """(result, failed, commands run). `answers` maps a command's first words to its stdout."""

    def answer(argv):
        for prefix, out in (answers or {}).items():
            if " ".join(argv).startswith(prefix):
                return 0, out, ""
        return 1, "", ""

    return run_host_module(monkeypatch, image_check, dict(args, _ansible_check_mode=check), answer)


def by_name(result):
    return {r["name"]: r for r in result["results"]}


def test_every_check_type_passes_fails_or_skips_on_files(monkeypatch, tmp_path):
    conf = tmp_path / "sshd.conf"
    conf.write_text("MaxAuthTries 3\nX11Forwarding no\n")
    os.chmod(conf, 0o600)
    kv = tmp_path / "sysctl.conf"
    kv.write_text("# c\nnet.ipv4.ip_forward = 0\nkernel.sysrq = 1\nkernel.sysrq = 0\n")
    mp = tmp_path / "modprobe.conf"
    mp.write_text("install cramfs /bin/false\ninstall vfat /bin/false\n")
    fstab = tmp_path / "fstab"
    fstab.write_text("tmpfs /tmp tmpfs defaults,nodev,nosuid,noexec 0 0\ntmpfs /dev/shm tmpfs defaults 0 0\n")
    (tmp_path / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    (tmp_path / "machine-id").write_text("")
    result, failed, _calls = run(
        monkeypatch,
        context="container",
        checks=[
            {"name": "mode ok", "type": "file", "path": str(conf), "mode": "0600"},
            {"name": "mode wide", "type": "file", "path": str(conf), "mode": "0400"},
            {"name": "optional", "type": "file", "path": str(tmp_path / "nope"), "optional": True},
            {"name": "contains", "type": "contains", "path": str(conf), "patterns": ["^MaxAuthTries 3$"]},
            {"name": "contains bad", "type": "contains", "path": str(conf), "patterns": ["^MaxSessions 2$"]},
            {"name": "not there", "type": "absent_pattern", "path": str(conf), "patterns": ["^X11Forwarding yes"]},
            {"name": "kv", "type": "keyvalue", "path": str(kv), "separator": "=", "values": {"net.ipv4.ip_forward": 0, "kernel.sysrq": 0}},
            {"name": "modprobe", "type": "modprobe", "path": str(mp), "modules": ["cramfs"], "forbidden": ["vfat"]},
            {"name": "fstab", "type": "fstab", "path": str(fstab), "mountpoints": ["/tmp", "/dev/shm"], "options": ["noexec"]},
            {"name": "keys", "type": "private_keys", "paths": [str(tmp_path / "*")]},
            {"name": "empty", "type": "empty", "path": str(tmp_path / "machine-id")},
            {"name": "absent", "type": "absent", "paths": [str(tmp_path / "ssh_host_*_key")]},
            {"name": "sysctl", "type": "sysctl", "values": {"kernel.sysrq": 0}},
            {"name": "bogus", "type": "nope"},
        ],
    )
    r = by_name(result)
    assert not failed
    assert result["changed"] is False
    assert {k: v["status"] for k, v in r.items()} == {
        "mode ok": "pass",
        "mode wide": "fail",
        "optional": "skip",
        "contains": "pass",
        "contains bad": "fail",
        "not there": "pass",
        "kv": "fail",
        "modprobe": "fail",
        "fstab": "fail",
        "keys": "fail",
        "empty": "pass",
        "absent": "pass",
        "sysctl": "skip",
        "bogus": "fail",
    }
    assert r["mode wide"]["detail"] == "mode 0600 is wider than 0400"
    assert r["kv"]["detail"] == "kernel.sysrq=1 (want 0)"  # a key's first value counts
    assert r["modprobe"]["detail"] == "must stay loadable: vfat"
    assert r["fstab"]["detail"] == "/dev/shm lacks noexec"
    assert r["sysctl"]["detail"] == "runtime value: not readable in a container"
    assert (result["passed_count"], result["failed_count"], result["skipped_count"]) == (5, 7, 2)


def test_each_result_carries_the_rule_id_level_and_group(monkeypatch, tmp_path):
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0::/root:/bin/sh\n")
    os.chmod(target, 0o664)
    result, *_ignored = run(
        monkeypatch,
        checks=[{"id": "7.1.1", "level": "level1", "group": "hardening", "name": "7.1.1 passwd", "type": "file", "path": str(target), "mode": "0644"}],
    )
    assert result["results"] == [
        {
            "id": "7.1.1",
            "level": "level1",
            "group": "hardening",
            "name": "7.1.1 passwd",
            "type": "file",
            "status": "fail",
            "detail": "mode 0664 is wider than 0644",
        }
    ]


def test_a_broken_check_fails_alone(monkeypatch, tmp_path):
    result, failed, _calls = run(
        monkeypatch,
        checks=[
            {"name": "no values", "type": "keyvalue", "path": str(tmp_path)},  # a directory: reading it raises
            {"name": "fine", "type": "empty", "path": str(tmp_path / "none")},
        ],
    )
    r = by_name(result)
    assert not failed
    assert r["no values"]["status"] == "fail"
    assert r["no values"]["detail"].startswith("error: ")
    assert r["fine"]["status"] == "pass"


def test_service_and_package_states_come_from_systemctl_and_dpkg(monkeypatch):
    monkeypatch.setattr(image_checks.shutil, "which", lambda name: "/usr/bin/" + name if name == "dpkg-query" else None)
    answers = {
        "systemctl is-enabled ssh.service": "enabled\n",
        "systemctl is-enabled rsh.service": "disabled\n",
        "systemctl is-enabled telnet.socket": "enabled\n",
        "dpkg-query": "aide installed\nauditd installed\nnis deinstall\n",
    }
    result, _failed, calls = run(
        monkeypatch,
        answers=answers,
        check=True,
        checks=[
            {"name": "on", "type": "service", "names": ["ssh"], "state": "enabled"},
            {"name": "off", "type": "service", "names": ["rsh", "telnet.socket"], "state": "disabled"},
            {"name": "pkgs", "type": "package", "names": ["aide", "auditd"]},
            {"name": "gone", "type": "package", "names": ["nis", "telnet"], "state": "absent"},
            {"name": "missing", "type": "package", "names": ["aide", "fail2ban"]},
        ],
    )
    r = by_name(result)
    assert {k: v["status"] for k, v in r.items()} == {"on": "pass", "off": "fail", "pkgs": "pass", "gone": "pass", "missing": "fail"}
    assert r["off"]["detail"] == "telnet.socket is enabled"
    assert r["missing"]["detail"] == "not installed: fail2ban"
    assert sum(c[0] == "dpkg-query" for c in calls) == 1  # the package list is read once


def test_ports_from_ss_and_none_in_a_chroot(monkeypatch):
    monkeypatch.setattr(image_checks.shutil, "which", lambda name: "/usr/bin/ss" if name == "ss" else None)
    listening = "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 128 [::]:111 [::]:*\n"
    result, *_ignored = run(monkeypatch, answers={"ss -tlnH": listening}, checks=[{"name": "ports", "type": "ports", "allowed": [22]}])
    assert by_name(result)["ports"] == dict(by_name(result)["ports"], status="fail", detail="not allowed: [111] (listening: [22, 111])")
    result, _failed, calls = run(monkeypatch, context="chroot", checks=[{"name": "ports", "type": "ports", "allowed": []}])
    assert by_name(result)["ports"]["status"] == "skip"
    assert calls == []


def test_check_types_are_the_checkers_methods():
    for kind in image_checks.CHECK_TYPES:
        assert callable(getattr(image_checks.Checker, kind))


def test_an_unknown_context_is_refused_before_any_check(monkeypatch):
    result, failed, calls = run(monkeypatch, context="vm", checks=[{"name": "x", "type": "empty", "path": "/nonexistent"}])
    assert failed
    assert "context" in result["msg"]
    assert calls == []
