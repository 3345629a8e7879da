# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan findings: the filters the service cannot apply, the severity counts, and the gate's policy."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.paginate import all_pages
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import scan_findings


def finding(cve, package, severity, fix):
    return {"severity": severity, "fixAvailable": fix,
            "packageVulnerabilityDetails": {"vulnerabilityId": cve, "vulnerablePackages": [{"name": package}]}}


FINDINGS = [finding("CVE-2024-3094", "xz", "CRITICAL", "YES"), finding("CVE-2024-0001", "kernel", "CRITICAL", "NO"),
            finding("CVE-2024-0727", "openssl", "MEDIUM", "YES"), finding("CVE-2022-3715", "bash", "LOW", "NO")]


@pytest.mark.parametrize("criteria, expected", [
    ({}, ["CVE-2024-3094", "CVE-2024-0001", "CVE-2024-0727", "CVE-2022-3715"]),
    ({"severities": ["CRITICAL"]}, ["CVE-2024-3094", "CVE-2024-0001"]),
    ({"severities": ["CRITICAL"], "fix_available": ["YES"]}, ["CVE-2024-3094"]),
    ({"packages": ["openssl", "bash"]}, ["CVE-2024-0727", "CVE-2022-3715"]),
    ({"vulnerability_ids": ["CVE-2022-3715"], "severities": ["CRITICAL"]}, []),
])
def test_every_given_filter_must_match(criteria, expected):
    chosen = [f for f in FINDINGS if scan_findings.matches(f, **criteria)]
    assert [f["packageVulnerabilityDetails"]["vulnerabilityId"] for f in chosen] == expected


def test_counts_cover_every_severity_and_all():
    counts = scan_findings.severity_counts(FINDINGS)
    assert counts["critical"] == 2 and counts["medium"] == 1 and counts["low"] == 1 and counts["high"] == 0
    assert counts["all"] == 4


def test_only_the_image_or_the_pipeline_goes_to_the_service():
    assert scan_findings.server_filter("arn:i", None) == [{"name": "imageBuildVersionArn", "values": ["arn:i"]}]
    assert scan_findings.server_filter(None, "arn:p") == [{"name": "imagePipelineArn", "values": ["arn:p"]}]
    assert scan_findings.server_filter() == []


class Client:
    def __init__(self, pages):
        self.pages, self.calls = pages, []

    def list_image_scan_findings(self, aws_retry, **params):
        self.calls.append(params)
        return self.pages[len(self.calls) - 1]


def reader(client):
    """The module as the helpers read through it: its Image Builder client and paginate()."""
    return SimpleNamespace(imagebuilder=client, paginate=lambda c, operation, action=None, **params: all_pages(c, operation, **params))


def test_the_policy_refuses_only_findings_with_a_fix_and_reads_every_page():
    client = Client([{"findings": FINDINGS[:2], "nextToken": "t"}, {"findings": FINDINGS[2:]}])
    module = reader(client)
    policy = {"severities": ["CRITICAL"], "only_with_fix": True}
    violations = scan_findings.policy_violations(module, "arn:i", policy)
    assert [v["packageVulnerabilityDetails"]["vulnerabilityId"] for v in violations] == ["CVE-2024-3094"]
    assert client.calls[1]["nextToken"] == "t"
    assert "CVE-2024-3094" in scan_findings.policy_reason(violations, policy)
    client = Client([{"findings": FINDINGS}])
    everything = scan_findings.policy_violations(reader(client), "arn:i",
                                                 {"severities": ["CRITICAL"], "only_with_fix": False})
    assert len(everything) == 2
