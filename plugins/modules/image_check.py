#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the imageforge.image_builder collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: image_check
short_description: Check a host or image against many rules in one read-only call
version_added: 0.1.0
description:
  - Runs every check of O(checks) on the target in a single module call and returns one result per check,
    with the check's rule ID and level, so that a report can name the CIS rule that passed or failed.
  - Never changes the target. It reports C(changed=false) and runs the same in check mode.
  - A check of an unknown type, or one that raises an error, is a failed check; it does not stop the others.
  - Used by the C(imageforge.image_builder.image_validation) role, which writes the results as JSON and JUnit;
    it replaces the C(checker.py) script that role used to send to the host.
author:
  - imageforge maintainers (@imageforge)
options:
  checks:
    description:
      - The checks. Each is a dictionary with C(type) and the fields of that type; C(id), C(level), C(group) and
        C(name) are copied into its result.
      - C(file) (C(path), C(mode) as the widest mode allowed, C(owner), C(optional)).
      - C(contains) and C(absent_pattern) (C(path), C(patterns), multi-line regular expressions).
      - C(keyvalue) (C(path), C(separator), C(values); the first value of a key counts).
      - C(modprobe) (C(path), C(modules) that must be blocked, C(forbidden) that must stay loadable).
      - C(fstab) (C(path), C(mountpoints), C(options)).
      - C(sysctl) (C(values); read from C(/proc/sys) on a live host only, skipped elsewhere).
      - C(service) (C(names), C(state) V(enabled) or V(disabled)).
      - C(package) (C(names), C(state) V(present) or V(absent); dpkg or rpm).
      - C(absent) (C(paths), glob patterns; C(nonempty_only)).
      - C(empty) (C(path)).
      - C(private_keys) (C(paths), glob patterns).
      - C(ports) (C(allowed) TCP ports; skipped in a chroot).
    type: list
    elements: dict
    required: true
  context:
    description:
      - Where the check runs. Runtime values (kernel parameters) are read only on a V(host); a V(chroot) shares the
        host's network, so its listening ports are not checked.
    type: str
    choices: [host, container, chroot, image_build]
    default: host
attributes:
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in diff_mode mode).
    support: none
extends_documentation_fragment:
  - imageforge.image_builder.attributes
notes:
  - Only Linux hosts.
seealso:
  - module: imageforge.image_builder.system_config
"""

EXAMPLES = r"""
- name: Check two CIS rules
  imageforge.image_builder.image_check:
    context: container
    checks:
      - {id: "7.1.1", level: level1, group: hardening, name: passwd mode, type: file, path: /etc/passwd, mode: "0644", owner: root}
      - {id: "5.1.20", level: level1, group: hardening, name: no root login, type: contains,
         path: /etc/ssh/sshd_config.d/60-hardening.conf, patterns: ['^PermitRootLogin no$']}
  register: validation

- name: Fail on a failed check
  ansible.builtin.assert:
    that: validation.failed_count == 0
"""

RETURN = r"""
results:
  description: One result per check, in the order of O(checks).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The check's rule ID (empty when it has none).
      type: str
      sample: "7.1.1"
    level:
      description: The rule's level (empty when it has none).
      type: str
      sample: level1
    group:
      description: The check's group.
      type: str
    name:
      description: The check's name.
      type: str
    type:
      description: The check's type.
      type: str
    status:
      description: V(pass), V(fail) or V(skip).
      type: str
    detail:
      description: What was found.
      type: str
      sample: mode 0664 is wider than 0644
passed_count:
  description: How many checks passed.
  returned: always
  type: int
failed_count:
  description: How many checks failed.
  returned: always
  type: int
skipped_count:
  description: How many checks were skipped.
  returned: always
  type: int
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.imageforge.image_builder.plugins.module_utils._host.image_checks import run_checks


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(
            checks=dict(type="list", elements="dict", required=True),
            context=dict(type="str", default="host", choices=["host", "container", "chroot", "image_build"]),
        ),
        supports_check_mode=True,
    )
    results = run_checks(module.params["checks"], module.params["context"], lambda argv: module.run_command(argv, check_rc=False))
    counts = {s: sum(r["status"] == s for r in results) for s in ("pass", "fail", "skip")}
    module.exit_json(changed=False, results=results, passed_count=counts["pass"], failed_count=counts["fail"], skipped_count=counts["skip"])


if __name__ == "__main__":
    main()
