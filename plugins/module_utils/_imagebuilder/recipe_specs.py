# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs that image and container recipes share: components and block device mappings."""

from __future__ import annotations

COMPONENT_SPEC = dict(
    name=dict(type="str"),
    arn=dict(type="str"),
    version=dict(type="str"),
    parameters=dict(type="dict"),
)
EBS_SPEC = dict(
    encrypted=dict(type="bool"),
    delete_on_termination=dict(type="bool"),
    iops=dict(type="int"),
    kms_key_id=dict(type="str"),
    snapshot_id=dict(type="str"),
    volume_size=dict(type="int"),
    volume_type=dict(type="str", choices=["standard", "io1", "io2", "gp2", "gp3", "sc1", "st1"]),
    throughput=dict(type="int"),
)
BLOCK_DEVICE_SPEC = dict(
    device_name=dict(type="str"),
    virtual_name=dict(type="str"),
    no_device=dict(type="bool"),
    ebs=dict(type="dict", options=EBS_SPEC),
)
