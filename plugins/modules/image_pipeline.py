#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_pipeline
short_description: Manage EC2 Image Builder image pipelines
version_added: 0.1.0
description:
  - Creates, updates and deletes an image pipeline, identified by O(name).
  - Image Builder's update call replaces the whole pipeline. The module sends the current value of every
    option the task does not set, so an option left out of the task keeps its current value.
  - Recipes and configurations are given by name or by ARN. A recipe name is resolved with
    O(image_recipe_version) (or O(container_recipe_version)) to the newest matching version of your own.
  - When the recipe resolves to a new version, the pipeline is repointed in place. The old recipe version
    is then no longer used by the pipeline and can be retired, for example with the C(retain_versions)
    option of the recipe module.
  - The schedule's cron expression is checked before any call.
author:
  - imageforge maintainers (@imageforge)
options:
  name:
    description: The name of the pipeline.
    type: str
    required: true
  image_recipe:
    description: The image recipe, as a version ARN or a name. Mutually exclusive with O(container_recipe).
    type: str
  image_recipe_version:
    description: With a recipe name, the version to use, V(1.2.3), V(1.2.x) or V(auto) (the newest).
    type: str
    default: auto
  container_recipe:
    description: The container recipe, as a version ARN or a name.
    type: str
  container_recipe_version:
    description: With a container recipe name, the version to use, V(1.2.3), V(1.2.x) or V(auto).
    type: str
    default: auto
  infrastructure_configuration:
    description: The infrastructure configuration, as an ARN or a name. Required to create the pipeline.
    type: str
  distribution_configuration:
    description: The distribution configuration, as an ARN or a name.
    type: str
  schedule:
    description: When the pipeline runs by itself.
    type: dict
    suboptions:
      schedule_expression:
        description:
          - A cron expression with six fields (minutes hours day-of-month month day-of-week year), with or
            without the cron wrapper, such as V(cron(0 3 * * ? *\)) or V(0 3 * * ? *). Day-of-month or day-of-week
            must be C(?).
        type: str
      timezone:
        description: The IANA time zone of the expression, such as V(Europe/Paris). Image Builder's default is UTC.
        type: str
      pipeline_execution_start_condition:
        description: Run on every match, or only when a dependency has a new version (Image Builder's default).
        type: str
        choices: [EXPRESSION_MATCH_ONLY, EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE]
      auto_disable_policy:
        description: Disable the pipeline after this many failed runs in a row (C(autoDisablePolicy)).
        type: dict
        suboptions:
          failure_count:
            description: Consecutive failures, 1 to 10.
            type: int
            required: true
  status:
    description: Whether the schedule is active. Image Builder's default is V(ENABLED).
    type: str
    choices: [ENABLED, DISABLED]
  enhanced_image_metadata_enabled:
    description: Collect extended metadata (installed packages) from the image. Image Builder's default is V(true).
    type: bool
  image_tests_configuration:
    description: Image tests after the build. Image Builder's default is enabled with a 720 minute timeout.
    type: dict
    suboptions:
      image_tests_enabled:
        description: Run the tests.
        type: bool
      timeout_minutes:
        description: The test timeout, 60 to 1440.
        type: int
  execution_role:
    description: The IAM role that Image Builder uses to run the workflows.
    type: str
  image_tags:
    description: Tags of the images that the pipeline builds. The whole map is replaced when set.
    type: dict
  logging_configuration:
    description: CloudWatch log groups of the pipeline and of its builds (C(loggingConfiguration)).
    type: dict
    suboptions:
      image_log_group_name:
        description: The log group of the builds.
        type: str
      pipeline_log_group_name:
        description: The log group of the pipeline.
        type: str
extends_documentation_fragment:
  - imageforge.image_builder.updatable
  - imageforge.image_builder.build_options
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: A nightly pipeline from the newest 1.x recipe
  imageforge.image_builder.image_pipeline:
    name: web-nightly
    image_recipe: web
    image_recipe_version: 1.x.x
    infrastructure_configuration: build-small
    distribution_configuration: app-distribution
    schedule:
      schedule_expression: cron(0 3 * * ? *)
      timezone: Europe/Paris
    image_tests_configuration:
      timeout_minutes: 90
    tags:
      team: platform

- name: Pause the pipeline; everything else is kept
  imageforge.image_builder.image_pipeline:
    name: web-nightly
    status: DISABLED
"""

RETURN = r"""
arn:
  description: The ARN of the pipeline. In check mode, the ARN a create would return, for later tasks to use.
  returned: always
  type: str
  sample: arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-nightly
created:
  description: Whether the pipeline was (or would be) created.
  returned: state=present
  type: bool
changes:
  description: "One line per changed field: C(path) C(before -> after)."
  returned: when changed
  type: list
  elements: str
image_pipeline:
  description: The pipeline as GetImagePipeline returns it, in snake_case.
  returned: state=present
  type: dict
  contains:
    arn:
      description: The ARN.
      type: str
    image_recipe_arn:
      description: The recipe version the pipeline builds.
      type: str
    schedule:
      description: The schedule.
      type: dict
    status:
      description: V(ENABLED) or V(DISABLED).
      type: str
    tags:
      description: The tags.
      type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.build_specs import BUILD_OPTIONS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import PIPELINE
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import RECIPE_FIELDS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import normalise_pipeline
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.image_pipelines import pipeline_desired
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import ARGUMENT_SPEC
from ansible_collections.imageforge.image_builder.plugins.module_utils._reconcilers.updatable import reconcile


def main() -> None:
    argument_spec = dict(
        ARGUMENT_SPEC,
        image_recipe=dict(type="str"),
        image_recipe_version=dict(type="str", default="auto"),
        container_recipe=dict(type="str"),
        container_recipe_version=dict(type="str", default="auto"),
        infrastructure_configuration=dict(type="str"),
        distribution_configuration=dict(type="str"),
        schedule=dict(type="dict", options=dict(
            schedule_expression=dict(type="str"),
            timezone=dict(type="str"),
            pipeline_execution_start_condition=dict(
                type="str", choices=["EXPRESSION_MATCH_ONLY", "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"]),
            auto_disable_policy=dict(type="dict", options=dict(failure_count=dict(type="int", required=True))),
        )),
        status=dict(type="str", choices=["ENABLED", "DISABLED"]),
        enhanced_image_metadata_enabled=dict(type="bool"),
        image_tests_configuration=dict(type="dict", options=dict(
            image_tests_enabled=dict(type="bool"), timeout_minutes=dict(type="int"))),
        **BUILD_OPTIONS,
        execution_role=dict(type="str"),
        image_tags=dict(type="dict"),
        logging_configuration=dict(type="dict", options=dict(
            image_log_group_name=dict(type="str"), pipeline_log_group_name=dict(type="str"))),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              mutually_exclusive=[("image_recipe", "container_recipe")])
    reconcile(module, PIPELINE, pipeline_desired, normalise=normalise_pipeline, exclusive=(RECIPE_FIELDS,))


if __name__ == "__main__":
    main()
