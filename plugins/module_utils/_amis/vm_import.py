# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""EC2 VM Import/Export: import a disk in S3 as an AMI once per source (the AMI is tagged with its
source; a running task for the same source is resumed), and export an AMI to S3 once per format."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.waiters import WaitTimeout
from .._core.waiters import wait_until

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

SOURCE_TAG = "imageforge:import-source"
EXPORT_TAG = "imageforge:export"
FORMATS = ("OVA", "VMDK", "VHD", "VHDX", "RAW")


def source_url(bucket: str | None, key: str | None) -> str:
    return f"s3://{bucket}/{key}"


def imported_ami(module: ImageForgeModule, ec2: Any, url: str) -> dict[str, Any] | None:
    images = module.call(ec2, "describe_images", f"find the AMI imported from {url}", Owners=["self"],
                         Filters=[{"Name": f"tag:{SOURCE_TAG}", "Values": [url]}])["Images"]
    return images[0] if images else None


def running_import(module: ImageForgeModule, ec2: Any, url: str) -> dict[str, Any] | None:
    tasks = module.call(ec2, "describe_import_image_tasks", "list import tasks",
                        Filters=[{"Name": "task-state", "Values": ["active"]}]).get("ImportImageTasks") or []
    for task in tasks:
        for detail in task.get("SnapshotDetails") or []:
            bucket = detail.get("UserBucket") or {}
            if detail.get("Url") == url or source_url(bucket.get("S3Bucket"), bucket.get("S3Key")) == url:
                return task
    return None


def start_import(module: ImageForgeModule, ec2: Any, bucket: str, key: str, disk_format: str) -> Any:
    params: dict[str, Any]
    params = dict(DiskContainers=[{"Format": disk_format, "UserBucket": {"S3Bucket": bucket, "S3Key": key}}],
                  ClientToken=module.client_token(),
                  TagSpecifications=[{"ResourceType": "import-image-task",
                                      "Tags": [{"Key": SOURCE_TAG, "Value": source_url(bucket, key)}]}])
    for option, field in (("description", "Description"), ("role_name", "RoleName"), ("platform", "Platform"),
                          ("architecture", "Architecture"), ("boot_mode", "BootMode"), ("kms_key_id", "KmsKeyId"),
                          ("license_type", "LicenseType"), ("usage_operation", "UsageOperation"),
                          ("hypervisor", "Hypervisor")):
        if module.params.get(option):
            params[field] = module.params[option]
    if module.params.get("encrypted") is not None:
        params["Encrypted"] = module.params["encrypted"]
    if module.params.get("license_configuration_arns"):
        params["LicenseSpecifications"] = [{"LicenseConfigurationArn": a} for a in module.params["license_configuration_arns"]]
    if module.params.get("client_data"):
        params["ClientData"] = {_pascal(k): v for k, v in module.params["client_data"].items()}
    params["DiskContainers"] += [disk_container(disk) for disk in module.params.get("additional_disks") or []]
    return module.call(ec2, "import_image", f"import {source_url(bucket, key)}", **params)


def _pascal(snake: Any) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def disk_container(disk: dict) -> dict:
    """An ImportImage DiskContainer from an additional_disks entry: S3 bucket and key, URL or snapshot."""
    container = {_pascal(k): v for k, v in disk.items() if v and k not in ("s3_bucket", "s3_key")}
    if disk.get("s3_key"):
        container["UserBucket"] = {"S3Bucket": disk["s3_bucket"], "S3Key": disk["s3_key"]}
    return container


def wait_task(module: ImageForgeModule, describe: Any, list_key: str, id_field: str, task_id: str, what: str) -> tuple[Any, ...]:
    """Wait for an import or export task; fail with its message when it ends deleted."""
    def fetch() -> Any:
        found = module.call(module.client_for("ec2"), describe, f"read {what} {task_id}",
                            **{"ImportTaskIds" if id_field == "ImportTaskId" else "ExportImageTaskIds": [task_id]})
        return found[list_key][0]

    try:
        task, seconds = wait_until(fetch, lambda t: t["Status"], ("completed",), ("deleted", "deleting"),
                                   timeout=module.params["wait_timeout"], delay=module.params["wait_delay"])
    except WaitTimeout as exc:
        module.fail_json(msg=f"The {what} {task_id} is still at {exc.last.get('Progress', '?')}% "
                             f"({exc.last.get('StatusMessage')}) after {int(exc.elapsed)} s; rerun the task to resume.",
                         task_id=task_id, timed_out=True, progress=exc.last.get("Progress"))
    if task["Status"] != "completed":
        module.fail_json(msg=f"The {what} {task_id} failed: {task.get('StatusMessage') or task['Status']}",
                         task_id=task_id, status=task["Status"])
    return task, seconds


def previous_export(module: ImageForgeModule, ec2: Any, marker: str) -> dict[str, Any] | None:
    tasks = module.call(ec2, "describe_export_image_tasks", "list export tasks").get("ExportImageTasks") or []
    for task in tasks:
        tags = {t["Key"]: t["Value"] for t in task.get("Tags") or []}
        if tags.get(EXPORT_TAG) == marker and task.get("Status") in ("active", "completed"):
            return task
    return None
