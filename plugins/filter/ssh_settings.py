# -*- coding: utf-8 -*-
# Copyright: Contributors to the imageforge.image_builder collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hardening role's SSH decisions: crypto by OpenSSH version and the lockout guard."""

from __future__ import annotations

import re
from typing import Any

DOCUMENTATION = r"""
name: ssh_settings
short_description: Decide the sshd crypto lists and whether a key-based login path remains
version_added: 0.1.0
description:
  - Used by the C(imageforge.image_builder.hardening) role. Reads the facts of the role's host probe
    (lines such as C(sshd OpenSSH_9.2), C(keys admin), C(cloud-init), C(cloud-user admin), C(eic)) and the
    role's SSH options, and returns the OpenSSH version, the Ciphers, MACs and KexAlgorithms to write, whether
    restricting logins risks a lockout, the login paths found, and the warnings to show.
  - KexAlgorithms gain ML-KEM and the standard sntrup761 name from OpenSSH 9.9 and sntrup761 from 8.5.
    An unknown version counts as 7.4.
options:
  _input:
    description: The probe's output lines.
    type: list
    elements: str
    required: true
  options:
    description:
      - C(crypto) (the role's C(__hardening_ssh_crypto)), C(ciphers), C(macs), C(kex) (overrides; empty picks by version),
        C(password_authentication), C(permit_root_login), C(allow_users), C(lockout_action), C(context).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Decide the SSH settings
  ansible.builtin.set_fact:
    ssh: "{{ probe.stdout_lines | imageforge.image_builder.ssh_settings({'crypto': crypto, 'context': 'image_build'}) }}"
"""

RETURN = r"""
_value:
  description: C(version), C(ciphers), C(macs), C(kex), C(lockout_risk), C(key_paths), C(warnings).
  type: dict
"""


def _version(facts: list[str]) -> tuple[str, tuple[int, ...]]:
    found = re.search(r"OpenSSH_([0-9]+\.[0-9]+)", " ".join(f for f in facts if f.startswith("sshd ")))
    text = found.group(1) if found else "7.4"
    return text, tuple(int(part) for part in text.split("."))


def _kex(version: tuple[int, ...], crypto: dict) -> list[str]:
    kex = []
    if version >= (9, 9):
        kex += crypto.get("kex_pq_mlkem", []) + crypto.get("kex_pq_sntrup_std", [])
    if version >= (8, 5):
        kex += crypto.get("kex_pq_sntrup", [])
    return kex + crypto.get("kex_base", [])


def _after(facts: list[str], prefix: str) -> list[str]:
    return [f[len(prefix):] for f in facts if f.startswith(prefix)]


def ssh_settings(facts: list[str], options: dict) -> dict:
    facts = [str(f) for f in facts or []]
    crypto = options.get("crypto") or {}
    version_text, version = _version(facts)
    root_off = options.get("permit_root_login", "no") == "no"
    restricts = not options.get("password_authentication", False) or root_off
    allow_users = list(options.get("allow_users") or [])
    keyed = [u for u in _after(facts, "keys ") if not (root_off and u == "root") and (not allow_users or u in allow_users)]
    paths = keyed + (["cloud-init"] if options.get("context", "host") != "host" and "cloud-init" in facts else [])
    paths += ["ec2-instance-connect"] if "eic" in facts else []
    warnings = []
    if restricts and not paths:
        who = [f for f in facts if f.startswith(("keys ", "nouser "))] or ["the admin user"]
        kept = "left unchanged" if options.get("lockout_action") == "skip" else "still restricted"
        warnings.append(f"5.1 lockout guard: no key-based login path found (no authorized_keys for {', '.join(who)}, no "
                        f"cloud-init or EC2 Instance Connect in an image build). PasswordAuthentication/PermitRootLogin were {kept}")
    cloud_user = next(iter(_after(facts, "cloud-user ")), "")
    if allow_users and cloud_user and cloud_user not in allow_users:
        warnings.append(f"5.1 AllowUsers does not list cloud-init default user {cloud_user}: "
                        "instances built from this image would refuse it")
    return dict(version=version_text,
                ciphers=list(options.get("ciphers") or crypto.get("ciphers", [])),
                macs=list(options.get("macs") or crypto.get("macs", [])),
                kex=list(options.get("kex") or _kex(version, crypto)),
                lockout_risk=restricts and not paths, key_paths=paths, warnings=warnings)


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"ssh_settings": ssh_settings}
