# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_copy: one AMI to many regions at once, idempotent through the source tag.

Each copy carries `imageforge:source-ami = <source region>/<source id>`, on the image and on its
snapshots, set in the CopyImage call itself (TagSpecifications), so a copy is never untagged and
a rerun finds it with one DescribeImages per region. The source's own tags reach the copy through
CopyImageTags, server side. The source AMI is read (one DescribeImages, once for all regions)
only when a copy needs its name (no `name` given) or its tags for the snapshots (`copy_tags` and
`tag_snapshots`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from typing import Any

from .._core.waiters import WaitTimeout
from .._core.waiters import wait_until
from .amis import SOURCE_TAG
from .amis import find_images
from .amis import snapshot_ids
from .amis import source_tag_value
from .amis import tag_dict
from .amis import tag_list

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller


class SourceImage:
    """The source AMI, read once, and only when a region needs a new copy that needs it."""

    _image: dict[str, Any] | None

    def __init__(self, module: ImageForgeModule, region: str, image_id: str) -> None:
        self.module, self.region, self.image_id = module, region, image_id
        self._lock, self._image = threading.Lock(), None

    def get(self, caller: RegionCaller) -> dict[str, Any]:
        with self._lock:
            if self._image is None:
                client = self.module.client_for("ec2", region=self.region)
                images = find_images(caller, client, image_ids=[self.image_id])
                if not images:
                    caller.fail(f"source AMI {self.image_id} not found in {self.region}")
                self._image = images[0]
            return self._image


def needs_source(options: dict[str, Any]) -> bool:
    return not options["name"] or (options["copy_tags"] and options["tag_snapshots"])


def copy_tags(source_tags: Any, options: dict[str, Any], tag_value: str) -> dict[str, Any]:
    """Task tags and the source tag over `source_tags`."""
    tags = dict(source_tags or {})
    tags.update(options["tags"] or {})
    tags[SOURCE_TAG] = tag_value
    return tags


def copy_request(source_image_id: str, source_region: str, source: Any, options: dict[str, Any], region: str, client_token: str,
                 tag_value: str) -> dict[str, Any]:
    """CopyImage's parameters; `source` is the source AMI as read, or None when it was not needed."""
    params = dict(SourceImageId=source_image_id, SourceRegion=source_region, Name=options["name"] or source["Name"],
                  ClientToken=client_token, CopyImageTags=options["copy_tags"])
    params["TagSpecifications"] = [{"ResourceType": "image", "Tags": tag_list(copy_tags({}, options, tag_value))}]
    if options["tag_snapshots"]:
        source_tags = tag_dict(source.get("Tags")) if source and options["copy_tags"] else {}
        params["TagSpecifications"].append(
            {"ResourceType": "snapshot", "Tags": tag_list(copy_tags(source_tags, options, tag_value))})
    if options["description"] is not None:
        params["Description"] = options["description"]
    key = (options["kms_key_ids"] or {}).get(region)
    if options["encrypted"] or key:
        params["Encrypted"] = True
    if key:
        params["KmsKeyId"] = key
    return params


def copy_to_region(caller: RegionCaller, source: Any, options: dict[str, Any]) -> dict[str, Any]:
    """{'image_id', 'state', 'changed'} for one region."""
    client = caller.client_for("ec2")
    tag_value = source_tag_value(source.region, source.image_id)
    found = find_images(caller, client, owners=["self"], tags={SOURCE_TAG: tag_value})
    found = [i for i in found if i.get("State") not in ("deregistered", "failed", "error")]
    if found:
        image = found[0]
        return _finish(caller, client, image, False, options)
    if caller.check_mode:
        return {"region": caller.region, "image_id": None, "state": None, "changed": True}
    image = source.get(caller) if needs_source(options) else None
    params = copy_request(source.image_id, source.region, image, options, caller.region,
                          caller.module.client_token(), tag_value)
    answer = caller.call(client, "copy_image", f"copy {source.image_id} to {caller.region}", **params)
    return _finish(caller, client, {"ImageId": answer["ImageId"], "State": "pending"}, True, options)


def _finish(caller: RegionCaller, client: Any, image: dict[str, Any], changed: bool, options: dict[str, Any]) -> dict[str, Any]:
    if options["wait"] and image.get("State") != "available" and not caller.check_mode:
        image = _wait(caller, client, image["ImageId"], options)
    result = {"region": caller.region, "image_id": image["ImageId"], "state": image.get("State"), "changed": changed}
    if "Tags" in image:
        result["tags"] = tag_dict(image["Tags"])
        result["snapshot_ids"] = snapshot_ids(image)
    return result


def _wait(caller: RegionCaller, client: Any, image_id: str, options: dict[str, Any]) -> Any:
    def fetch() -> Any:
        images = caller.call(client, "describe_images", f"read copy {image_id}", ImageIds=[image_id])["Images"]
        return images[0] if images else {"ImageId": image_id, "State": "pending"}

    try:
        image, _seen = wait_until(fetch, lambda i: i.get("State"), ("available",), ("failed", "error", "deregistered"),
                                  timeout=options["wait_timeout"], delay=options["wait_delay"])
    except WaitTimeout as exc:
        caller.fail(f"copy {image_id} still {exc.last.get('State')} after {int(exc.elapsed)} s; rerun the task to keep waiting")
    if image.get("State") != "available":
        caller.fail(f"copy {image_id} ended {image.get('State')}: {image.get('StateReason', {}).get('Message', '')}")
    return image
