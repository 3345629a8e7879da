#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_export
short_description: Export an AMI to S3 as a VMDK, VHD or RAW disk
version_added: 0.1.0
description:
  - Exports an AMI with EC2 VM Export (ExportImage) and waits for the disk to be written to S3.
  - Idempotent per AMI, format and S3 location. The export task is tagged, and a second run finds the
    running or completed task instead of exporting again.
author:
  - imageforge maintainers (@imageforge)
options:
  image_id:
    description: The AMI to export.
    type: str
    required: true
  format:
    description: The disk format.
    type: str
    choices: [VMDK, VHD, RAW]
    default: VMDK
  s3_bucket:
    description: The bucket to write the disk to.
    type: str
    required: true
  s3_prefix:
    description: The key prefix; the object is named C(<prefix><export task id>.<format>).
    type: str
    default: ""
  role_name:
    description: The VM Export service role. AWS's default is C(vmimport).
    type: str
  description:
    description: Description of the export task.
    type: str
  tags:
    description: Tags of the export task (C(TagSpecifications)), next to the one the module uses to find it again.
    type: dict
extends_documentation_fragment:
  - imageforge.image_builder.waiter
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Export the golden AMI as a VHD
  imageforge.image_builder.image_export:
    image_id: ami-0123456789abcdef0
    format: VHD
    s3_bucket: vm-exports
    s3_prefix: golden/
"""

RETURN = r"""
export_task_id:
  description: The export task.
  returned: unless in check mode with nothing exported yet
  type: str
s3_uri:
  description: Where the disk is written.
  returned: unless in check mode with nothing exported yet
  type: str
status:
  description: The task status.
  returned: unless in check mode with nothing exported yet
  type: str
seconds_in_state:
  description: Seconds the task spent in each status while waiting.
  returned: when waited
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import vm_import
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.waiters import WAITER_OPTIONS


def main() -> None:
    argument_spec = dict(
        image_id=dict(type="str", required=True),
        format=dict(type="str", choices=["VMDK", "VHD", "RAW"], default="VMDK"),
        s3_bucket=dict(type="str", required=True),
        s3_prefix=dict(type="str", default=""),
        role_name=dict(type="str"),
        description=dict(type="str"),
        tags=dict(type="dict"),
        **WAITER_OPTIONS,
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    if not params["image_id"].startswith("ami-"):
        module.fail_json(msg=f"image_id must be an AMI id (ami-...), not '{params['image_id']}'.")
    ec2 = module.client_for("ec2")
    marker = f"{params['image_id']}:{params['format']}:s3://{params['s3_bucket']}/{params['s3_prefix']}"
    task = vm_import.previous_export(module, ec2, marker)
    changed = task is None
    if changed:
        if module.check_mode:
            module.exit_json(changed=True, diff={"before": {}, "after": {"export": marker}})
        request = dict(ImageId=params["image_id"], DiskImageFormat=params["format"], ClientToken=module.client_token(),
                       S3ExportLocation={"S3Bucket": params["s3_bucket"], "S3Prefix": params["s3_prefix"]},
                       TagSpecifications=[{"ResourceType": "export-image-task",
                                           "Tags": [{"Key": vm_import.EXPORT_TAG, "Value": marker}]
                                           + [{"Key": str(k), "Value": str(v)} for k, v in (params["tags"] or {}).items()]}])
        for option, field in (("role_name", "RoleName"), ("description", "Description")):
            if params[option]:
                request[field] = params[option]
        task = module.call(ec2, "export_image", f"export {params['image_id']}", **request)
    result = dict(changed=changed, export_task_id=task["ExportImageTaskId"], status=task["Status"],
                  s3_uri=f"s3://{params['s3_bucket']}/{params['s3_prefix']}{task['ExportImageTaskId']}.{params['format'].lower()}")
    if params["wait"] and task["Status"] != "completed" and not module.check_mode:
        task, result["seconds_in_state"] = vm_import.wait_task(
            module, "describe_export_image_tasks", "ExportImageTasks", "ExportImageTaskId", task["ExportImageTaskId"],
            "export task")
        result["status"] = task["Status"]
    module.exit_json(diff={"before": {}, "after": {"export": marker}}, **result)


if __name__ == "__main__":
    main()
