#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ami_lifecycle
short_description: Retention for AMIs - keep the newest, deprecate, protect, and deregister with their snapshots
version_added: 0.1.0
description:
  - Selects the AMIs owned by this account by name pattern and/or tags, disabled AMIs included.
  - Keeps the newest O(keep_newest) and/or those younger than O(keep_days) days; the rest are deregistered
    and their snapshots deleted (DeregisterImage with DeleteAssociatedSnapshots; an explicit DeleteSnapshot
    on older botocore), so no snapshot is left behind.
  - With O(skip_in_use=true), an AMI that something refers to is never removed, be it an instance that is not
    terminated, a launch template version, an SSM parameter (such as the one Image Builder distribution writes)
    or an Image Builder recipe (DescribeImageReferences; instances and launch templates only on a botocore
    without it).
  - O(regions) applies the retention in each listed region. With O(follow_copies=true), the AMIs are selected in
    the task's region only, and in the other regions their copies (tag C(imageforge:source-ami), set by
    M(imageforge.image_builder.ami_copy)) and distributions (Image Builder's C(Ec2ImageBuilderArn) tag) share the
    fate of their source.
  - O(keep_newest=0) without O(keep_days) removes every matching AMI, so it needs O(remove_all=true).
  - AMIs with deregistration protection are not removed; they are listed in RV(protected).
  - Sets the deprecation time and deregistration protection of the AMIs that are kept.
  - Check mode returns the full report.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: A name or a pattern with C(*) and C(?).
    type: str
  tags:
    description: Tags the AMIs must have.
    type: dict
  keep_newest:
    description: Keep this many of the newest AMIs.
    type: int
  keep_days:
    description: Keep the AMIs younger than this many days.
    type: int
  deprecate_after_days:
    description:
      - Set the deprecation time of each kept AMI to its creation date plus this many days.
      - AWS refuses a deprecation time in the past, so an AMI that is already older than that is deprecated at the
        next minute; one that is deprecated already is left alone. AWS also refuses more than 10 years (3650 days).
    type: int
  deregistration_protection:
    description: Turn deregistration protection on or off for each kept AMI.
    type: str
    choices: [enabled, enabled-with-cooldown, disabled]
  skip_in_use:
    description: Never remove an AMI that an instance, a launch template version, an SSM parameter or a recipe refers to.
    type: bool
    default: true
  regions:
    description: The regions to apply the retention in. Default the task's region.
    type: list
    elements: str
  follow_copies:
    description: Select in the task's region only; elsewhere act on the copies and distributions of the selected AMIs.
    type: bool
    default: false
  remove_all:
    description: Confirms that O(keep_newest=0) without O(keep_days) may remove every matching AMI.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Keep the 3 newest golden AMIs and anything younger than 30 days; deprecate after 90 days
  imageforge.image_builder.ami_lifecycle:
    name: golden-*
    keep_newest: 3
    keep_days: 30
    deprecate_after_days: 90

- name: The same in every distribution region, following copies and distributed AMIs
  imageforge.image_builder.ami_lifecycle:
    name: golden-*
    keep_newest: 3
    regions: [eu-west-1, us-east-1, ap-southeast-2]
    follow_copies: true
"""

RETURN = r"""
kept:
  description: IDs of the AMIs kept, in every region.
  returned: always
  type: list
  elements: str
removed:
  description: The AMIs deregistered (or that would be, in check mode), with the snapshots deleted.
  returned: always
  type: list
  elements: dict
  contains:
    image_id:
      description: The AMI ID.
      type: str
    name:
      description: The name.
      type: str
    snapshot_ids:
      description: The snapshots deleted with it.
      type: list
      elements: str
    region:
      description: Its region.
      type: str
in_use:
  description: Expired AMIs kept because something uses them, with the users.
  returned: always
  type: dict
protected:
  description: Expired AMIs kept because deregistration protection is on.
  returned: always
  type: list
  elements: str
deprecated:
  description: AMIs whose deprecation time was set, with the time.
  returned: always
  type: dict
protection_changed:
  description: AMIs whose deregistration protection was changed.
  returned: always
  type: list
  elements: str
regions:
  description: The same report per region (C(kept), C(removed), C(in_use), C(protected), C(deprecated), C(protection_changed)).
  returned: always
  type: dict
"""

import datetime
from typing import Any

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_retention import deprecation_change
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_retention import images_in_use
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_retention import remove_image
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.ami_retention import select
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import SOURCE_TAG
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import describe_images
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import find_images
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import newest_first
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import snapshot_ids
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import source_tag_value
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis.amis import tag_dict
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.validation_gate import IMAGE_ARN_TAG

MAX_DEPRECATE_DAYS = 3650


def plan_settings(images: list[dict[str, Any]], params: dict[str, Any], now: datetime.datetime) -> tuple[dict[str, str], dict[str, str]]:
    deprecations, protections = {}, {}
    for image in images:
        if params["deprecate_after_days"] is not None:
            wanted = deprecation_change(image, params["deprecate_after_days"], now)
            if wanted:
                deprecations[image["ImageId"]] = wanted
        wanted_protection = params["deregistration_protection"]
        if wanted_protection and (image.get("DeregistrationProtection") or "disabled").split(" ")[0] != wanted_protection:
            protections[image["ImageId"]] = wanted_protection
    return deprecations, protections


def apply_settings(module: ImageForgeModule, client: Any, deprecations: dict[str, str], protections: dict[str, str]) -> None:
    for image_id, at in deprecations.items():
        module.call(client, "enable_image_deprecation", f"set the deprecation time of {image_id}", ImageId=image_id,
                    DeprecateAt=at)
    for image_id, protection in protections.items():
        if protection == "disabled":
            module.call(client, "disable_image_deregistration_protection", f"unprotect {image_id}", ImageId=image_id)
        else:
            module.call(client, "enable_image_deregistration_protection", f"protect {image_id}", ImageId=image_id,
                        WithCooldown=protection == "enabled-with-cooldown")


def region_report(module: ImageForgeModule, region: str, now: datetime.datetime, client: Any, images: list[dict[str, Any]],
                  kept: list[dict[str, Any]], expired: list[dict[str, Any]]) -> dict[str, Any]:
    params = module.params
    protected = [i["ImageId"] for i in expired if (i.get("DeregistrationProtection") or "disabled") != "disabled"]
    expired = [i for i in expired if i["ImageId"] not in protected]
    in_use = images_in_use(module, client, [i["ImageId"] for i in expired]) if params["skip_in_use"] else {}
    removable = [i for i in expired if i["ImageId"] not in in_use]
    deprecations, protections = plan_settings(kept, params, now)
    if not module.check_mode:
        apply_settings(module, client, deprecations, protections)
        for image in removable:
            remove_image(module, client, image)
    return dict(images=[i["ImageId"] for i in images], kept=[i["ImageId"] for i in kept],
                removed=[{"image_id": i["ImageId"], "name": i.get("Name"), "snapshot_ids": snapshot_ids(i), "region": region}
                         for i in removable],
                in_use=in_use, protected=protected, deprecated=deprecations, protection_changed=sorted(protections))


def own_images(module: ImageForgeModule, client: Any, **criteria: Any) -> list[dict[str, Any]]:
    # disabled AMIs are old AMIs too: DescribeImages returns them only with IncludeDisabled
    images = find_images(module, client, owners=["self"], include_disabled=True, **criteria)
    return [i for i in images if i.get("State") not in ("deregistered",)]


def copies_in(module: ImageForgeModule, client: Any, fate: dict[str, bool]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """AMIs of a region that are copies (source tag) or distributions (Image Builder's ARN tag) of a selected
    AMI, split by the fate of their source: (kept, expired)."""
    found = describe_images(module, client, "find copies and distributions", Owners=["self"], IncludeDisabled=True,
                            Filters=[{"Name": "tag-key", "Values": [SOURCE_TAG, IMAGE_ARN_TAG]}])
    kept: list[dict[str, Any]]
    expired: list[dict[str, Any]]
    kept, expired = [], []
    for image in newest_first(found):
        tags = tag_dict(image.get("Tags"))
        verdict = fate.get(tags.get(SOURCE_TAG), fate.get(tags.get(IMAGE_ARN_TAG)))
        if verdict is not None:
            (kept if verdict else expired).append(image)
    return kept, expired


def plan_regions(module: ImageForgeModule, now: datetime.datetime) -> dict[str, tuple[Any, ...]]:
    params, home = module.params, module.region
    regions = list(dict.fromkeys(params["regions"] or [home]))
    criteria = dict(name=params["name"], tags=params["tags"])
    plans = {}
    if not params["follow_copies"]:
        for region in regions:
            client = module.client_for("ec2", region=region)
            images = own_images(module, client, **criteria)
            plans[region] = (client, images, *tuple(select(images, params["keep_newest"], params["keep_days"], now)))
        return plans
    client = module.client_for("ec2", region=home)
    images = own_images(module, client, **criteria)
    kept, expired = select(images, params["keep_newest"], params["keep_days"], now)
    plans[home] = (client, images, kept, expired)
    fate = {}
    for verdict, group in ((False, expired), (True, kept)):  # kept wins when an ARN names both
        for image in group:
            fate[source_tag_value(home, image["ImageId"])] = verdict
            arn = tag_dict(image.get("Tags")).get(IMAGE_ARN_TAG)
            if arn:
                fate[arn] = verdict
    for region in regions:
        if region == home:
            continue
        client = module.client_for("ec2", region=region)
        kept_r, expired_r = copies_in(module, client, fate)
        plans[region] = (client, kept_r + expired_r, kept_r, expired_r)
    return plans


def check_params(module: ImageForgeModule) -> None:
    params = module.params
    for field in ("keep_newest", "keep_days", "deprecate_after_days"):
        if params[field] is not None and params[field] < 0:
            module.fail_json(msg=f"{field}: must be 0 or more, not {params[field]}")
    if (params["deprecate_after_days"] or 0) > MAX_DEPRECATE_DAYS:
        module.fail_json(msg=f"deprecate_after_days: AWS accepts a deprecation time at most 10 years ahead "
                             f"({MAX_DEPRECATE_DAYS} days), not {params['deprecate_after_days']}")
    if params["keep_newest"] == 0 and params["keep_days"] is None and not params["remove_all"]:
        module.fail_json(msg="keep_newest: 0 without keep_days removes every matching AMI; set remove_all: true "
                             "if that is intended.")


def main() -> None:
    argument_spec = dict(
        name=dict(type="str"),
        tags=dict(type="dict"),
        keep_newest=dict(type="int"),
        keep_days=dict(type="int"),
        deprecate_after_days=dict(type="int"),
        deregistration_protection=dict(type="str", choices=["enabled", "enabled-with-cooldown", "disabled"]),
        skip_in_use=dict(type="bool", default=True),
        regions=dict(type="list", elements="str"),
        follow_copies=dict(type="bool", default=False),
        remove_all=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True, required_one_of=[["name", "tags"]])
    check_params(module)
    now = datetime.datetime.now(datetime.timezone.utc)
    plans = plan_regions(module, now)
    reports = {region: region_report(module, region, now, *plan) for region, plan in plans.items()}
    result: dict[str, Any] = dict(kept=[], removed=[], in_use={}, protected=[], deprecated={}, protection_changed=[])
    for report in reports.values():
        for key in ("kept", "removed", "protected", "protection_changed"):
            result[key] += report[key]
        result["in_use"].update(report["in_use"])
        result["deprecated"].update(report["deprecated"])
    result["changed"] = bool(result["removed"] or result["deprecated"] or result["protection_changed"])
    result["regions"] = {region: {k: v for k, v in report.items() if k != "images"} for region, report in reports.items()}
    if module._diff:
        removed = {r["image_id"] for r in result["removed"]}
        every = sorted(i for report in reports.values() for i in report["images"])
        result["diff"] = dict(before={"images": every}, after={"images": [i for i in every if i not in removed]})
    module.exit_json(**result)


if __name__ == "__main__":
    main()
