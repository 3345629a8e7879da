#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: role_component
short_description: Publish Ansible roles as an EC2 Image Builder component
version_added: 0.1.0
description:
  - Packages roles, the collections their tasks use (found from fully qualified module names) and a
    generated playbook into a deterministic tar.gz. The same content always gives the same archive,
    which is uploaded to O(bundle_bucket) under a key addressed by its SHA-256 (skipped when it exists).
  - Publishes an AWSTOE component whose build phase installs python3 and the pinned O(ansible_core_version)
    (the distro package when its version matches the pin, else pip in a venv), downloads the bundle with
    S3Download and runs C(ansible-playbook -c local). Each of O(variables) becomes a component parameter
    whose value is JSON. The validate phase runs O(validation_role). The last step removes what the
    component installed unless the C(KeepAnsible) parameter is C(true).
  - With O(test_component), a second component runs O(validation_role) in Image Builder's test stage
    and uploads its JUnit report with S3Upload.
  - Components are versioned by the M(imageforge.image_builder.component) rules; a new version is made
    only when the bundle's hash or the generated document changes.
  - Linux only; other platforms are refused before any call.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the build component.
    type: str
    required: true
  roles:
    description:
      - The roles to apply, in order. Each is a role name looked up in O(roles_path), a path to a role
        folder, or a dictionary with C(name) and C(path).
    type: list
    elements: raw
    required: true
  roles_path:
    description: Folders in which role names are looked up.
    type: list
    elements: path
    default: []
  collections:
    description: Collections to bundle in addition to those the roles' tasks use.
    type: list
    elements: str
    default: []
  collections_path:
    description:
      - Folders that hold installed collections (C(ansible_collections/<namespace>/<name>)).
      - Defaults to E(ANSIBLE_COLLECTIONS_PATH), C(~/.ansible/collections), C(/usr/share/ansible/collections)
        and the Python site-packages folders.
    type: list
    elements: path
  variables:
    description:
      - Ansible variables for the roles. Each becomes a component parameter of the same name whose
        default is the JSON form of the value; a recipe can override it with another JSON value.
    type: dict
    default: {}
  run_tags:
    description:
      - Only the tasks with these Ansible tags run in the build phase (C(ansible-playbook --tags)), for example
        V(level1) for the CIS level 1 rules of the C(hardening) role.
      - Tags select tasks of the build playbook only. To leave a rule out of the build and of the validation,
        set its toggle in O(variables) instead (C(hardening_rule_<id>_enabled) of the C(hardening) role).
      - Letters, digits, C(_), C(.) and C(-) only.
    type: list
    elements: str
    default: []
  skip_tags:
    description:
      - The tasks with these Ansible tags are skipped in the build phase (C(ansible-playbook --skip-tags)),
        for example V(cis_5.1.20). Same rules as O(run_tags).
    type: list
    elements: str
    default: []
  validation_role:
    description: The role that the validate phase (and the test component) runs. An empty string disables it.
    type: str
    default: image_validation
  ansible_core_version:
    description:
      - The ansible-core version installed on the instance, V(2.14) (any 2.14.x) or V(2.14.18).
    type: str
    default: "2.14"
  keep_ansible:
    description: Default of the C(KeepAnsible) parameter, which keeps ansible-core and the bundle on the image.
    type: bool
    default: false
  bundle_bucket:
    description: The S3 bucket for the role bundle (and for documents too long to send inline).
    type: str
    required: true
  bundle_prefix:
    description: The key prefix of the bundles in O(bundle_bucket).
    type: str
    default: imageforge/role-bundles
  test_component:
    description: Also publish a test component that runs O(validation_role) and uploads a JUnit report.
    type: dict
    suboptions:
      name:
        description: Its name. Defaults to O(name) followed by C(-test).
        type: str
      report_uri:
        description: The S3 prefix (V(s3://bucket/prefix)) for the JUnit reports; O(name) is appended.
        type: str
        required: true
      description:
        description: Its description.
        type: str
  version:
    description: The version spec, as in M(imageforge.image_builder.component) (V(auto), V(1.2.x), V(1.2.3)).
    type: str
    default: auto
  platform:
    description: The platform of the components. Only V(Linux) is supported; other values are refused.
    type: str
    default: Linux
    choices: [Linux, Windows, macOS]
  supported_os_versions:
    description: Operating system versions the components support.
    type: list
    elements: str
  description:
    description: The description of the build component.
    type: str
  change_description:
    description: What changed in this version. Not part of the compared content.
    type: str
  kms_key_id:
    description: The KMS key that encrypts the components.
    type: str
notes:
  - Check mode builds the bundle locally but uploads nothing and creates nothing.
  - The instance needs C(s3:GetObject) on the bundle (and C(s3:PutObject) on the report prefix for the test component).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Publish the hardening role as a component, with a test component
  imageforge.image_builder.role_component:
    name: cis-hardening
    roles: [hardening]
    roles_path: ["{{ playbook_dir }}/../roles"]
    variables:
      hardening_ssh_permit_root_login: "no"
    bundle_bucket: my-build-artifacts
    test_component:
      report_uri: s3://my-build-artifacts/reports
  register: hardening_component

- name: Publish CIS level 1 without rule 5.1.20 (the rule is off in the build and in the validation)
  imageforge.image_builder.role_component:
    name: cis-level1-root-login
    roles: [imageforge.image_builder.hardening]
    run_tags: [level1]
    variables:
      hardening_rule_5_1_20_enabled: false
    bundle_bucket: my-build-artifacts
"""

RETURN = r"""
arn:
  description: The build version ARN of the build component. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
version:
  description: The semantic version of the build component.
  returned: always
  type: str
created:
  description: Whether a new version of the build component was (or would be) created.
  returned: always
  type: bool
component:
  description: The build component as GetComponent returns it, in snake_case.
  returned: always
  type: dict
document:
  description: The generated AWSTOE document of the build component.
  returned: always
  type: dict
bundle:
  description: The role bundle.
  returned: always
  type: dict
  contains:
    uri:
      description: Its S3 URI.
      type: str
    sha256:
      description: The SHA-256 of the archive, which is also its key.
      type: str
    size:
      description: Its size in bytes.
      type: int
    uploaded:
      description: Whether this run uploaded it (or would upload it, in check mode).
      type: bool
    roles:
      description: The roles in the bundle.
      type: list
      elements: str
    collections:
      description: The collections in the bundle.
      type: list
      elements: str
    validation_role:
      description: The role the validate phase runs.
      type: str
test_component:
  description: The result for the test component, with the same keys as the build component.
  returned: when O(test_component) is set
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.role_components import check_params
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.role_components import ensure_role_component


def main() -> None:
    argument_spec = dict(
        name=dict(type="str", required=True),
        roles=dict(type="list", elements="raw", required=True),
        roles_path=dict(type="list", elements="path", default=[]),
        collections=dict(type="list", elements="str", default=[]),
        collections_path=dict(type="list", elements="path"),
        variables=dict(type="dict", default={}),
        run_tags=dict(type="list", elements="str", default=[]),
        skip_tags=dict(type="list", elements="str", default=[]),
        validation_role=dict(type="str", default="image_validation"),
        ansible_core_version=dict(type="str", default="2.14"),
        keep_ansible=dict(type="bool", default=False),
        bundle_bucket=dict(type="str", required=True),
        bundle_prefix=dict(type="str", default="imageforge/role-bundles"),
        test_component=dict(type="dict", options=dict(
            name=dict(type="str"),
            report_uri=dict(type="str", required=True),
            description=dict(type="str"),
        )),
        version=dict(type="str", default="auto"),
        platform=dict(type="str", default="Linux", choices=["Linux", "Windows", "macOS"]),
        supported_os_versions=dict(type="list", elements="str"),
        description=dict(type="str"),
        change_description=dict(type="str"),
        kms_key_id=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True)
    check_params(module)
    module.exit_json(**ensure_role_component(module))


if __name__ == "__main__":
    main()
