#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lifecycle_execution_info
short_description: The lifecycle runs of an EC2 Image Builder image or policy, with the resources they acted on
version_added: 0.2.0
description:
  - Lists the lifecycle runs (ListLifecycleExecutions) of an image build version or of a lifecycle policy, or
    reads one run (GetLifecycleExecution), newest first.
  - With O(include_resources), each run lists the AMIs, snapshots and container images it acted on and the action
    taken (ListLifecycleExecutionResources). A run scheduled for later lists no resources until it applies.
  - Start and cancel runs with M(imageforge.image_builder.lifecycle_policy).
author:
  - imageforge maintainers (@imageforge)
options:
  resource_arn:
    description:
      - The image build version ARN or lifecycle policy ARN whose runs to list.
      - One of O(resource_arn) or O(lifecycle_execution_id) is required, because ListLifecycleExecutions
        lists the runs of one resource only.
    type: str
  lifecycle_execution_id:
    description: One run (C(lce-...)).
    type: str
  include_resources:
    description: Read the resources of each run. One call per run.
    type: bool
    default: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The lifecycle runs of an image and what they did
  imageforge.image_builder.lifecycle_execution_info:
    resource_arn: "{{ build.arn }}"
  register: runs
"""

RETURN = r"""
lifecycle_executions:
  description: The runs, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    lifecycle_execution_id:
      description: The run ID.
      type: str
    lifecycle_policy_arn:
      description: The policy that ran, absent for a run started with StartResourceStateUpdate.
      type: str
    state:
      description: C(status) (V(PENDING), V(IN_PROGRESS), V(CANCELLING), V(CANCELLED), V(FAILED), V(SUCCESS)) and C(reason).
      type: dict
    start_time:
      description: When it started.
      type: str
    end_time:
      description: When it ended.
      type: str
    resources:
      description: With O(include_resources), each resource with C(resource_id), C(region), C(account_id),
        C(state), C(action) (C(name) V(AVAILABLE), V(DELETE), V(DEPRECATE), V(DISABLE)) and C(snapshots).
      type: list
      elements: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_runs import get_run
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_runs import run_result
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.lifecycle_runs import runs


def main() -> None:
    argument_spec = dict(
        resource_arn=dict(type="str"),
        lifecycle_execution_id=dict(type="str"),
        include_resources=dict(type="bool", default=True),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              required_one_of=[("resource_arn", "lifecycle_execution_id")],
                              mutually_exclusive=[("resource_arn", "lifecycle_execution_id")])
    params = module.params
    if params["lifecycle_execution_id"] and not params["lifecycle_execution_id"].startswith("lce-"):
        module.fail_json(msg=f"lifecycle_execution_id: {params['lifecycle_execution_id']} is not a lifecycle run ID (lce-...)")
    found = [get_run(module, params["lifecycle_execution_id"])] if params["lifecycle_execution_id"] else runs(
        module, params["resource_arn"])
    found.sort(key=lambda r: str(r.get("startTime") or ""), reverse=True)
    results = [run_result(module, run, params["include_resources"]) for run in found]
    module.exit_json(changed=False, lifecycle_executions=results)


if __name__ == "__main__":
    main()
