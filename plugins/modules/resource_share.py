#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: resource_share
short_description: Manage an AWS RAM resource share
version_added: 0.1.0
description:
  - Creates, updates or deletes an AWS Resource Access Manager share, found by its name.
  - Principals are account IDs, organization ARNs, OU ARNs, IAM role/user ARNs or service principals.
  - Resources are any shareable ARN, including Image Builder components, image recipes, container recipes and images.
  - Lists that the task does not set are left alone; with O(purge_principals) / O(purge_resources) /
    O(purge_permissions) the lists become exactly the given ones.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The share's name (unique among this account's active shares in the region).
    type: str
    required: true
  state:
    description: Whether the share exists.
    type: str
    choices: [present, absent]
    default: present
  principals:
    description: Account IDs, organization or OU ARNs, IAM ARNs, service principals.
    type: list
    elements: str
  purge_principals:
    description: Remove the principals not in O(principals).
    type: bool
    default: true
  resource_arns:
    description: ARNs of the resources to share.
    type: list
    elements: str
  purge_resources:
    description: Remove the resources not in O(resource_arns).
    type: bool
    default: true
  permission_arns:
    description: RAM permission ARNs. By default RAM uses the default permission of each resource type.
    type: list
    elements: str
  purge_permissions:
    description: Remove the permissions not in O(permission_arns).
    type: bool
    default: true
  allow_external_principals:
    description: Whether principals outside the organization may be added.
    type: bool
  sources:
    description:
      - Accounts, organizations or OUs whose service principals may use the share (C(sources)).
      - Set only when the share is created; RAM has no call that changes them.
    type: list
    elements: str
  permission_template_parameters:
    description:
      - Parameters of customer-managed permission templates, each a C(permission_arn) and its
        C(permission_template_parameters) (C(name), C(values)). Set when the share is created.
    type: list
    elements: dict
  permission_versions:
    description:
      - "The version of each permission in O(permission_arns) to associate: C({permission ARN: version}).
        Without an entry RAM uses the default version."
    type: dict
  retain_sharing_on_account_leave_organization:
    description:
      - Keep sharing with an account that leaves the organization (C(resourceShareConfiguration)).
        Set when the share is created.
    type: bool
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Share two Image Builder components with an OU
  imageforge.image_builder.resource_share:
    name: golden-components
    principals:
      - arn:aws:organizations::123456789012:ou/o-abc1234567/ou-ab12-cdef5678
    resource_arns:
      - arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx/1.0.0/1
      - arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.0.0
    allow_external_principals: false
    tags:
      team: platform
"""

RETURN = r"""
resource_share:
  description: The share, after the change.
  returned: when O(state=present)
  type: dict
  contains:
    resource_share_arn:
      description: The ARN.
      type: str
    name:
      description: The name.
      type: str
    status:
      description: The status.
      type: str
    allow_external_principals:
      description: Whether external principals are allowed.
      type: bool
    principals:
      description: The principals.
      type: list
      elements: str
    resource_arns:
      description: The resources.
      type: list
      elements: str
    permission_arns:
      description: The permissions.
      type: list
      elements: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ram_shares as ram
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.tags import desired_tags
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_camel
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_snake


def create(module, client):
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
                "tags": p["tags"] or {}}
    share = module.call(client, "create_resource_share", f"create resource share {p['name']}", **params)["resourceShare"]
    for permission in p["permission_arns"] or []:
        if permission in (p["permission_versions"] or {}):  # CreateResourceShare takes no version: set it right after
            associate_permission(module, client, share["resourceShareArn"], permission)
    return describe(module, client, share)


def associate_permission(module, client, arn, permission):
    """Associate a permission, at its version from permission_versions when the task gives one."""
    version = (module.params["permission_versions"] or {}).get(permission)
    module.call(client, "associate_resource_share_permission", f"add permission {permission} to {arn}",
                resourceShareArn=arn, permissionArn=permission, replace=True, clientToken=module.client_token(),
                **({"permissionVersion": int(version)} if version is not None else {}))


def describe(module, client, share):
    arn = share["resourceShareArn"]
    result = to_snake({k: v for k, v in share.items() if k != "tags"})
    result.update(principals=ram.associations(module, client, arn, "PRINCIPAL"),
                  resource_arns=ram.associations(module, client, arn, "RESOURCE"),
                  permission_arns=ram.permissions(module, client, arn), tags=ram.ram_tags(share.get("tags")))
    return result


def update(module, client, share):
    p, arn = module.params, share["resourceShareArn"]
    before = describe(module, client, share)
    after, changed = dict(before), False
    if p["allow_external_principals"] is not None and p["allow_external_principals"] != share.get("allowExternalPrincipals"):
        changed, after["allow_external_principals"] = True, p["allow_external_principals"]
        if not module.check_mode:
            module.call(client, "update_resource_share", f"update {arn}", resourceShareArn=arn,
                        allowExternalPrincipals=p["allow_external_principals"], clientToken=module.client_token())
    add_p, remove_p = ram.list_changes(before["principals"], p["principals"], p["purge_principals"])
    add_r, remove_r = ram.list_changes(before["resource_arns"], p["resource_arns"], p["purge_resources"])
    if add_p or add_r:
        changed = True
        if not module.check_mode:
            module.call(client, "associate_resource_share", f"add to {arn}", resourceShareArn=arn, principals=add_p,
                        resourceArns=add_r, clientToken=module.client_token())
    if remove_p or remove_r:
        changed = True
        if not module.check_mode:
            module.call(client, "disassociate_resource_share", f"remove from {arn}", resourceShareArn=arn,
                        principals=remove_p, resourceArns=remove_r, clientToken=module.client_token())
    after["principals"] = sorted((set(before["principals"]) | set(add_p)) - set(remove_p))
    after["resource_arns"] = sorted((set(before["resource_arns"]) | set(add_r)) - set(remove_r))
    add_perm, remove_perm = ram.list_changes(before["permission_arns"], p["permission_arns"], p["purge_permissions"])
    for permission in add_perm:
        changed = True
        if not module.check_mode:
            associate_permission(module, client, arn, permission)
    for permission in remove_perm:
        changed = True
        if not module.check_mode:
            module.call(client, "disassociate_resource_share_permission", f"remove permission {permission} from {arn}",
                        resourceShareArn=arn, permissionArn=permission, clientToken=module.client_token())
    after["permission_arns"] = sorted((set(before["permission_arns"]) | set(add_perm)) - set(remove_perm))
    if ram.reconcile_share_tags(module, client, arn, before["tags"], p["tags"], p["purge_tags"]):
        changed = True
    after["tags"] = desired_tags(before["tags"], p["tags"], p["purge_tags"])
    return changed, before, after


def main() -> None:
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        principals=dict(type="list", elements="str"),
        purge_principals=dict(type="bool", default=True),
        resource_arns=dict(type="list", elements="str"),
        purge_resources=dict(type="bool", default=True),
        permission_arns=dict(type="list", elements="str"),
        purge_permissions=dict(type="bool", default=True),
        allow_external_principals=dict(type="bool"),
        sources=dict(type="list", elements="str"),
        permission_template_parameters=dict(type="list", elements="dict"),
        permission_versions=dict(type="dict"),
        retain_sharing_on_account_leave_organization=dict(type="bool"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    bad = [a for a in module.params["resource_arns"] or [] if not a.startswith("arn:")]
    if bad:
        module.fail_json(msg=f"resource_arns: {', '.join(bad)} are not ARNs")
    client = module.client_for("ram")
    share = ram.find_share(module, client, module.params["name"])
    if module.params["state"] == "absent":
        if share and not module.check_mode:
            module.call(client, "delete_resource_share", f"delete {share['resourceShareArn']}",
                        resourceShareArn=share["resourceShareArn"], clientToken=module.client_token())
        module.exit_json(changed=bool(share), diff=dict(before={"name": share and share["name"]}, after={}))
    if share is None:
        after = create(module, client)
        module.exit_json(changed=True, resource_share=after, diff=dict(before={}, after=after))
    changed, before, after = update(module, client, share)
    module.exit_json(changed=changed, resource_share=after, diff=dict(before=before, after=after))


if __name__ == "__main__":
    main()
