#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ami_lifecycle
short_description: Retention for AMIs - keep the newest, deprecate, protect, and deregister with their snapshots
version_added: 0.1.0
description:
  - Selects the AMIs owned by this account by name pattern and/or tags.
  - Keeps the newest O(keep_newest) and/or those younger than O(keep_days) days; the rest are deregistered
    and their snapshots deleted (DeregisterImage with DeleteAssociatedSnapshots; an explicit DeleteSnapshot
    on older botocore), so no snapshot is left behind.
  - With O(skip_in_use=true), an AMI used by an instance or a launch template version is never removed.
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
    description: Never remove an AMI that an instance or a launch template version uses.
    type: bool
    default: true
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
"""

RETURN = r"""
kept:
  description: IDs of the AMIs kept.
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
"""

import datetime

from ansible_collections.imageforge.image_builder.plugins.module_utils.amis import find_images
from ansible_collections.imageforge.image_builder.plugins.module_utils.amis import snapshot_ids
from ansible_collections.imageforge.image_builder.plugins.module_utils.ami_retention import deprecation_change
from ansible_collections.imageforge.image_builder.plugins.module_utils.ami_retention import images_in_use
from ansible_collections.imageforge.image_builder.plugins.module_utils.ami_retention import remove_image
from ansible_collections.imageforge.image_builder.plugins.module_utils.ami_retention import select
from ansible_collections.imageforge.image_builder.plugins.module_utils.base import ImageForgeModule


MAX_DEPRECATE_DAYS = 3650


def plan_settings(images, params, now):
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


def apply_settings(module, client, deprecations, protections):
    for image_id, at in deprecations.items():
        module.call(client, "enable_image_deprecation", f"set the deprecation time of {image_id}", ImageId=image_id,
                    DeprecateAt=at)
    for image_id, protection in protections.items():
        if protection == "disabled":
            module.call(client, "disable_image_deregistration_protection", f"unprotect {image_id}", ImageId=image_id)
        else:
            module.call(client, "enable_image_deregistration_protection", f"protect {image_id}", ImageId=image_id,
                        WithCooldown=protection == "enabled-with-cooldown")


def main():
    argument_spec = dict(
        name=dict(type="str"),
        tags=dict(type="dict"),
        keep_newest=dict(type="int"),
        keep_days=dict(type="int"),
        deprecate_after_days=dict(type="int"),
        deregistration_protection=dict(type="str", choices=["enabled", "enabled-with-cooldown", "disabled"]),
        skip_in_use=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True, required_one_of=[["name", "tags"]])
    params = module.params
    for field in ("keep_newest", "keep_days", "deprecate_after_days"):
        if params[field] is not None and params[field] < 0:
            module.fail_json(msg=f"{field}: must be 0 or more, not {params[field]}")
    if (params["deprecate_after_days"] or 0) > MAX_DEPRECATE_DAYS:
        module.fail_json(msg=f"deprecate_after_days: AWS accepts a deprecation time at most 10 years ahead "
                             f"({MAX_DEPRECATE_DAYS} days), not {params['deprecate_after_days']}")
    client = module.client_for("ec2")
    images = find_images(module, client, owners=["self"], name=params["name"], tags=params["tags"])
    images = [i for i in images if i.get("State") not in ("deregistered",)]
    now = datetime.datetime.now(datetime.timezone.utc)
    kept, expired = select(images, params["keep_newest"], params["keep_days"], now)
    protected = [i["ImageId"] for i in expired if (i.get("DeregistrationProtection") or "disabled") != "disabled"]
    expired = [i for i in expired if i["ImageId"] not in protected]
    in_use = images_in_use(module, client, [i["ImageId"] for i in expired]) if params["skip_in_use"] else {}
    removable = [i for i in expired if i["ImageId"] not in in_use]
    deprecations, protections = plan_settings(kept, params, now)
    removed = [{"image_id": i["ImageId"], "name": i.get("Name"), "snapshot_ids": snapshot_ids(i)} for i in removable]
    if not module.check_mode:
        apply_settings(module, client, deprecations, protections)
        for image in removable:
            remove_image(module, client, image)
    changed = bool(removable or deprecations or protections)
    result = dict(changed=changed, kept=[i["ImageId"] for i in kept], removed=removed, in_use=in_use,
                  protected=protected, deprecated=deprecations, protection_changed=sorted(protections))
    if module._diff:
        result["diff"] = dict(before={"images": sorted(i["ImageId"] for i in images)},
                              after={"images": sorted(i["ImageId"] for i in images if i not in removable)})
    module.exit_json(**result)


if __name__ == "__main__":
    main()
