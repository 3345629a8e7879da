# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS RAM resource shares: find by name, create, read, and reconcile lists and tags (resource_share)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from .._core.tags import desired_tags
from .._core.tags import tag_changes
from .._core.transforms import to_camel
from .._core.transforms import to_snake

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


def sources(module: ImageForgeModule, client: Any, share_arn: str) -> list[str]:
    """The share's source constraints: accounts, organization IDs or paths, ARNs (ListSourceAssociations)."""
    found = module.paginate(client, "list_source_associations", f"read the sources of {share_arn}",
                            resourceShareArns=[share_arn]).get("sourceAssociations") or []
    return sorted({a["sourceId"] for a in found if a.get("status") in ("ASSOCIATED", "ASSOCIATING")})


def permissions(module: ImageForgeModule, client: Any, share_arn: str) -> list[Any]:
    page = module.call(client, "list_resource_share_permissions", f"read the permissions of {share_arn}",
                       resourceShareArn=share_arn)
    return sorted(p["arn"] for p in page.get("permissions", []))


def list_changes(current: Iterable[str], desired: Iterable[str] | None, purge: bool) -> tuple[list[str], list[str]]:
    """(to_add, to_remove); nothing when desired is None (the task did not set it)."""
    if desired is None:
        return [], []
    return sorted(set(desired) - set(current)), sorted(set(current) - set(desired)) if purge else []


def applied(current: Iterable[str], to_add: Iterable[str], to_remove: Iterable[str]) -> list[str]:
    """The list after list_changes() is carried out."""
    return sorted((set(current) | set(to_add)) - set(to_remove))


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


def create_share(module: ImageForgeModule, client: Any) -> dict[str, Any]:
    p = module.params
    params = dict(name=p["name"], principals=p["principals"] or [], resourceArns=p["resource_arns"] or [],
                  clientToken=module.client_token(), tags=[{"key": k, "value": str(v)} for k, v in (p["tags"] or {}).items()])
    if p["permission_arns"]:
        params["permissionArns"] = p["permission_arns"]
    if p["allow_external_principals"] is not None:
        params["allowExternalPrincipals"] = p["allow_external_principals"]
    if p["sources"]:
        params["sources"] = p["sources"]
    if p["permission_template_parameters"]:
        params["permissionTemplateParameters"] = to_camel(p["permission_template_parameters"])
    if p["retain_sharing_on_account_leave_organization"] is not None:
        params["resourceShareConfiguration"] = {
            "retainSharingOnAccountLeaveOrganization": p["retain_sharing_on_account_leave_organization"]}
    if module.check_mode:
        return {"name": p["name"], "allow_external_principals": p["allow_external_principals"], "principals": sorted(params["principals"]),
                "resource_arns": sorted(params["resourceArns"]), "permission_arns": sorted(p["permission_arns"] or []),
                "tags": p["tags"] or {}, **({"sources": sorted(p["sources"])} if p["sources"] is not None else {})}
    share = module.call(client, "create_resource_share", f"create resource share {p['name']}", **params)["resourceShare"]
    for permission in p["permission_arns"] or []:
        if permission in (p["permission_versions"] or {}):  # CreateResourceShare takes no version: set it right after
            associate_permission(module, client, share["resourceShareArn"], permission)
    return describe_share(module, client, share)


def associate_permission(module: ImageForgeModule, client: Any, arn: str, permission: str) -> None:
    """Associate a permission, at its version from permission_versions when the task gives one."""
    version = (module.params["permission_versions"] or {}).get(permission)
    module.call(client, "associate_resource_share_permission", f"add permission {permission} to {arn}",
                resourceShareArn=arn, permissionArn=permission, replace=True, clientToken=module.client_token(),
                **({"permissionVersion": int(version)} if version is not None else {}))


def describe_share(module: ImageForgeModule, client: Any, share: dict[str, Any]) -> dict[str, Any]:
    arn = share["resourceShareArn"]
    result = to_snake({k: v for k, v in share.items() if k != "tags"})
    result.update(principals=associations(module, client, arn, "PRINCIPAL"),
                  resource_arns=associations(module, client, arn, "RESOURCE"),
                  permission_arns=permissions(module, client, arn), tags=ram_tags(share.get("tags")))
    if module.params["sources"] is not None:  # read only when asked: older policies lack ram:ListSourceAssociations
        result["sources"] = sources(module, client, arn)
    return result


def update_share(module: ImageForgeModule, client: Any, share: dict[str, Any]) -> tuple[bool, dict, dict]:
    p, arn = module.params, share["resourceShareArn"]
    before = describe_share(module, client, share)
    after, changed = dict(before), False
    if p["allow_external_principals"] is not None and p["allow_external_principals"] != share.get("allowExternalPrincipals"):
        changed, after["allow_external_principals"] = True, p["allow_external_principals"]
        if not module.check_mode:
            module.call(client, "update_resource_share", f"update {arn}", resourceShareArn=arn,
                        allowExternalPrincipals=p["allow_external_principals"], clientToken=module.client_token())
    add_p, remove_p = list_changes(before["principals"], p["principals"], p["purge_principals"])
    add_r, remove_r = list_changes(before["resource_arns"], p["resource_arns"], p["purge_resources"])
    add_s, remove_s = list_changes(before.get("sources", []), p["sources"], p["purge_sources"])
    if add_p or add_r or add_s:
        changed = True
        if not module.check_mode:
            module.call(client, "associate_resource_share", f"add to {arn}", resourceShareArn=arn, principals=add_p,
                        resourceArns=add_r, clientToken=module.client_token(), **({"sources": add_s} if add_s else {}))
    if remove_p or remove_r or remove_s:
        changed = True
        if not module.check_mode:
            module.call(client, "disassociate_resource_share", f"remove from {arn}", resourceShareArn=arn,
                        principals=remove_p, resourceArns=remove_r, clientToken=module.client_token(),
                        **({"sources": remove_s} if remove_s else {}))
    after["principals"] = applied(before["principals"], add_p, remove_p)
    after["resource_arns"] = applied(before["resource_arns"], add_r, remove_r)
    if "sources" in before:
        after["sources"] = applied(before["sources"], add_s, remove_s)
    add_perm, remove_perm = list_changes(before["permission_arns"], p["permission_arns"], p["purge_permissions"])
    for permission in add_perm:
        changed = True
        if not module.check_mode:
            associate_permission(module, client, arn, permission)
    for permission in remove_perm:
        changed = True
        if not module.check_mode:
            module.call(client, "disassociate_resource_share_permission", f"remove permission {permission} from {arn}",
                        resourceShareArn=arn, permissionArn=permission, clientToken=module.client_token())
    after["permission_arns"] = applied(before["permission_arns"], add_perm, remove_perm)
    if reconcile_share_tags(module, client, arn, before["tags"], p["tags"], p["purge_tags"]):
        changed = True
    after["tags"] = desired_tags(before["tags"], p["tags"], p["purge_tags"])
    return changed, before, after
