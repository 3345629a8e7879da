# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""system_config: one call writes files, edits keys and lines, narrows permissions and enables units."""

from __future__ import annotations

import os
import stat

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._host import system_config as sc
from ansible_collections.imageforge.image_builder.plugins.modules import system_config

from .conftest import run_host_module

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="chown needs root")


def run(monkeypatch, check=False, diff=False, units=None, **args):
    """(result, failed, systemctl calls). `units` is list-unit-files' answer: {unit: state}."""

    def answer(argv):
        if argv[:2] == ["systemctl", "list-unit-files"]:
            return 0, "".join(f"{u} {s} {s}\n" for u, s in (units or {}).items()), ""
        return 0, "", ""

    return run_host_module(monkeypatch, system_config, dict(args, _ansible_check_mode=check, _ansible_diff=diff), answer)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@ROOT_ONLY
def test_files_are_written_once_then_left_alone(monkeypatch, tmp_path):
    target = tmp_path / "60-hardening.conf"
    files = [{"path": str(target), "content": "[Journal]\nStorage=persistent\n", "mode": "0600"}]
    result, failed, *_ignored = run(monkeypatch, check=True, files=files)
    assert not failed and result["changed"] and result["changed_paths"] == [str(target)]
    assert not target.exists()  # check mode wrote nothing
    result, *_ignored = run(monkeypatch, diff=True, files=files)
    assert result["changed"] and target.read_text() == "[Journal]\nStorage=persistent\n" and mode(target) == 0o600
    assert result["diff"][0]["after"] == "[Journal]\nStorage=persistent\n"
    result, *_ignored = run(monkeypatch, files=files)
    assert not result["changed"] and result["changed_paths"] == []


@ROOT_ONLY
def test_a_file_with_the_right_content_gets_its_mode_fixed(monkeypatch, tmp_path):
    target = tmp_path / "issue"
    target.write_text("Authorized access only.\n")
    os.chmod(target, 0o666)
    result, *_ignored = run(monkeypatch, files=[{"path": str(target), "content": "Authorized access only.\n"}])
    assert result["changed"] and mode(target) == 0o644


@ROOT_ONLY
def test_a_failing_validation_leaves_the_old_file(monkeypatch, tmp_path):
    target = tmp_path / "sshd.conf"
    target.write_text("old\n")
    result, failed, *_ignored = run(monkeypatch, files=[{"path": str(target), "content": "new\n", "validate": "/bin/false %s"}])
    assert failed and "validation failed" in result["msg"]
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sshd.conf"]  # no temporary file left behind


@ROOT_ONLY
def test_settings_replace_the_active_then_the_commented_line_then_append(monkeypatch, tmp_path):
    defs = tmp_path / "login.defs"
    defs.write_text("# PASS_MAX_DAYS comment line\nPASS_MAX_DAYS\t99999\n#UMASK 022\nOTHER 1\n")
    os.chmod(defs, 0o640)
    kv = [{"path": str(defs), "separator": " ", "values": {"PASS_MAX_DAYS": 365, "UMASK": "027", "ENCRYPT_METHOD": "YESCRYPT"}}]
    result, *_ignored = run(monkeypatch, check=True, settings=kv)
    assert result["changed"] and "99999" in defs.read_text()
    result, *_ignored = run(monkeypatch, settings=kv)
    assert result["changed_paths"] == [str(defs)]
    assert defs.read_text() == "# PASS_MAX_DAYS comment line\nPASS_MAX_DAYS 365\nUMASK 027\nOTHER 1\nENCRYPT_METHOD YESCRYPT\n"
    assert mode(defs) == 0o640  # kept
    result, *_ignored = run(monkeypatch, settings=kv)
    assert not result["changed"]


def test_settings_and_lines_skip_a_missing_file_unless_create(monkeypatch, tmp_path):
    missing = tmp_path / "auditd.conf"
    result, failed, *_ignored = run(
        monkeypatch,
        settings=[{"path": str(missing), "separator": " = ", "values": {"num_logs": 5}}],
        lines=[{"path": str(missing), "regexp": "^x", "line": "x"}],
    )
    assert not failed and not result["changed"] and not missing.exists()


@ROOT_ONLY
def test_lines_insert_at_the_anchor_and_replace_later(monkeypatch, tmp_path):
    su = tmp_path / "su"
    su.write_text("auth       sufficient pam_rootok.so\nsession    required   pam_env.so\n")
    line = {
        "path": str(su),
        "regexp": r"^#?\s*auth\s+required\s+pam_wheel\.so",
        "line": "auth       required   pam_wheel.so use_uid group=sugroup",
        "insert_after": r"^auth\s+sufficient\s+pam_rootok\.so",
    }
    run(monkeypatch, lines=[line])
    assert su.read_text().splitlines()[1] == "auth       required   pam_wheel.so use_uid group=sugroup"
    result, *_ignored = run(monkeypatch, lines=[line])
    assert not result["changed"]
    include = {"path": str(su), "regexp": "^Include", "line": "Include /x", "insert_before": "BOF", "mode": "0600"}
    run(monkeypatch, lines=[include])
    assert su.read_text().startswith("Include /x\n") and mode(su) == 0o600


@ROOT_ONLY
def test_permissions_only_remove_bits_and_skip_missing_paths(monkeypatch, tmp_path):
    wide, strict = tmp_path / "crontab", tmp_path / "shadow"
    wide.write_text("x")
    strict.write_text("x")
    os.chmod(wide, 0o666)
    os.chmod(strict, 0o400)
    perms = [{"path": str(wide), "mode": "0600"}, {"path": str(strict), "mode": "0644"}, {"path": str(tmp_path / "missing"), "mode": "0600"}]
    result, *_ignored = run(monkeypatch, check=True, permissions=perms)
    assert result["changed_paths"] == [str(wide)] and mode(wide) == 0o666
    result, *_ignored = run(monkeypatch, permissions=perms)
    assert mode(wide) == 0o600 and mode(strict) == 0o400
    result, *_ignored = run(monkeypatch, permissions=perms)
    assert not result["changed"]


def test_absent_and_directories(monkeypatch, tmp_path):
    deny, new_dir = tmp_path / "cron.deny", tmp_path / "a" / "b"
    deny.write_text("")
    result, *_ignored = run(monkeypatch, absent=[str(deny), str(tmp_path / "at.deny")], directories=[str(new_dir)])
    assert result["changed_paths"] == [str(new_dir), str(deny)]
    assert new_dir.is_dir() and not deny.exists()


def test_units_only_disabled_ones_are_enabled_and_missing_ones_reported(monkeypatch):
    units = {
        "auditd.service": "disabled",
        "apparmor.service": "enabled",
        "cups.service": "enabled",
        "apt-daily-upgrade.timer": "disabled",
        "rsync.service": "disabled",
    }
    result, _failed, calls = run(
        monkeypatch, units=units, units_enabled=["auditd", "apparmor", "apt-daily-upgrade.timer", "fail2ban"], units_disabled=["cups", "rsync", "nfs-server"]
    )
    assert result["enabled_units"] == ["auditd", "apt-daily-upgrade.timer"]
    assert result["disabled_units"] == ["cups"] and result["missing_units"] == ["fail2ban"]
    assert ["systemctl", "enable", "auditd", "apt-daily-upgrade.timer"] in calls
    assert ["systemctl", "disable", "cups"] in calls
    result, _failed, calls = run(monkeypatch, check=True, units=units, units_enabled=["auditd"])
    assert result["changed"] and not any(c[1] == "enable" for c in calls)  # check mode: no write call


def test_bad_modes_fail_before_any_change(monkeypatch, tmp_path):
    target = tmp_path / "f"
    result, failed, *_ignored = run(monkeypatch, files=[{"path": str(target), "content": "x", "mode": "rw-r--r--"}], absent=[str(target)])
    assert failed and "not an octal mode" in result["msg"]
    both = [{"path": str(target), "regexp": "x", "line": "x", "insert_before": "BOF", "insert_after": "y"}]
    result, failed, *_ignored = run(monkeypatch, lines=both)
    assert failed and "both insert_before and insert_after" in result["msg"]


def test_set_keys_with_an_equals_separator():
    text, changed = sc.set_keys("max_log_file = 8\n# num_logs = 5\n", " = ", {"max_log_file": 50, "num_logs": 5})
    assert text == "max_log_file = 50\nnum_logs = 5\n" and changed == ["max_log_file", "num_logs"]


@ROOT_ONLY
def test_a_block_goes_first_and_later_settings_of_its_keywords_are_commented_out(monkeypatch, tmp_path):
    main = tmp_path / "sshd_config"
    main.write_text("Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding yes\nUsePAM yes\nMatch User backup\n  X11Forwarding yes\n")
    block = [{"path": str(main), "marker": "hardening", "content": "X11Forwarding no\nMaxSessions 2\n", "mode": "0600"}]
    result, failed, *_ignored = run(monkeypatch, blocks=block)
    assert not failed and result["changed_paths"] == [str(main)]
    assert main.read_text() == (
        "# BEGIN hardening\nX11Forwarding no\nMaxSessions 2\n# END hardening\n"
        "Include /etc/ssh/sshd_config.d/*.conf\n# X11Forwarding yes  # set above by hardening\n"
        "UsePAM yes\nMatch User backup\n  X11Forwarding yes\n"
    )
    assert mode(main) == 0o600
    result, *_ignored = run(monkeypatch, blocks=block)
    assert not result["changed"]
    block[0]["content"] = "X11Forwarding no\nMaxSessions 3\n"
    run(monkeypatch, blocks=block)
    assert main.read_text().count("# BEGIN hardening") == 1 and "MaxSessions 3\n" in main.read_text()
