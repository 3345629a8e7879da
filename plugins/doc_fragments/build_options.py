# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options of module_utils/_imagebuilder/build_specs.py, shared by image (CreateImage) and image_pipeline.
    DOCUMENTATION = r"""
options:
  image_scanning_configuration:
    description: Amazon Inspector scanning of the image (C(imageScanningConfiguration)).
    type: dict
    suboptions:
      image_scanning_enabled:
        description: Scan the image.
        type: bool
      ecr_configuration:
        description: For container images, the repository that holds the scanned image.
        type: dict
        suboptions:
          repository_name:
            description: The ECR repository.
            type: str
          container_tags:
            description: Tags of the container image in the repository.
            type: list
            elements: str
      image_scanning_types:
        description: Which scan runs (C(imageScanningTypes)).
        type: list
        elements: str
        choices: [TEST_INSTANCE_CVE, ON_DEMAND_AMI_CVE]
      scan_result_condition:
        description: Fail the build when the scan finds vulnerabilities above this level (C(scanResultCondition)).
        type: dict
        suboptions:
          maximum_severity_label:
            description: The highest severity allowed.
            type: str
            required: true
            choices: [INFORMATIONAL, LOW, MEDIUM, HIGH]
          fix_available:
            description: Count only findings that have a fix.
            type: bool
  workflows:
    description: The build and test workflows, the whole list when set.
    type: list
    elements: dict
    suboptions:
      workflow_arn:
        description: The workflow ARN.
        type: str
        required: true
      parameters:
        description: Workflow parameters, each a C(name) and a list of C(value).
        type: list
        elements: dict
        suboptions:
          name:
            description: The parameter name.
            type: str
            required: true
          value:
            description: The values.
            type: list
            elements: str
            required: true
      parallel_group:
        description: Workflows of the same group run in parallel.
        type: str
      on_failure:
        description: What to do when the workflow fails.
        type: str
        choices: [CONTINUE, ABORT]
"""
