#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: image_scan_findings_info
short_description: The vulnerability scan findings of EC2 Image Builder images, filtered
version_added: 0.2.0
description:
  - Returns the scan findings (ListImageScanFindings) of an image build version, of a pipeline's images, or of
    the whole account, filtered by severity, package, vulnerability ID and whether a fix is available.
  - The service takes one filter per call, so the image or pipeline is filtered by Image Builder and the other
    filters by the module.
  - Also returns the severity counts of the findings returned, and optionally Image Builder's own
    aggregation (ListImageScanFindingAggregations).
author:
  - imageforge maintainers (@imageforge)
options:
  arn:
    description: The image build version ARN.
    type: str
  pipeline_arn:
    description: The pipeline whose images' findings to return.
    type: str
  severities:
    description: Only findings of these severities.
    type: list
    elements: str
    choices: [CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED]
  packages:
    description: Only findings in one of these packages.
    type: list
    elements: str
  vulnerability_ids:
    description: Only these vulnerabilities (for example V(CVE-2024-3094)).
    type: list
    elements: str
  fix_available:
    description: Only findings whose fix availability is one of these.
    type: list
    elements: str
    choices: ["YES", "NO", "PARTIAL"]
  include_aggregation:
    description:
      - Also return Image Builder's severity counts (ListImageScanFindingAggregations) for the image or pipeline,
        or for the whole account when neither O(arn) nor O(pipeline_arn) is given.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: CRITICAL findings with a fix available
  imageforge.image_builder.image_scan_findings_info:
    arn: "{{ build.arn }}"
    severities: [CRITICAL]
    fix_available: ["YES"]
  register: critical
"""

RETURN = r"""
findings:
  description: The findings, each with C(vulnerability_id), C(packages), C(severity), C(fix_available),
    C(title), C(inspector_score), C(remediation) and C(package_vulnerability_details).
  returned: always
  type: list
  elements: dict
severity_counts:
  description: How many of the returned findings have each severity, and C(all).
  returned: always
  type: dict
aggregation:
  description:
    - With O(include_aggregation), Image Builder's C(severity_counts) for the image, the pipeline or the account,
      and the aggregation C(type) (V(imageBuildVersionArn), V(imagePipelineArn) or V(accountId)).
  returned: with include_aggregation
  type: dict
"""

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.base import ImageForgeModule
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.transforms import to_snake
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import FIX_AVAILABLE
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import SEVERITIES
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import finding_result
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import findings
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import server_filter
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.scan_findings import severity_counts


def main() -> None:
    argument_spec = dict(
        arn=dict(type="str"),
        pipeline_arn=dict(type="str"),
        severities=dict(type="list", elements="str", choices=SEVERITIES),
        packages=dict(type="list", elements="str"),
        vulnerability_ids=dict(type="list", elements="str"),
        fix_available=dict(type="list", elements="str", choices=FIX_AVAILABLE),
        include_aggregation=dict(type="bool", default=False),
    )
    module = ImageForgeModule(argument_spec=argument_spec, supports_check_mode=True,
                              mutually_exclusive=[("arn", "pipeline_arn")])
    params = module.params
    found = findings(module, image_arn=params["arn"], pipeline_arn=params["pipeline_arn"],
                     severities=params["severities"], packages=params["packages"],
                     vulnerability_ids=params["vulnerability_ids"], fix_available=params["fix_available"])
    result = dict(changed=False, findings=[finding_result(f) for f in found], severity_counts=severity_counts(found))
    if params["include_aggregation"]:
        # With no filter, AWS aggregates by account (botocore: aggregationType defaults to accountId).
        flt = server_filter(params["arn"], params["pipeline_arn"])
        query = {"filter": flt[0]} if flt else {}
        answer = module.call(module.imagebuilder, "list_image_scan_finding_aggregations", "aggregate the findings",
                             **query)
        counts = {}
        for entry in answer.get("responses") or []:
            for aggregation in entry.values():
                for key, value in (aggregation.get("severityCounts") or {}).items():
                    counts[key] = counts.get(key, 0) + value
        result["aggregation"] = {"type": answer.get("aggregationType"), "severity_counts": to_snake(counts)}
    module.exit_json(**result)


if __name__ == "__main__":
    main()
