#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: image_import
short_description: Import a VM disk from S3 as an AMI, and register it in EC2 Image Builder
version_added: 0.1.0
description:
  - Imports a disk (OVA, VMDK, VHD, VHDX, RAW) stored in S3 with EC2 VM Import (ImportImage) and waits for the AMI.
  - Idempotent per source. The AMI is tagged C(imageforge:import-source=s3://bucket/key); a second run finds it,
    and a run while the import task still runs resumes waiting for it.
  - With O(name), also creates an Image Builder image from the import task (ImportVmImage), usable as a parent image.
    Imported images ran no tests and do not pass the validation gate.
author:
  - imageforge maintainers (@imageforge)
options:
  s3_bucket:
    description: The bucket holding the disk.
    type: str
    required: true
  s3_key:
    description: The key of the disk.
    type: str
    required: true
  format:
    description: The disk format. Defaults to the key's extension.
    type: str
    choices: [OVA, VMDK, VHD, VHDX, RAW]
  description:
    description: Description of the import task and AMI.
    type: str
  role_name:
    description: The VM Import service role. AWS's default is C(vmimport).
    type: str
  platform:
    description: The operating system of the disk.
    type: str
    choices: [Linux, Windows]
    default: Linux
  architecture:
    description: The architecture of the disk.
    type: str
    choices: [i386, x86_64, arm64]
  boot_mode:
    description: The boot mode of the AMI.
    type: str
    choices: [legacy-bios, uefi, uefi-preferred]
  name:
    description: Create an Image Builder image with this name from the import (ImportVmImage).
    type: str
  semantic_version:
    description: The version of the Image Builder image. Required with O(name).
    type: str
  os_version:
    description: The operating system version of the Image Builder image.
    type: str
  image_description:
    description: The description of the Image Builder image (ImportVmImage C(description)); O(description) is the EC2 task's.
    type: str
  logging_configuration:
    description: The CloudWatch log group of the Image Builder import (ImportVmImage C(loggingConfiguration)).
    type: dict
    suboptions:
      log_group_name:
        description: The log group.
        type: str
  encrypted:
    description: Encrypt the snapshots of the AMI (ImportImage C(Encrypted)).
    type: bool
  kms_key_id:
    description: The KMS key that encrypts the snapshots; needs O(encrypted=true).
    type: str
  license_type:
    description: The license type of the AMI, such as V(AWS) or V(BYOL) (C(LicenseType)).
    type: str
  usage_operation:
    description: The usage operation of the AMI, such as V(RunInstances:0800) (C(UsageOperation)).
    type: str
  hypervisor:
    description: The hypervisor of the source (C(Hypervisor)).
    type: str
    choices: [xen]
  license_configuration_arns:
    description: License Manager configurations of the AMI (C(LicenseSpecifications)).
    type: list
    elements: str
  client_data:
    description: Upload details of the disk (C(ClientData)), as C(comment), C(upload_start), C(upload_end), C(upload_size).
    type: dict
  additional_disks:
    description:
      - More disks of the same image, after the one in O(s3_bucket)/O(s3_key) (C(DiskContainers)).
      - Each is given by C(s3_bucket) and C(s3_key), by C(url), or by C(snapshot_id).
    type: list
    elements: dict
    suboptions:
      s3_bucket:
        description: The bucket of the disk.
        type: str
      s3_key:
        description: The key of the disk.
        type: str
      url:
        description: An C(s3://) or HTTPS URL of the disk.
        type: str
      snapshot_id:
        description: An EBS snapshot to use as the disk.
        type: str
      format:
        description: The disk format.
        type: str
        choices: [OVA, VMDK, VHD, VHDX, RAW]
      device_name:
        description: The block device name.
        type: str
      description:
        description: The description of the disk.
        type: str
extends_documentation_fragment:
  - imageforge.image_builder.waiter
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - O(tags) are added to the AMI and the Image Builder image when they are created; O(purge_tags) has no effect.
"""

EXAMPLES = r"""
- name: Import a VMDK and make it an Image Builder base image
  imageforge.image_builder.image_import:
    s3_bucket: vm-disks
    s3_key: legacy/app-server.vmdk
    name: app-server-base
    semantic_version: 1.0.0
    tags:
      Source: datacenter
"""

RETURN = r"""
image_id:
  description: The imported AMI.
  returned: when the import completed
  type: str
import_task_id:
  description: The EC2 import task.
  returned: when a task was started or resumed
  type: str
source:
  description: The source URL.
  returned: always
  type: str
image_arn:
  description: The Image Builder image created by ImportVmImage.
  returned: with O(name)
  type: str
seconds_in_state:
  description: Seconds the task spent in each status while waiting.
  returned: when waited
  type: dict
"""

from typing import Any

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import vm_import
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import caller_account
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.arns import build_arn
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import strip_none
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_camel
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.versions import VersionError
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.versions import parse_version
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.waiters import WAITER_OPTIONS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_builds import list_builds


def registered_image(module: ImageForgeModule) -> str | None:
    """The Image Builder image of this name and version, or None."""
    arn = build_arn("image", module.params["name"], module.region, caller_account(module), module.params["semantic_version"])
    found = list_builds(module, arn)
    return found[0]["arn"] if found else None


def register(module: ImageForgeModule, task_id: str) -> str:
    params = dict(name=module.params["name"], semanticVersion=module.params["semantic_version"],
                  platform=module.params["platform"], vmImportTaskId=task_id, clientToken=module.client_token())
    if module.params["os_version"]:
        params["osVersion"] = module.params["os_version"]
    if module.params["image_description"]:
        params["description"] = module.params["image_description"]
    if module.params["logging_configuration"]:
        params["loggingConfiguration"] = to_camel(strip_none(module.params["logging_configuration"]))
    if module.params["tags"]:
        params["tags"] = module.params["tags"]
    return module.call(module.imagebuilder, "import_vm_image", f"register import {task_id}", **params)["imageArn"]


def tag_ami(module: ImageForgeModule, ec2: Any, image_id: str, url: str) -> None:
    tags = dict(module.params["tags"] or {}, **{vm_import.SOURCE_TAG: url})
    module.call(ec2, "create_tags", f"tag {image_id}", Resources=[image_id],
                Tags=[{"Key": k, "Value": str(v)} for k, v in tags.items()])


def check_params(module: ImageForgeModule) -> None:
    params = module.params
    key = params["s3_key"]
    if not params["format"] and key.rsplit(".", 1)[-1].upper() not in vm_import.FORMATS:
        module.fail_json(msg=f"Cannot tell the disk format from '{key}'; set format to one of {', '.join(vm_import.FORMATS)}.")
    if params["kms_key_id"] and not params["encrypted"]:
        module.fail_json(msg="kms_key_id needs encrypted=true.")
    for i, disk in enumerate(params["additional_disks"] or []):
        sources = [k for k in ("s3_key", "url", "snapshot_id") if disk.get(k)]
        if len(sources) != 1 or (disk.get("s3_key") and not disk.get("s3_bucket")):
            module.fail_json(msg=f"additional_disks[{i}]: give exactly one of s3_bucket + s3_key, url or snapshot_id.")
    if params["name"] and not params["semantic_version"]:
        module.fail_json(msg="name needs semantic_version for the Image Builder image.")
    if params["semantic_version"]:
        try:
            parse_version(params["semantic_version"])
        except VersionError as exc:
            module.fail_json(msg=f"semantic_version: {exc}")


def main() -> None:
    argument_spec = dict(
        s3_bucket=dict(type="str", required=True),
        s3_key=dict(type="str", required=True, no_log=False),
        format=dict(type="str", choices=list(vm_import.FORMATS)),
        description=dict(type="str"),
        role_name=dict(type="str"),
        platform=dict(type="str", choices=["Linux", "Windows"], default="Linux"),
        architecture=dict(type="str", choices=["i386", "x86_64", "arm64"]),
        boot_mode=dict(type="str", choices=["legacy-bios", "uefi", "uefi-preferred"]),
        name=dict(type="str"),
        semantic_version=dict(type="str"),
        os_version=dict(type="str"),
        image_description=dict(type="str"),
        logging_configuration=dict(type="dict", options=dict(log_group_name=dict(type="str"))),
        encrypted=dict(type="bool"),
        kms_key_id=dict(type="str"),
        license_type=dict(type="str"),
        usage_operation=dict(type="str"),
        hypervisor=dict(type="str", choices=["xen"]),
        license_configuration_arns=dict(type="list", elements="str"),
        client_data=dict(type="dict"),
        additional_disks=dict(type="list", elements="dict", options=dict(
            s3_bucket=dict(type="str"), s3_key=dict(type="str", no_log=False), url=dict(type="str"),
            snapshot_id=dict(type="str"), format=dict(type="str", choices=list(vm_import.FORMATS)),
            device_name=dict(type="str"), description=dict(type="str"))),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        **WAITER_OPTIONS,
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    check_params(module)
    params = module.params
    url = vm_import.source_url(params["s3_bucket"], params["s3_key"])
    disk_format = params["format"] or params["s3_key"].rsplit(".", 1)[-1].upper()
    ec2 = module.client_for("ec2")
    result = dict(changed=False, source=url)
    ami = vm_import.imported_ami(module, ec2, url)
    if ami:
        result["image_id"] = ami["ImageId"]
        result["import_task_id"] = next((t["Value"] for t in ami.get("Tags") or [] if t["Key"] == "imageforge:import-task"), None)
    else:
        task = vm_import.running_import(module, ec2, url)
        if task is None:
            result["changed"] = True
            if module.check_mode:
                module.exit_json(**result, diff={"before": {}, "after": {"source": url}})
            task = vm_import.start_import(module, ec2, params["s3_bucket"], params["s3_key"], disk_format)
        result["import_task_id"] = task["ImportTaskId"]
        if params["wait"]:
            task, result["seconds_in_state"] = vm_import.wait_task(
                module, "describe_import_image_tasks", "ImportImageTasks", "ImportTaskId", task["ImportTaskId"], "import task")
            result["image_id"] = task["ImageId"]
            tag_ami(module, ec2, task["ImageId"], url)
            module.call(ec2, "create_tags", "tag the AMI with its import task", Resources=[task["ImageId"]],
                        Tags=[{"Key": "imageforge:import-task", "Value": task["ImportTaskId"]}])
    if params["name"]:
        result["image_arn"] = registered_image(module)
        if result["image_arn"] is None and result.get("import_task_id"):
            result["changed"] = True
            if not module.check_mode:
                result["image_arn"] = register(module, result["import_task_id"])
    module.exit_json(**result, diff={"before": {}, "after": {"source": url, "image_id": result.get("image_id")}})


if __name__ == "__main__":
    main()
