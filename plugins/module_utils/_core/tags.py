# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tag reconciliation for Image Builder resources: `tags` + `purge_tags`.

As in amazon.aws: when `tags` is not set, tags are left alone whatever
`purge_tags` says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

if TYPE_CHECKING:
    from .base import ImageForgeModule


def tag_changes(current: dict[str, str] | None, desired: dict[str, str] | None, purge: bool) -> tuple[dict[str, str], list[str]]:
    """(to_set, to_remove) needed to go from current to desired; nothing when desired is None."""
    if desired is None:
        return {}, []
    desired = {str(k): str(v) for k, v in desired.items()}
    return compare_aws_tags(current or {}, desired, purge_tags=purge)


def desired_tags(current: dict[str, str] | None, desired: dict[str, str] | None, purge: bool) -> dict[str, Any]:
    """The tags the resource will have once tag_changes() are applied."""
    to_set, to_remove = tag_changes(current, desired, purge)
    result = {k: v for k, v in (current or {}).items() if k not in to_remove}
    result.update(to_set)
    return result


def reconcile_tags(module: ImageForgeModule, arn: str | None, current: dict[str, str] | None, desired: dict[str, str] | None, purge: bool) -> bool:
    """Apply the tag changes to an Image Builder ARN. Returns True when something changed (or would)."""
    to_set, to_remove = tag_changes(current, desired, purge)
    if not (to_set or to_remove):
        return False
    if module.check_mode:
        return True
    client = module.imagebuilder
    if to_remove:
        module.call(client, "untag_resource", f"remove tags from {arn}", resourceArn=arn, tagKeys=to_remove)
    if to_set:
        module.call(client, "tag_resource", f"tag {arn}", resourceArn=arn, tags=to_set)
    return True
