# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS RAM resource shares: find by name, read associations, reconcile lists and tags."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from .._core.tags import tag_changes

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule


def ram_tags(tag_list: Any) -> dict[str, Any]:
    return {t["key"]: t.get("value", "") for t in tag_list or []}


def find_share(module: ImageForgeModule, client: Any, name: str) -> dict[str, Any] | None:
    shares = module.call(client, "get_resource_shares", f"find resource share {name}", resourceOwner="SELF",
                         name=name, resourceShareStatus="ACTIVE").get("resourceShares", [])
    if len(shares) > 1:
        module.fail_json(msg=f"{len(shares)} active resource shares are named {name}; rename or delete all but one")
    return shares[0] if shares else None


def associations(module: ImageForgeModule, client: Any, share_arn: str, kind: str) -> list[Any]:
    found = module.paginate(client, "get_resource_share_associations", f"read the {kind.lower()} associations of {share_arn}",
                            associationType=kind, resourceShareArns=[share_arn]).get("resourceShareAssociations") or []
    return sorted({a["associatedEntity"] for a in found if a.get("status") in ("ASSOCIATED", "ASSOCIATING")})


def permissions(module: ImageForgeModule, client: Any, share_arn: str) -> list[Any]:
    page = module.call(client, "list_resource_share_permissions", f"read the permissions of {share_arn}",
                       resourceShareArn=share_arn)
    return sorted(p["arn"] for p in page.get("permissions", []))


def list_changes(current: Iterable[str], desired: Iterable[str] | None, purge: bool) -> tuple[list[str], list[str]]:
    """(to_add, to_remove); nothing when desired is None (the task did not set it)."""
    if desired is None:
        return [], []
    return sorted(set(desired) - set(current)), sorted(set(current) - set(desired)) if purge else []


def reconcile_share_tags(module: ImageForgeModule, client: Any, share_arn: str, current: dict[str, str] | None,
                         desired: dict[str, str] | None, purge: bool) -> bool:
    to_set, to_remove = tag_changes(current, desired, purge)
    if module.check_mode:
        return bool(to_set or to_remove)
    if to_remove:
        module.call(client, "untag_resource", f"untag {share_arn}", resourceShareArn=share_arn, tagKeys=to_remove)
    if to_set:
        module.call(client, "tag_resource", f"tag {share_arn}", resourceShareArn=share_arn,
                    tags=[{"key": k, "value": v} for k, v in to_set.items()])
    return bool(to_set or to_remove)
