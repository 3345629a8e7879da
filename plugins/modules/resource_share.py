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
      - Where service principals in O(principals) may use the shared resources from (C(sources)) - account IDs,
        ARNs, organization IDs or organization paths - against the confused deputy problem.
      - On an existing share the missing ones are added (AssociateResourceShare) and, with O(purge_sources),
        the others removed (DisassociateResourceShare). Not set, the share's sources are left alone.
    type: list
    elements: str
  purge_sources:
    description: Remove the sources not in O(sources).
    type: bool
    default: true
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
    sources:
      description: The source constraints (ListSourceAssociations).
      returned: when O(sources) is set
      type: list
      elements: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ram_shares as ram
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule


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
        purge_sources=dict(type="bool", default=True),
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
        after = ram.create_share(module, client)
        module.exit_json(changed=True, resource_share=after, diff=dict(before={}, after=after))
    changed, before, after = ram.update_share(module, client, share)
    module.exit_json(changed=changed, resource_share=after, diff=dict(before=before, after=after))


if __name__ == "__main__":
    main()
