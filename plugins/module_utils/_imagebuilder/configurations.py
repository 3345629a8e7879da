# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Infrastructure and distribution configurations: families, options -> request, API defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.transforms import request_from
from .._core.transforms import strip_none
from .._core.transforms import to_camel
from .._reconcilers.updatable import UpdatableFamily
from .._reconcilers.updatable import drop_empty
from .distribution_checks import distribution_problems

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

INFRASTRUCTURE = UpdatableFamily("infrastructureConfiguration", "infrastructure_configurations", (("instanceProfileName", "instance_profile_name"),))

DISTRIBUTION = UpdatableFamily("distributionConfiguration", "distribution_configurations", (("distributions", "distributions"),))

# IMDSv2 on the build instance unless the task says otherwise; only used when creating.
INFRASTRUCTURE_CREATE_DEFAULTS = {"instanceMetadataOptions": {"httpTokens": "required"}}

INFRASTRUCTURE_OPTIONS = (
    ("description", "description"),
    ("instance_types", "instanceTypes"),
    ("instance_profile_name", "instanceProfileName"),
    ("security_group_ids", "securityGroupIds"),
    ("subnet_id", "subnetId"),
    ("key_pair", "keyPair"),
    ("terminate_instance_on_failure", "terminateInstanceOnFailure"),
    ("terminate_instance_on_completion", "terminateInstanceOnCompletion"),
    ("parent_instance", "parentInstance"),
    ("sns_topic_arn", "snsTopicArn"),
    ("instance_tags", "resourceTags"),
    ("instance_metadata_options", "instanceMetadataOptions"),
    ("placement", "placement"),
)


def infrastructure_request(params: dict) -> dict:
    """The task's options as request keys; options it did not set are absent."""
    request = request_from(params, INFRASTRUCTURE_OPTIONS)
    if params.get("logging") is not None:
        request["logging"] = {"s3Logs": to_camel(strip_none(params["logging"]))}
    if params.get("instance_tags") is not None:
        request["resourceTags"] = {str(k): str(v) for k, v in params["instance_tags"].items()}
    return {k: v for k, v in request.items() if v not in (None, {})}


def normalise_infrastructure(request: dict) -> dict:
    """API defaults filled and set-like lists sorted, so an omitted option compares equal."""
    request = drop_empty(request)
    request.setdefault("terminateInstanceOnFailure", True)
    if "securityGroupIds" in request:
        request["securityGroupIds"] = sorted(request["securityGroupIds"])
    return request


def distribution_request(params: dict) -> dict:
    request = {"description": params.get("description")}
    if params.get("distributions") is not None:
        request["distributions"] = [to_camel(strip_none(d)) for d in params["distributions"]]
    return {k: v for k, v in request.items() if v is not None}


def normalise_distribution(request: dict) -> dict:
    """Regions in a stable order; empty settings dropped (Image Builder stores them as absent)."""
    request = drop_empty(request)
    if "distributions" in request:
        request["distributions"] = sorted(request["distributions"], key=lambda d: d.get("region", ""))
    return request


def infrastructure_desired(module: ImageForgeModule) -> dict:
    return infrastructure_request(module.params)


def distribution_desired(module: ImageForgeModule) -> dict:
    """The request of the task's distributions, after the checks no API call makes."""
    params = module.params
    problems = distribution_problems(params.get("distributions"), params["allow_public"])
    if problems:
        module.fail_json(msg="; ".join(problems), problems=problems)
    return distribution_request(params)
