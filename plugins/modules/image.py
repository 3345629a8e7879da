#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: image
short_description: Build, wait for, cancel, retry, distribute and delete EC2 Image Builder images
version_added: 0.1.0
description:
  - Builds an image from a pipeline (StartImagePipelineExecution) or from a recipe and configurations (CreateImage).
  - Idempotent by default. When an AVAILABLE (or still running) build of the same recipe version and configurations
    exists, nothing is built and the task waits for or returns that build. O(force=true) builds anyway.
  - A failed build fails the task with the reason, the workflow step that failed (RV(failed_step)) and where the
    logs are. A build still running at O(wait_timeout)
    fails the task with its ARN; rerun with O(arn) to resume waiting.
  - A build whose workflow has a C(WaitForAction) step pauses there. To hand it over to an approval, start it with
    O(wait=false), let an AWX workflow approval node follow, then resume (or stop) the step with
    M(imageforge.image_builder.workflow_step_action) and wait for the build with O(arn). Waiting on a paused build
    ends at O(wait_timeout) with the build still paused.
  - O(distribute) sends the image to the regions and accounts of another distribution configuration
    (DistributeImage). Only an image whose tests ran and passed is distributed, unless O(allow_unvalidated=true).
author:
  - imageforge maintainers (@imageforge)
options:
  state:
    description:
      - V(present) builds (or finds) the image and waits for it.
      - V(cancelled) cancels a running build, V(retried) retries a failed or cancelled one.
      - V(absent) deletes the image record; with O(delete_resources=true) also its AMIs and snapshots.
    type: str
    choices: [present, absent, cancelled, retried]
    default: present
  arn:
    description:
      - The image build version ARN to wait for, cancel, retry, distribute or delete.
      - Required with O(state=absent), O(state=cancelled) and O(state=retried).
    type: str
  pipeline:
    description: The image pipeline to run, by name or ARN.
    type: str
  recipe:
    description:
      - The image recipe to build, by name (newest version) or ARN.
      - With O(pipeline), the recipe version the pipeline must build. A real run fails when the pipeline uses
        another one. In check mode, it stands for the recipe that an earlier task would point the pipeline at,
        so a new recipe version shows as a build that would start.
    type: str
  container_recipe:
    description: The container recipe to build, by name (newest version) or ARN; with O(pipeline), as O(recipe).
    type: str
  infrastructure_configuration:
    description: The infrastructure configuration, by name or ARN. Required with O(recipe) or O(container_recipe).
    type: str
  distribution_configuration:
    description: The distribution configuration, by name or ARN. Without it the AMI stays in the build region.
    type: str
  image_tests_enabled:
    description: Run the tests of the components after the build. AWS's default is V(true).
    type: bool
  image_tests_timeout_minutes:
    description: How long the tests may run.
    type: int
  enhanced_image_metadata_enabled:
    description: Collect the installed packages (see O(imageforge.image_builder.image_info#module:include_packages)).
    type: bool
  force:
    description: Build even when a build of the same recipe version and configurations exists.
    type: bool
    default: false
  distribute:
    description: A distribution configuration (name or ARN) to send the built image to with DistributeImage.
    type: str
  execution_role:
    description:
      - The IAM role Image Builder assumes to run the build's O(workflows) (CreateImage C(executionRole))
        and to distribute the image with O(distribute).
    type: str
  logging_configuration:
    description: The CloudWatch log group of a build from a recipe (C(loggingConfiguration)).
    type: dict
    suboptions:
      log_group_name:
        description: The log group.
        type: str
  allow_unvalidated:
    description: Distribute an image whose tests did not run or pass. The result says RV(validation_overridden=true).
    type: bool
    default: false
  delete_resources:
    description: With O(state=absent), also deregister the AMIs and delete their snapshots in every region.
    type: bool
    default: false
  target_account_role:
    description:
      - A role name (or ARN) assumed in each target account of the distribution to delete the AMIs there.
      - Without it, AMIs of other accounts are left and listed in RV(skipped_amis).
    type: str
extends_documentation_fragment:
  - imageforge.image_builder.waiter
  - imageforge.image_builder.findings_policy
  - imageforge.image_builder.build_options
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - O(tags) are set on the image when it is built and reconciled on an existing build.
  - O(image_scanning_configuration), O(workflows) and O(logging_configuration) apply to a build from a recipe;
    a pipeline build uses the pipeline's own.
"""

EXAMPLES = r"""
- name: Build the pipeline's image unless an identical build exists
  imageforge.image_builder.image:
    pipeline: web-server
  register: built

- name: Build from a pipeline, which an earlier task points at a recipe version (check mode shows a new version as a build)
  imageforge.image_builder.image:
    pipeline: "{{ pipeline.arn }}"
    recipe: "{{ recipe.arn }}"

- name: Build from a recipe and configurations, at most 20 minutes
  imageforge.image_builder.image:
    recipe: web-server
    infrastructure_configuration: build-small
    distribution_configuration: two-regions
    wait_timeout: 1200

- name: Start a build whose workflow waits for an approval (AWX approval node next)
  imageforge.image_builder.image:
    pipeline: web-server-approved
    wait: false
  register: pending

- name: After approval - resume the Approve step, then wait for the build
  imageforge.image_builder.workflow_step_action:
    arn: "{{ pending.arn }}"
    step_name: Approve
    action: resume

- name: Refuse to distribute an image with a CRITICAL finding that has a fix
  imageforge.image_builder.image:
    arn: "{{ pending.arn }}"
    distribute: more-regions
    execution_role: ImageBuilderDistribution
    findings_policy:
      severities: [CRITICAL]
      only_with_fix: true

- name: Resume waiting for a build that timed out
  imageforge.image_builder.image:
    arn: "{{ built.arn }}"

- name: Delete the image, its AMIs and snapshots, also in the target accounts
  imageforge.image_builder.image:
    arn: "{{ built.arn }}"
    state: absent
    delete_resources: true
    target_account_role: ImageCleanup
"""

RETURN = r"""
arn:
  description:
    - The image build version ARN.
    - In check mode, when a build would start, the ARN it would get, or V((known after build)) when the recipe
      is not known yet (a pipeline an earlier task creates; set O(recipe) too).
  returned: when an image is known, and in check mode
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1
state:
  description: The image status at the end of the task.
  returned: when an image is known
  type: str
  sample: AVAILABLE
image:
  description: The image.
  returned: when an image is known
  type: dict
  contains:
    version:
      description: The semantic version, without the build number (Image Builder reports V(1.0.0/2)).
      type: str
      sample: 1.0.0
    build:
      description: The build number of the version.
      type: int
      sample: 2
    amis:
      description:
        - Each AMI with region, account_id, image_id and name.
        - In check mode, when a build would start, one entry per distribution region whose image_id is
          V((known after build)), which M(imageforge.image_builder.ami_copy) and M(imageforge.image_builder.ami_share)
          accept in check mode.
      type: list
      elements: dict
    amis_by_region:
      description: "AMI ids by region, then account: {region: {account: ami}}."
      type: dict
    containers:
      description: Container image URIs by region.
      type: list
      elements: dict
    tests_ran:
      description: Whether the build ran its tests.
      type: bool
    tests_passed:
      description: Whether the tests ran and passed.
      type: bool
    seconds_in_state:
      description: Seconds the task saw the build in each state while waiting.
      type: dict
    log_location:
      description: Where the build logs are, for a failed build.
      type: str
distribution:
  description: The image built by O(distribute).
  returned: with O(distribute)
  type: dict
validated:
  description: Whether the distributed image passed the validation gate.
  returned: with O(distribute)
  type: bool
validation_overridden:
  description: Whether O(allow_unvalidated) let an unvalidated image through.
  returned: with O(distribute)
  type: bool
failed_step:
  description:
    - The workflow step that failed, when a build fails, with C(workflow_type), C(name), C(action), C(message),
      C(step_execution_id), C(workflow_execution_id) and the build's C(log_location).
    - See M(imageforge.image_builder.workflow_execution_info) for every step.
  returned: when a build fails
  type: dict
deleted_amis:
  description: AMIs deregistered (with their snapshot_ids) by O(delete_resources).
  returned: with O(state=absent)
  type: list
  elements: dict
skipped_amis:
  description: AMIs of accounts that no O(target_account_role) reaches, left in place.
  returned: with O(state=absent)
  type: list
  elements: dict
"""

from typing import Any

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.removal import remove
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.tags import reconcile_tags
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.waiters import WAITER_OPTIONS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import image_builds as builds
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.build_specs import BUILD_OPTIONS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_distribution import distribute
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_resources import delete_amis
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import POLICY_SPEC


def find(module: ImageForgeModule, arn: str) -> Any:
    """GetImage, or None for a missing image (ResourceNotFoundException, HTTP 404)."""
    found = module.call_or_none(module.imagebuilder, "get_image", f"read image {arn} (GetImage)", imageBuildVersionArn=arn)
    return found["image"] if found else None


def finish(module: ImageForgeModule, image: dict[str, Any], changed: bool, seconds: float | None = None, **extra: Any) -> None:
    summary = builds.summarise(image, seconds)
    before = extra.pop("before", summary["state"])
    module.exit_json(changed=changed, arn=image["arn"], state=summary["state"], image=summary,
                     diff={"before": {"state": before}, "after": {"state": summary["state"]}}, **extra)


def waited(module: ImageForgeModule, arn: str | None) -> tuple[Any, ...]:
    if module.check_mode or not arn or not module.params["wait"]:
        return (builds.get_image(module, arn) if arn else None), None
    return builds.wait_for(module, arn)


def present(module: ImageForgeModule) -> None:
    changed, before = False, None
    if module.params["arn"]:
        image = builds.get_image(module, module.params["arn"])
        arn = image["arn"]
    else:
        source = builds.build_source(module)
        image = None if module.params["force"] else builds.existing_build(module, source)
        if image is None:
            changed, before = True, "absent"
            if module.check_mode:
                image = builds.planned(module, source)
                module.exit_json(changed=True, arn=image["arn"], state=None, would_build=source, image=image,
                                 diff={"before": {"state": "absent"}, "after": {"state": "PENDING"}})
            arn = builds.start(module, source)
        else:
            arn = image["arn"]
    if image is not None:
        changed |= reconcile_tags(module, arn, image.get("tags") or {}, module.params["tags"], module.params["purge_tags"])
    image, seconds = waited(module, arn)
    extra = {}
    if module.params["distribute"]:
        target = builds.resolve(module, "distribution_configuration", module.params["distribute"])
        moved, gate, dist_arn = distribute(module, image, target)
        changed |= moved
        extra.update(gate)
        if dist_arn:
            dist_image = waited(module, dist_arn)[0]
            extra["distribution"] = builds.summarise(dist_image)
    finish(module, image, changed, seconds, before=before or (image.get("state") or {}).get("status"), **extra)


def cancelled(module: ImageForgeModule) -> None:
    image = builds.get_image(module, module.params["arn"])
    status = image["state"]["status"]
    if status == "CANCELLED":
        finish(module, image, False)
    if status not in builds.RUNNING:
        module.fail_json(msg=f"The image {image['arn']} is {status}; only a running build can be cancelled.",
                         arn=image["arn"], state=status)
    if not module.check_mode:
        module.call(module.imagebuilder, "cancel_image_creation", f"cancel {image['arn']}",
                    imageBuildVersionArn=image["arn"], clientToken=module.client_token())
        image = builds.get_image(module, image["arn"])
    finish(module, image, True, before=status)


def retried(module: ImageForgeModule) -> None:
    image = builds.get_image(module, module.params["arn"])
    status = image["state"]["status"]
    if status not in ("FAILED", "CANCELLED"):
        if module.params["wait"] and status in builds.RUNNING:
            image, seconds = builds.wait_for(module, image["arn"])
            finish(module, image, False, seconds)
        finish(module, image, False)
    if module.check_mode:
        finish(module, image, True)
    module.call(module.imagebuilder, "retry_image", f"retry {image['arn']}", imageBuildVersionArn=image["arn"],
                clientToken=module.client_token())
    image, seconds = waited(module, image["arn"])
    finish(module, image, True, seconds, before=status)


def absent(module: ImageForgeModule) -> None:
    arn = module.params["arn"]
    image = find(module, arn)
    if image is None:
        module.exit_json(changed=False, arn=arn, state=None, deleted_amis=[], skipped_amis=[],
                         diff={"before": {"state": "absent"}, "after": {"state": "absent"}})
    status = image["state"]["status"]
    if status in builds.RUNNING:
        module.fail_json(msg=f"The image {arn} is still {status}; cancel it (state: cancelled) before deleting it.",
                         arn=arn, state=status)
    deleted, skipped = [], []
    if module.params["delete_resources"]:
        deleted, skipped = delete_amis(module, builds.summarise(image)["amis"])
    if not module.check_mode:
        remove(module, module.imagebuilder, "delete_image", f"delete image {arn}", imageBuildVersionArn=arn)
    module.exit_json(changed=True, arn=arn, state="DELETED", deleted_amis=deleted, skipped_amis=skipped,
                     diff={"before": {"state": status}, "after": {"state": "absent"}})


def check_params(module: ImageForgeModule) -> None:
    params = module.params
    if params["state"] == "present" and not params["arn"]:
        if not (params["pipeline"] or params["recipe"] or params["container_recipe"]):
            module.fail_json(msg="state=present needs arn, pipeline, or recipe/container_recipe.")
        if not params["pipeline"] and not params["infrastructure_configuration"]:
            module.fail_json(msg="Building from a recipe needs infrastructure_configuration.")
    if params["distribute"] and not params["execution_role"]:
        module.fail_json(msg="distribute needs execution_role: the IAM role Image Builder assumes to distribute.")
    if params["wait_timeout"] < 0 or params["wait_delay"] < 1:
        module.fail_json(msg="wait_timeout must be >= 0 and wait_delay >= 1.")


def main() -> None:
    argument_spec = dict(
        state=dict(type="str", choices=["present", "absent", "cancelled", "retried"], default="present"),
        arn=dict(type="str"),
        pipeline=dict(type="str"),
        recipe=dict(type="str"),
        container_recipe=dict(type="str"),
        infrastructure_configuration=dict(type="str"),
        distribution_configuration=dict(type="str"),
        image_tests_enabled=dict(type="bool"),
        image_tests_timeout_minutes=dict(type="int"),
        enhanced_image_metadata_enabled=dict(type="bool"),
        force=dict(type="bool", default=False),
        distribute=dict(type="str"),
        execution_role=dict(type="str"),
        logging_configuration=dict(type="dict", options=dict(log_group_name=dict(type="str"))),
        **BUILD_OPTIONS,
        allow_unvalidated=dict(type="bool", default=False),
        findings_policy=dict(type="dict", options=POLICY_SPEC),
        delete_resources=dict(type="bool", default=False),
        target_account_role=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        **WAITER_OPTIONS,
    )
    module = ImageForgeModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[("recipe", "container_recipe"), ("pipeline", "infrastructure_configuration"),
                            ("pipeline", "distribution_configuration"), ("pipeline", "image_scanning_configuration"),
                            ("pipeline", "workflows"), ("pipeline", "logging_configuration")],
        required_if=[("state", "absent", ("arn",)), ("state", "cancelled", ("arn",)), ("state", "retried", ("arn",))],
    )
    check_params(module)
    {"present": present, "cancelled": cancelled, "retried": retried, "absent": absent}[module.params["state"]](module)


if __name__ == "__main__":
    main()
