# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs that image (CreateImage) and image_pipeline share: scanning and workflows
(documented in doc_fragments/build_options.py)."""

from __future__ import annotations

SCANNING_SPEC = dict(
    image_scanning_enabled=dict(type="bool"),
    ecr_configuration=dict(type="dict", options=dict(
        repository_name=dict(type="str"), container_tags=dict(type="list", elements="str"))),
    image_scanning_types=dict(type="list", elements="str", choices=["TEST_INSTANCE_CVE", "ON_DEMAND_AMI_CVE"]),
    scan_result_condition=dict(type="dict", options=dict(
        maximum_severity_label=dict(type="str", required=True, choices=["INFORMATIONAL", "LOW", "MEDIUM", "HIGH"]),
        fix_available=dict(type="bool"))),
)
WORKFLOW_SPEC = dict(
    workflow_arn=dict(type="str", required=True),
    parameters=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True), value=dict(type="list", elements="str", required=True))),
    parallel_group=dict(type="str"),
    on_failure=dict(type="str", choices=["CONTINUE", "ABORT"]),
)
BUILD_OPTIONS = dict(
    image_scanning_configuration=dict(type="dict", options=SCANNING_SPEC),
    workflows=dict(type="list", elements="dict", options=WORKFLOW_SPEC),
)
