# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding EC2 images (AMIs) and turning them into results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from .._core.transforms import to_snake

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller

SOURCE_TAG = "imageforge:source-ami"
OWNER_SHARED = "shared-with-me"


def tag_dict(tag_list: Any) -> dict[str, Any]:
    return {t["Key"]: t["Value"] for t in tag_list or []}


def tag_list(tags: Any) -> list[Any]:
    return [{"Key": str(k), "Value": str(v)} for k, v in sorted((tags or {}).items())]


def source_tag_value(region: str, image_id: str) -> str:
    """The value of the source tag that ami_copy puts on each copy: `<region>/<ami-id>`."""
    return f"{region}/{image_id}"


def image_filters(name: str | None = None, tags: Any = None, architecture: Any = None, states: Any = None, filters: Any = None) -> Any:
    """DescribeImages filters from the options; `filters` is amazon.aws style: {name: value or [values]}."""
    result = [{"Name": str(k), "Values": [str(v) for v in (v if isinstance(v, list) else [v])]}
              for k, v in (filters or {}).items()]
    filters = result
    if name:
        filters.append({"Name": "name", "Values": [name]})
    for key, value in (tags or {}).items():
        filters.append({"Name": f"tag:{key}", "Values": [str(value)]})
    if architecture:
        filters.append({"Name": "architecture", "Values": [architecture]})
    if states:
        filters.append({"Name": "state", "Values": list(states)})
    return filters


def describe_images(module: ImageForgeModule | RegionCaller, client: Any, action: str, **params: Any) -> list[dict[str, Any]]:
    """All images for the parameters, every page."""
    return module.paginate(client, "describe_images", action, **params).get("Images") or []


def find_images(module: ImageForgeModule | RegionCaller, client: Any, image_ids: Iterable[str] | None = None,
                owners: Iterable[str] | None = None, include_disabled: bool = False, **criteria: Any) -> list[Any]:
    """Images matching ids/owners/criteria. Owner `shared-with-me` means launchable by us, owned by others.
    Disabled AMIs only with include_disabled (DescribeImages IncludeDisabled)."""
    params = {"Filters": image_filters(**criteria)}
    if not params["Filters"]:
        del params["Filters"]
    if include_disabled:
        params["IncludeDisabled"] = True
    if image_ids:
        params["ImageIds"] = list(image_ids)
    owners = list(owners or [])
    shared = OWNER_SHARED in owners
    owners = [o for o in owners if o != OWNER_SHARED]
    images = []
    if owners or not shared:
        images = describe_images(module, client, "describe images", **params, **({"Owners": owners} if owners else {}))
    if shared:
        mine = {i["ImageId"] for i in images}
        others = describe_images(module, client, "describe images shared with this account", ExecutableUsers=["self"], **params)
        images += [i for i in others if i["ImageId"] not in mine and not _owned_by_caller(module, i)]
    return newest_first(images)


def _owned_by_caller(module: ImageForgeModule | RegionCaller, image: dict[str, Any]) -> bool:
    return image.get("OwnerId") == caller_account(module)


def caller_account(module: Any) -> str:
    if not hasattr(module, "_caller_account"):
        sts = module.client_for("sts")
        module._caller_account = module.call(sts, "get_caller_identity", "read the caller's account")["Account"]
    return module._caller_account


def newest_first(images: Any) -> list[Any]:
    return sorted(images, key=lambda i: (i.get("CreationDate") or "", i["ImageId"]), reverse=True)


def snapshot_ids(image: dict[str, Any]) -> list[Any]:
    return [m["Ebs"]["SnapshotId"] for m in image.get("BlockDeviceMappings", []) if m.get("Ebs", {}).get("SnapshotId")]


def image_result(image: dict[str, Any], region: str | None = None, **extra: Any) -> dict[str, Any]:
    result = to_snake({k: v for k, v in image.items() if k != "Tags"})
    result["tags"] = tag_dict(image.get("Tags"))
    if region:
        result["region"] = region
    result.update(extra)
    return result


def snapshots_of(module: ImageForgeModule, client: Any, image: dict[str, Any]) -> list[Any]:
    """The AMI's snapshots with their encryption and create-volume permissions (ami_info)."""
    ids = snapshot_ids(image)
    if not ids:
        return []
    found = module.call(client, "describe_snapshots", "read the AMI's snapshots", SnapshotIds=ids)["Snapshots"]
    result = []
    for snapshot in found:
        permissions = module.call(client, "describe_snapshot_attribute", f"read the permissions of {snapshot['SnapshotId']}",
                                  SnapshotId=snapshot["SnapshotId"], Attribute="createVolumePermission")
        result.append({"snapshot_id": snapshot["SnapshotId"], "encrypted": snapshot.get("Encrypted", False),
                       "kms_key_id": snapshot.get("KmsKeyId"), "volume_size": snapshot.get("VolumeSize"),
                       "create_volume_permissions": [{("user_id" if k == "UserId" else "group"): v for k, v in p.items()}
                                                     for p in permissions.get("CreateVolumePermissions", [])]})
    return result
