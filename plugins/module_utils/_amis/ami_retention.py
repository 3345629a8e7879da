# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_lifecycle: which AMIs to keep, which to remove, and removing them without orphans."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from typing import Any

from .._core.removal import remove
from .amis import snapshot_ids

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

ACTIVE_INSTANCE_STATES = ["pending", "running", "shutting-down", "stopping", "stopped"]


def parse_date(value: Any) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def select(images: Any, keep_newest: int, keep_days: int, now: Any) -> tuple[Any, ...]:
    """(kept, expired): an AMI is kept when one rule keeps it; images are newest first."""
    if keep_newest is None and keep_days is None:
        return list(images), []
    kept, expired = [], []
    for index, image in enumerate(images):
        by_count = keep_newest is not None and index < keep_newest
        by_age = keep_days is not None and now - parse_date(image["CreationDate"]) < datetime.timedelta(days=keep_days)
        (kept if by_count or by_age else expired).append(image)
    return kept, expired


def deprecation_time(image: dict[str, Any], days: int) -> str:
    at = parse_date(image["CreationDate"]) + datetime.timedelta(days=days)
    return at.strftime("%Y-%m-%dT%H:%M:00.000Z")


def deprecation_change(image: dict, days: int, now: datetime.datetime) -> str | None:
    """The DeprecateAt to set on the AMI, or None when its deprecation time already fits.

    EnableImageDeprecation refuses a time in the past, so an AMI already older than `days` is deprecated
    at the next minute, once: an AMI that is deprecated already (or about to be) is left alone.
    """
    wanted = deprecation_time(image, days)
    current = image.get("DeprecationTime")
    if parse_date(wanted) > now:
        return None if same_time(current, wanted) else wanted
    soon = (now + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    if current and parse_date(current) <= soon:
        return None
    return soon.strftime("%Y-%m-%dT%H:%M:00.000Z")


def same_time(a: Any, b: Any) -> bool:
    return bool(a and b) and parse_date(a).replace(microsecond=0, second=0) == parse_date(b).replace(microsecond=0, second=0)


def supports_image_references(client: Any) -> bool:
    return "DescribeImageReferences" in client.meta.service_model.operation_names


def image_references(module: ImageForgeModule, client: Any, image_ids: list[str]) -> dict[str, list[str]]:
    """{AMI ID: [ARNs]} of the instances (not terminated), launch template versions, SSM parameters and
    Image Builder recipes that refer to the AMIs (DescribeImageReferences)."""
    types = [{"ResourceType": "ec2:Instance",
              "ResourceTypeOptions": [{"OptionName": "state-name", "OptionValues": ACTIVE_INSTANCE_STATES}]},
             {"ResourceType": "ec2:LaunchTemplate"}, {"ResourceType": "ssm:Parameter"},
             {"ResourceType": "imagebuilder:ImageRecipe"}, {"ResourceType": "imagebuilder:ContainerRecipe"}]
    used = {}
    found = module.paginate(client, "describe_image_references", "find what refers to the AMIs",
                            ImageIds=list(image_ids), ResourceTypes=types)
    for reference in found.get("ImageReferences") or []:
        used.setdefault(reference["ImageId"], []).append(reference["Arn"])
    return used


def images_in_use(module: ImageForgeModule, client: Any, image_ids: list[str]) -> dict[str, list[str]]:
    """AMI IDs used by an instance (not terminated), a launch template version, an SSM parameter or an
    Image Builder recipe; without DescribeImageReferences (older botocore), instances and launch templates."""
    if not image_ids:
        return {}
    if supports_image_references(client):
        return image_references(module, client, image_ids)
    used = {}
    reservations = module.paginate(client, "describe_instances", "list the instances that use the AMIs", Filters=[
        {"Name": "image-id", "Values": list(image_ids)}, {"Name": "instance-state-name", "Values": ACTIVE_INSTANCE_STATES}])
    for reservation in reservations.get("Reservations") or []:
        for instance in reservation.get("Instances", []):
            used.setdefault(instance["ImageId"], []).append(instance["InstanceId"])
    templates = module.paginate(client, "describe_launch_templates", "list launch templates").get("LaunchTemplates") or []
    for template in templates:
        versions = module.paginate(client, "describe_launch_template_versions",
                                   f"read launch template {template['LaunchTemplateName']}",
                                   LaunchTemplateId=template["LaunchTemplateId"]).get("LaunchTemplateVersions") or []
        for version in versions:
            image_id = version.get("LaunchTemplateData", {}).get("ImageId")
            if image_id in image_ids:
                used.setdefault(image_id, []).append(f"{template['LaunchTemplateName']}:{version['VersionNumber']}")
    return used


def supports_delete_associated_snapshots(client: Any) -> bool:
    shape = client.meta.service_model.operation_model("DeregisterImage").input_shape
    return "DeleteAssociatedSnapshots" in shape.members


def remove_image(module: ImageForgeModule, client: Any, image: dict[str, Any]) -> list[str]:
    """Deregister and delete the snapshots; returns the snapshot IDs deleted."""
    image_id, snapshots = image["ImageId"], snapshot_ids(image)
    if supports_delete_associated_snapshots(client):
        answer = remove(module, client, "deregister_image", f"deregister {image_id}", ImageId=image_id,
                        DeleteAssociatedSnapshots=True)
        if answer is None:  # an earlier attempt deregistered it, with its snapshots
            return snapshots
        results = answer.get("DeleteSnapshotResults")
        if results is not None:
            # "skipped": another AMI still uses the snapshot, so it is not orphaned and must stay.
            in_use = {r["SnapshotId"] for r in results if r.get("ReturnCode") == "skipped"}
            failed = [r["SnapshotId"] for r in results if r.get("ReturnCode") not in ("success", "skipped")]
            for snapshot_id in failed:
                remove(module, client, "delete_snapshot", f"delete snapshot {snapshot_id} of {image_id}", SnapshotId=snapshot_id)
            return [s for s in snapshots if s not in in_use]
    else:
        remove(module, client, "deregister_image", f"deregister {image_id}", ImageId=image_id)
    for snapshot_id in snapshots:  # older botocore, or an endpoint that ignored the option
        remove(module, client, "delete_snapshot", f"delete snapshot {snapshot_id} of {image_id}", SnapshotId=snapshot_id)
    return snapshots
