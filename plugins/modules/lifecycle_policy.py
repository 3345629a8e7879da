#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lifecycle_policy
short_description: Manage EC2 Image Builder lifecycle policies
version_added: 0.1.0
description:
  - Creates, updates and deletes a lifecycle policy, identified by O(name).
  - With O(state=run_started), starts a lifecycle run on one image instead (StartResourceStateUpdate), which brings
    the image (and, per O(include_resources), its AMIs, snapshots and containers) to O(resource_state) now or at
    O(update_at). No run is started while another run of that image is still active, or when the image already is
    in that state.
  - With O(state=run_cancelled), cancels the run O(lifecycle_execution_id) (CancelLifecycleExecution); a cancelled
    run is left as it is. See runs with M(imageforge.image_builder.lifecycle_execution_info).
  - Image Builder's update call replaces the whole policy. The module sends the current value of every
    option the task does not set, so an option left out of the task keeps its current value.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the policy. Required with O(state=present) and O(state=absent).
    type: str
  state:
    description:
      - Whether the policy exists (V(present), V(absent)).
      - V(run_started) starts a lifecycle run on O(resource_arn); V(run_cancelled) cancels O(lifecycle_execution_id).
    type: str
    choices: [present, absent, run_started, run_cancelled]
    default: present
  resource_arn:
    description: With O(state=run_started), the image build version ARN to act on.
    type: str
  resource_state:
    description: With O(state=run_started), the state to bring the image to.
    type: str
    choices: [AVAILABLE, DEPRECATED, DISABLED, DELETED]
  include_resources:
    description: With O(state=run_started), which of the image's resources the run acts on.
    type: dict
    suboptions:
      amis:
        description: The AMIs.
        type: bool
      snapshots:
        description: The AMIs' snapshots.
        type: bool
      containers:
        description: The container images.
        type: bool
  update_at:
    description: With O(state=run_started), when the run applies the state (ISO 8601, UTC). Default now.
    type: str
  lifecycle_execution_id:
    description: With O(state=run_cancelled), the run to cancel (C(lce-...)).
    type: str
  status:
    description: Whether the policy runs. Image Builder's default is V(ENABLED).
    type: str
    choices: [ENABLED, DISABLED]
  execution_role:
    description: The role (name or ARN) that Image Builder uses to act on the images. Required to create the policy.
    type: str
  resource_type:
    description: The kind of images the policy acts on. Required to create the policy.
    type: str
    choices: [AMI_IMAGE, CONTAINER_IMAGE]
  policy_details:
    description:
      - The rules, the whole list when set, each as Image Builder's LifecyclePolicyDetail in snake_case.
      - C(action) with C(type) (V(DELETE), V(DEPRECATE), V(DISABLE)) and C(include_resources);
        C(filter) with C(type) (V(AGE), V(COUNT)), C(value), C(unit), C(retain_at_least);
        C(exclusion_rules) with C(tag_map) and C(amis). Required to create the policy.
    type: list
    elements: dict
  resource_selection:
    description: Which images the policy acts on, given whole. Required to create the policy.
    type: dict
    suboptions:
      recipes:
        description: Recipes, each a C(name) and a C(semantic_version).
        type: list
        elements: dict
      tag_map:
        description: Images with these tags.
        type: dict
extends_documentation_fragment:
  - imageforge.image_builder.updatable
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Keep the 5 newest AMIs of a recipe, deleting their snapshots too
  imageforge.image_builder.lifecycle_policy:
    name: web-keep-5
    resource_type: AMI_IMAGE
    execution_role: ImageBuilderLifecycleRole
    policy_details:
      - action:
          type: DELETE
          include_resources:
            amis: true
            snapshots: true
        filter:
          type: COUNT
          value: 5
    resource_selection:
      recipes:
        - name: web
          semantic_version: 1.0.0

- name: Deprecate one image and its AMIs at the end of the month
  imageforge.image_builder.lifecycle_policy:
    state: run_started
    resource_arn: "{{ build.arn }}"
    resource_state: DEPRECATED
    include_resources: {amis: true}
    update_at: "2030-01-31T23:00:00Z"
    execution_role: ImageBuilderLifecycleRole
  register: run

- name: Changed our mind
  imageforge.image_builder.lifecycle_policy:
    state: run_cancelled
    lifecycle_execution_id: "{{ run.lifecycle_execution_id }}"
"""

RETURN = r"""
arn:
  description: The ARN of the policy. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/web-keep-5
created:
  description: Whether the policy was (or would be) created.
  returned: state=present
  type: bool
changes:
  description: "One line per changed field: C(path) C(before -> after)."
  returned: when changed
  type: list
  elements: str
lifecycle_execution_id:
  description: The run started (or the active run that made starting one unnecessary), or the run cancelled.
  returned: state=run_started or state=run_cancelled
  type: str
lifecycle_policy:
  description: The policy as GetLifecyclePolicy returns it, in snake_case.
  returned: state=present
  type: dict
  contains:
    arn:
      description: The ARN.
      type: str
    policy_details:
      description: The rules.
      type: list
      elements: dict
    status:
      description: V(ENABLED) or V(DISABLED).
      type: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import LIFECYCLE_POLICY
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import LIFECYCLE_REPLACED_KEYS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import lifecycle_desired
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_policies import normalise_lifecycle
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_runs import cancel_run
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_runs import start_run
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import reconcile


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        name=dict(type="str"),
        state=dict(type="str", choices=["present", "absent", "run_started", "run_cancelled"], default="present"),
        resource_arn=dict(type="str"),
        resource_state=dict(type="str", choices=["AVAILABLE", "DEPRECATED", "DISABLED", "DELETED"]),
        include_resources=dict(type="dict", options=dict(
            amis=dict(type="bool"), snapshots=dict(type="bool"), containers=dict(type="bool"))),
        update_at=dict(type="str"),
        lifecycle_execution_id=dict(type="str"),
        status=dict(type="str", choices=["ENABLED", "DISABLED"]),
        execution_role=dict(type="str"),
        resource_type=dict(type="str", choices=["AMI_IMAGE", "CONTAINER_IMAGE"]),
        policy_details=dict(type="list", elements="dict"),
        resource_selection=dict(type="dict", options=dict(
            recipes=dict(type="list", elements="dict"), tag_map=dict(type="dict"))),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True, required_if=[
        ("state", "present", ("name",)), ("state", "absent", ("name",)),
        ("state", "run_started", ("resource_arn", "resource_state")), ("state", "run_cancelled", ("lifecycle_execution_id",))])
    if module.params["state"] == "run_started":
        changed, run_id, image = start_run(module)
        before = (image.get("state") or {}).get("status")
        module.exit_json(changed=changed, lifecycle_execution_id=run_id,
                         diff={"before": {"status": before},
                               "after": {"status": module.params["resource_state"] if changed else before}})
    if module.params["state"] == "run_cancelled":
        changed, run = cancel_run(module)
        before = (run.get("state") or {}).get("status")
        module.exit_json(changed=changed, lifecycle_execution_id=run["lifecycleExecutionId"],
                         diff={"before": {"status": before}, "after": {"status": "CANCELLED"}})
    reconcile(module, LIFECYCLE_POLICY, lifecycle_desired, normalise=normalise_lifecycle, replace=LIFECYCLE_REPLACED_KEYS)


if __name__ == "__main__":
    main()
