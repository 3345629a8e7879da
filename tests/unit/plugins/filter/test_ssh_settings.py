# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ssh_settings: the crypto by OpenSSH version and the lockout guard of the hardening role."""

from __future__ import annotations

import pathlib

import yaml

from ansible_collections.imageforge.image_builder.plugins.filter.ssh_settings import FilterModule

ROLE_VARS = pathlib.Path(__file__).resolve().parents[4] / "roles" / "hardening" / "vars" / "main.yml"
CRYPTO = yaml.safe_load(ROLE_VARS.read_text())["__hardening_ssh_crypto"]
ssh_settings = FilterModule().filters()["ssh_settings"]


def test_kex_follows_the_openssh_version():
    new = ssh_settings(["sshd OpenSSH_10.0", "keys admin"], {"crypto": CRYPTO})
    assert new["version"] == "10.0"
    assert new["kex"][:3] == ["mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"]
    bookworm = ssh_settings(["sshd OpenSSH_9.2", "keys admin"], {"crypto": CRYPTO})
    assert bookworm["kex"][0] == "sntrup761x25519-sha512@openssh.com" and "mlkem768x25519-sha256" not in bookworm["kex"]
    old = ssh_settings(["keys admin"], {"crypto": CRYPTO})  # no version found: 7.4, no post-quantum kex
    assert old["version"] == "7.4" and old["kex"] == CRYPTO["kex_base"]
    assert old["ciphers"] == CRYPTO["ciphers"] and old["macs"] == CRYPTO["macs"]


def test_overrides_win():
    out = ssh_settings(["sshd OpenSSH_9.2"], {"crypto": CRYPTO, "ciphers": ["aes256-ctr"], "kex": ["curve25519-sha256"]})
    assert out["ciphers"] == ["aes256-ctr"] and out["kex"] == ["curve25519-sha256"] and out["macs"] == CRYPTO["macs"]


def test_no_key_path_is_a_lockout_risk_with_a_warning():
    out = ssh_settings(["sshd OpenSSH_9.2", "nouser deploy"], {"crypto": CRYPTO, "context": "host"})
    assert out["lockout_risk"] is True and out["key_paths"] == []
    assert out["warnings"][0].startswith("5.1 lockout guard: no key-based login path found (no authorized_keys for nouser deploy")
    assert out["warnings"][0].endswith("were still restricted")
    skip = ssh_settings([], {"crypto": CRYPTO, "lockout_action": "skip"})
    assert skip["warnings"][0].endswith("were left unchanged")


def test_root_keys_do_not_count_when_root_login_is_off():
    facts = ["keys root"]
    assert ssh_settings(facts, {"crypto": CRYPTO, "permit_root_login": "no"})["lockout_risk"] is True
    assert ssh_settings(facts, {"crypto": CRYPTO, "permit_root_login": "prohibit-password"})["key_paths"] == ["root"]


def test_allow_users_limits_the_key_paths_and_warns_about_cloud_init_user():
    facts = ["keys admin", "keys ops", "cloud-init", "cloud-user debian"]
    out = ssh_settings(facts, {"crypto": CRYPTO, "allow_users": ["ops"], "context": "image_build"})
    assert out["key_paths"] == ["ops", "cloud-init"] and out["lockout_risk"] is False
    assert out["warnings"] == ["5.1 AllowUsers does not list cloud-init default user debian: instances built from this image would refuse it"]


def test_cloud_init_counts_only_outside_a_live_host_and_eic_counts_everywhere():
    assert ssh_settings(["cloud-init"], {"crypto": CRYPTO, "context": "host"})["lockout_risk"] is True
    assert ssh_settings(["cloud-init"], {"crypto": CRYPTO, "context": "container"})["key_paths"] == ["cloud-init"]
    assert ssh_settings(["eic"], {"crypto": CRYPTO, "context": "host"})["key_paths"] == ["ec2-instance-connect"]


def test_password_logins_allowed_is_no_risk():
    out = ssh_settings([], {"crypto": CRYPTO, "password_authentication": True, "permit_root_login": "yes"})
    assert out["lockout_risk"] is False and out["warnings"] == []
