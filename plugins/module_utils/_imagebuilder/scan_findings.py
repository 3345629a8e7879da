# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image scan findings: reading them (ListImageScanFindings takes a single filter, so the image or
pipeline is filtered by the service and the rest here), their severity counts, and the findings
policy of the validation gate ("no CRITICAL finding with a fix available")."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.transforms import to_snake

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"]
FIX_AVAILABLE = ["YES", "NO", "PARTIAL"]

POLICY_SPEC = dict(
    severities=dict(type="list", elements="str", choices=SEVERITIES, default=["CRITICAL"]),
    only_with_fix=dict(type="bool", default=True),
)


def server_filter(image_arn: str | None = None, pipeline_arn: str | None = None) -> list[Any]:
    if image_arn:
        return [{"name": "imageBuildVersionArn", "values": [image_arn]}]
    if pipeline_arn:
        return [{"name": "imagePipelineArn", "values": [pipeline_arn]}]
    return []


def matches(finding: dict, severities: Any = None, packages: Any = None, vulnerability_ids: Any = None, fix_available: Any = None) -> bool:
    """Does a ListImageScanFindings entry (camelCase) pass every given filter?"""
    details = finding.get("packageVulnerabilityDetails") or {}
    names = {p.get("name") for p in details.get("vulnerablePackages") or []}
    return ((not severities or finding.get("severity") in severities)
            and (not packages or bool(names & set(packages)))
            and (not vulnerability_ids or details.get("vulnerabilityId") in vulnerability_ids)
            and (not fix_available or finding.get("fixAvailable") in fix_available))


def findings(module: ImageForgeModule, image_arn: str | None = None, pipeline_arn: str | None = None, **criteria: Any) -> list:
    """Findings (camelCase) of the image or pipeline (or the account) that pass the criteria."""
    params = {}
    if server_filter(image_arn, pipeline_arn):
        params["filters"] = server_filter(image_arn, pipeline_arn)
    what = image_arn or pipeline_arn or "the account"
    found = module.paginate(module.imagebuilder, "list_image_scan_findings", f"list the scan findings of {what}",
                            **params).get("findings") or []
    return [f for f in found if matches(f, **criteria)]


def severity_counts(found: list) -> dict:
    counts = {s.lower(): 0 for s in SEVERITIES}
    for finding in found:
        key = str(finding.get("severity") or "UNTRIAGED").lower()
        counts[key] = counts.get(key, 0) + 1
    counts["all"] = len(found)
    return counts


def finding_result(finding: dict) -> dict:
    result = to_snake(finding)
    details = finding.get("packageVulnerabilityDetails") or {}
    result["vulnerability_id"] = details.get("vulnerabilityId")
    result["packages"] = [p.get("name") for p in details.get("vulnerablePackages") or []]
    return result


def policy_violations(module: ImageForgeModule, image_arn: str, policy: dict) -> list:
    """Findings of the image that the policy does not allow."""
    return findings(module, image_arn=image_arn, severities=policy.get("severities") or ["CRITICAL"],
                    fix_available=["YES", "PARTIAL"] if policy.get("only_with_fix", True) else None)


def policy_reason(violations: list, policy: dict) -> str:
    ids = sorted({(f.get("packageVulnerabilityDetails") or {}).get("vulnerabilityId") for f in violations})
    what = "/".join(policy.get("severities") or ["CRITICAL"])
    fix = " with a fix available" if policy.get("only_with_fix", True) else ""
    return f"{len(violations)} {what} finding(s){fix}: {', '.join(i for i in ids if i)}"
