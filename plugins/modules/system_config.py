#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the imageforge.image_builder collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: system_config
short_description: Apply many configuration files, key/value edits, line edits, permissions and unit states in one call
version_added: 0.1.0
description:
  - Lays down the configuration of a Linux host in a single module call, so that a role which
    touches dozens of files pays for one round trip to the host, not one per file.
  - The steps run in this order, each only where something differs
    O(directories), O(files), O(blocks), O(settings), O(lines), O(permissions), O(absent), then the systemd
    daemon reload (when a unit file under C(/etc/systemd/system) changed and systemd is running), then
    O(units_enabled) and O(units_disabled).
  - Writes are atomic (a temporary file in the same directory, renamed over the old one). A file whose
    O(files[].validate) or O(lines[].validate) command fails is left as it was and the task fails.
  - Used by the C(imageforge.image_builder.hardening) role; it replaces the C(kv_edit.py) and
    C(perms.sh) scripts that role used to copy to the host.
author:
  - imageforge maintainers (@imageforge)
options:
  directories:
    description: Directories to create (mode C(0755), owned by root) when missing. Existing ones are left as they are.
    type: list
    elements: path
    default: []
  files:
    description: Files with exact content, mode and owner.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file.
        type: path
        required: true
      content:
        description: The whole content of the file.
        type: str
        required: true
      mode:
        description: Octal mode as a string.
        type: str
        default: "0644"
      owner:
        description: Owning user.
        type: str
        default: root
      group:
        description: Owning group.
        type: str
        default: root
      validate:
        description:
          - Command run on the candidate file before it replaces the old one; C(%s) stands for the
            candidate's path (appended when absent).
        type: str
  blocks:
    description:
      - A block of keyword lines between C(# BEGIN <marker>) and C(# END <marker>) at the top of a file such as
        C(/etc/ssh/sshd_config), where a program that keeps the first value it reads (sshd) sees it first.
        An existing block is replaced in place. A missing file is skipped unless O(blocks[].create).
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file.
        type: path
        required: true
      content:
        description: The lines of the block.
        type: str
        required: true
      marker:
        description: The text after C(# BEGIN) and C(# END).
        type: str
        default: imageforge
      comment_out_later:
        description:
          - Comment out the active lines after the block that set one of the block's keywords outside a
            C(Match) section, so that a reader of the file sees one value for each keyword.
        type: bool
        default: true
      create:
        description: Create the file when it is missing.
        type: bool
        default: false
      mode:
        description: Mode of the file after the edit (default keep the current one; C(0644) for a new file).
        type: str
      validate:
        description: Validation command, as for O(files[].validate).
        type: str
  settings:
    description:
      - C(KEY<separator>VALUE) settings in a configuration file such as C(/etc/login.defs) or C(/etc/audit/auditd.conf).
      - The first active line of a key is replaced, else its first commented line, else the setting is appended.
      - A missing file is skipped unless O(settings[].create) is true.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file.
        type: path
        required: true
      separator:
        description: Written between key and value, for example C( = ) or a single space.
        type: str
        required: true
      values:
        description: The settings.
        type: dict
        required: true
      create:
        description: Create the file (mode C(0644), root) when it is missing.
        type: bool
        default: false
  lines:
    description:
      - One line in a file, like C(ansible.builtin.lineinfile) with C(state=present). The last line matching
        O(lines[].regexp) is replaced; otherwise the line goes before O(lines[].insert_before) (C(BOF) for the
        first line) or after O(lines[].insert_after), or at the end. A missing file is skipped unless O(lines[].create).
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file.
        type: path
        required: true
      regexp:
        description: Python regular expression of the line to replace.
        type: str
        required: true
      line:
        description: The line.
        type: str
        required: true
      insert_before:
        description: Regular expression of the line to insert before, or C(BOF).
        type: str
      insert_after:
        description: Regular expression of the line to insert after (the last match).
        type: str
      create:
        description: Create the file when it is missing.
        type: bool
        default: false
      mode:
        description: Mode of the file after the edit (default keep the current one; C(0644) for a new file).
        type: str
      validate:
        description: Validation command, as for O(files[].validate).
        type: str
  permissions:
    description:
      - Paths whose mode may be at most O(permissions[].mode) (bits are only removed; a stricter mode stays)
        and whose owner is exactly O(permissions[].owner) and O(permissions[].group). Missing paths are skipped.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file or directory.
        type: path
        required: true
      mode:
        description: The most permissive mode allowed, in octal.
        type: str
        required: true
      owner:
        description: Owning user.
        type: str
        default: root
      group:
        description: Owning group.
        type: str
        default: root
  absent:
    description: Files to remove when present.
    type: list
    elements: path
    default: []
  units_enabled:
    description:
      - systemd units to enable at boot. Units that do not exist (yet) are skipped and listed in RV(missing_units);
        static units are left as they are.
    type: list
    elements: str
    default: []
  units_disabled:
    description: systemd units to disable at boot when they exist and are enabled.
    type: list
    elements: str
    default: []
  stop_disabled:
    description: Also stop the units in O(units_disabled) that this task disables (a live host; never in an image build).
    type: bool
    default: false
attributes:
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in diff_mode mode).
    support: full
extends_documentation_fragment:
  - imageforge.image_builder.attributes
notes:
  - Only Linux hosts. Unit states need systemd's C(systemctl); it works in a chroot too.
seealso:
  - name: ansible.builtin.copy
    description: One file per task, from content or a source file.
    link: https://docs.ansible.com/ansible/latest/collections/ansible/builtin/copy_module.html
  - name: ansible.builtin.lineinfile
    description: One line per task.
    link: https://docs.ansible.com/ansible/latest/collections/ansible/builtin/lineinfile_module.html
"""

EXAMPLES = r"""
- name: Lay down the hardening configuration in one call
  imageforge.image_builder.system_config:
    directories: [/etc/systemd/journald.conf.d]
    files:
      - path: /etc/systemd/journald.conf.d/60-hardening.conf
        content: "[Journal]\nStorage=persistent\n"
    settings:
      - path: /etc/login.defs
        separator: " "
        values: {PASS_MAX_DAYS: 365, UMASK: "027"}
    lines:
      - path: /etc/ssh/sshd_config
        regexp: '^\s*Include\s+/etc/ssh/sshd_config\.d/\*\.conf'
        line: Include /etc/ssh/sshd_config.d/*.conf
        insert_before: BOF
        validate: /usr/sbin/sshd -t -f %s
    permissions:
      - {path: /etc/crontab, mode: "0600"}
    absent: [/etc/cron.deny]
    units_enabled: [systemd-timesyncd]
"""

RETURN = r"""
changed_paths:
  description: Every path that was (or in check mode would be) created, rewritten, re-permissioned or removed, in the order of the steps.
  returned: always
  type: list
  elements: str
  sample: [/etc/login.defs, /etc/crontab]
enabled_units:
  description: Units this task enabled.
  returned: always
  type: list
  elements: str
disabled_units:
  description: Units this task disabled.
  returned: always
  type: list
  elements: str
missing_units:
  description: Units of O(units_enabled) that do not exist on the host, so nothing was done for them.
  returned: always
  type: list
  elements: str
daemon_reloaded:
  description: Whether systemd re-read its unit files.
  returned: always
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.imageforge.image_builder.plugins.module_utils._host.system_config import EditError
from ansible_collections.imageforge.image_builder.plugins.module_utils._host.system_config import apply

FILE = dict(path=dict(type="path", required=True), content=dict(type="str", required=True),
            mode=dict(type="str", default="0644"), owner=dict(type="str", default="root"),
            group=dict(type="str", default="root"), validate=dict(type="str"))
SETTINGS = dict(path=dict(type="path", required=True), separator=dict(type="str", required=True),
                values=dict(type="dict", required=True), create=dict(type="bool", default=False))
BLOCK = dict(path=dict(type="path", required=True), content=dict(type="str", required=True),
             marker=dict(type="str", default="imageforge"), comment_out_later=dict(type="bool", default=True),
             create=dict(type="bool", default=False), mode=dict(type="str"), validate=dict(type="str"))
LINE = dict(path=dict(type="path", required=True), regexp=dict(type="str", required=True),
            line=dict(type="str", required=True), insert_before=dict(type="str"), insert_after=dict(type="str"),
            create=dict(type="bool", default=False), mode=dict(type="str"), validate=dict(type="str"))
PERMISSION = dict(path=dict(type="path", required=True), mode=dict(type="str", required=True),
                  owner=dict(type="str", default="root"), group=dict(type="str", default="root"))


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(
            directories=dict(type="list", elements="path", default=[]),
            files=dict(type="list", elements="dict", options=FILE, default=[]),
            blocks=dict(type="list", elements="dict", options=BLOCK, default=[]),
            settings=dict(type="list", elements="dict", options=SETTINGS, default=[]),
            lines=dict(type="list", elements="dict", options=LINE, default=[]),
            permissions=dict(type="list", elements="dict", options=PERMISSION, default=[]),
            absent=dict(type="list", elements="path", default=[]),
            units_enabled=dict(type="list", elements="str", default=[]),
            units_disabled=dict(type="list", elements="str", default=[]),
            stop_disabled=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    try:
        result = apply(module.params, module.check_mode, module.run_command)
    except (EditError, OSError, ValueError) as exc:
        module.fail_json(msg=str(exc))
    if not module._diff:
        result.pop("diff", None)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
