# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks every module runs before its first API call: regions, names, tags, account IDs,
principals and ARNs. Each fault names the option; ImageForgeModule runs them all at start.

(Enum and pattern checks of request fields against the service model live elsewhere; these are
the checks of the options themselves.)
"""

from __future__ import annotations

import re
from typing import Any

from .._imagebuilder.distribution_checks import known_regions
from .arns import ArnError
from .arns import parse_arn

# botocore imagebuilder model, shape ResourceName: the name of every Image Builder resource.
IMAGEBUILDER_NAME_RE = re.compile(r"^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$")
# EC2 CopyImage/RegisterImage: "3-128 alphanumeric characters, parentheses (()), square brackets ([]),
# spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_)"
# (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html).
AMI_NAME_RE = re.compile(r"^[A-Za-z0-9()\[\] ./'@_-]{3,128}$")
ACCOUNT_RE = re.compile(r"^\d{12}$")
ORGANIZATION_RE = re.compile(r"^arn:aws[a-z-]*:organizations::\d{12}:organization/o-[a-z0-9]{10,32}$")
OU_RE = re.compile(r"^arn:aws[a-z-]*:organizations::\d{12}:ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$")
IAM_PRINCIPAL_RE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:(role|user)/[\w+=,.@/-]{1,512}$")
SERVICE_PRINCIPAL_RE = re.compile(r"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$")

# Modules whose `name` is an Image Builder resource name (or a filter on one).
IMAGEBUILDER_NAMED = {
    "component", "component_info", "role_component", "image_recipe", "image_recipe_info", "container_recipe",
    "container_recipe_info", "workflow", "workflow_info", "infrastructure_configuration",
    "infrastructure_configuration_info", "distribution_configuration", "distribution_configuration_info",
    "image_pipeline", "image_pipeline_info", "lifecycle_policy", "lifecycle_policy_info", "image_info",
}
# Modules whose `name` is the name an AMI gets (filters with wildcards, as in ami_info, are not checked).
AMI_NAMED = {"ami_copy"}
# Options that hold a region, or a list of regions, or a dict keyed by region.
REGION_OPTIONS = ("region", "source_region", "regions", "kms_key_ids")
# Options that take a name or an ARN; an ARN must be of this kind. `arn` depends on the module.
ARN_OPTIONS = {
    "pipeline": ("image-pipeline",), "recipe": ("image-recipe",), "container_recipe": ("container-recipe",),
    "image_recipe": ("image-recipe",), "infrastructure_configuration": ("infrastructure-configuration",),
    "distribution_configuration": ("distribution-configuration",),
    "resource_arn": ("component", "image-recipe", "container-recipe", "image"),
}
ARN_OF_MODULE = {"component_info": ("component",), "image": ("image",), "image_info": ("image",),
                 "image_recipe_info": ("image-recipe",), "container_recipe_info": ("container-recipe",),
                 "image_pipeline_info": ("image-pipeline",), "lifecycle_policy_info": ("lifecycle-policy",),
                 "infrastructure_configuration_info": ("infrastructure-configuration",),
                 "distribution_configuration_info": ("distribution-configuration",)}
ACCOUNT_OPTIONS = ("accounts",)


class InputError(ValueError):
    pass


def region_problem(option: str, value: Any) -> str | None:
    regions = known_regions()
    values = list(value) if isinstance(value, (list, dict)) else [value]
    for region in values:
        if not isinstance(region, str) or region not in regions:
            where = "a key of " + option if isinstance(value, dict) else option
            return (f"{where}: {region!r} is not an AWS region (for example us-east-1, eu-west-1; "
                    f"{len(regions)} regions are known)")
    return None


def name_problem(option: str, value: Any, pattern: Any = IMAGEBUILDER_NAME_RE, what: str = "an Image Builder name") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        rules = ("3 to 128 characters: ASCII letters, digits, hyphens, underscores and spaces, not starting or ending "
                 "with a space") if pattern is IMAGEBUILDER_NAME_RE else \
            "3 to 128 characters: ASCII letters, digits, spaces and ( ) [ ] . / - ' @ _"
        return f"{option}: {value!r} is not {what}; use {rules}"
    return None


def tags_problem(option: str, tags: Any) -> str | None:
    """Tag keys and values must be scalars; AWS stores text, so a list or a dict would be stored as its repr."""
    if tags is None:
        return None
    if not isinstance(tags, dict):
        return f"{option}: give a dictionary of tag keys and values, not {type(tags).__name__}"
    for key, value in tags.items():
        if not isinstance(key, (str, int, float)) or isinstance(key, bool):
            return f"{option}: the tag key {key!r} must be text"
        if str(key).startswith("aws:"):
            return f"{option}: tag key {key!r}: the aws: prefix is reserved for AWS"
        if not 1 <= len(str(key)) <= 128:
            return f"{option}: tag key {key!r} must be 1 to 128 characters"
        if isinstance(value, (list, dict, set, tuple)) or value is None:
            return (f"{option}: the value of tag {key!r} is a {type(value).__name__}; a tag value is one piece of text "
                    "(join a list yourself, for example with | join(','))")
        if len(str(value)) > 256:
            return f"{option}: the value of tag {key!r} is longer than 256 characters"
    return None


def account_problem(option: str, value: Any) -> str | None:
    for account in value if isinstance(value, list) else [value]:
        if not isinstance(account, str) or not ACCOUNT_RE.match(account):
            return f"{option}: {account!r} is not an AWS account ID (12 digits such as 123456789012; quote it in YAML to keep leading zeros)"
    return None


def principal_problem(option: str, value: Any) -> str | None:
    """RAM principals: account IDs, organization and OU ARNs, IAM role and user ARNs, service principals."""
    for principal in value or []:
        if not isinstance(principal, str) or not any(
                r.match(principal) for r in (ACCOUNT_RE, ORGANIZATION_RE, OU_RE, IAM_PRINCIPAL_RE, SERVICE_PRINCIPAL_RE)):
            return (f"{option}: {principal!r} is not a RAM principal: give an account ID (12 digits), an organization or "
                    "OU ARN, an IAM role or user ARN, or a service principal such as imagebuilder.amazonaws.com")
    return None


def arn_problem(option: str, value: Any, kinds: tuple) -> str | None:
    """An Image Builder ARN of one of the resource types `kinds`."""
    try:
        parts = parse_arn(value)
    except ArnError as exc:
        return f"{option}: {exc}"
    if parts["type"] not in kinds:
        return f"{option}: {value} is a {parts['type']} ARN; give the ARN of a {' or '.join(kinds)}"
    return None


def problems(module_name: str, params: dict, region: str | None, argument_spec: dict) -> list:
    """Every fault of the options every module shares, in a stable order."""
    found = []
    for option in REGION_OPTIONS:
        value = region if option == "region" else params.get(option)
        if value:
            found.append(region_problem(option, value))
    if module_name in IMAGEBUILDER_NAMED:
        found.append(name_problem("name", params.get("name")))
    if module_name in AMI_NAMED:
        found.append(name_problem("name", params.get("name"), AMI_NAME_RE, "an AMI name"))
    for option, spec in argument_spec.items():
        if (option == "tags" or option.endswith("_tags")) and spec.get("type") == "dict":
            found.append(tags_problem(option, params.get(option)))
    for option in ACCOUNT_OPTIONS:
        if params.get(option):
            found.append(account_problem(option, params[option]))
    for option, kinds in dict(ARN_OPTIONS, arn=ARN_OF_MODULE.get(module_name)).items():
        value = params.get(option) if option in argument_spec else None
        if kinds and isinstance(value, str) and value.startswith("arn:"):
            found.append(arn_problem(option, value, kinds))
    if module_name == "resource_share":
        found.append(principal_problem("principals", params.get("principals")))
    return [p for p in found if p]


def _shape(value: Any) -> str:
    return f"the text {value!r}" if isinstance(value, str) else f"a {type(value).__name__}"


def type_problems(argument_spec: dict, raw: dict) -> list:
    """Options whose value has the wrong shape (a list where a dictionary goes, and so on), each named.

    Ansible's own messages for these do not always say which option (for example "dictionary requested"
    for `distributions: us-east-1`), so the module puts these first.
    """
    found = []
    for option, spec in argument_spec.items():
        names = [option, *list(spec.get("aliases") or [])]
        given = [n for n in names if n in raw and raw[n] is not None]
        if not given:
            continue
        value = raw[given[0]]
        wanted, elements = spec.get("type", "str"), spec.get("elements")
        if wanted == "list" and elements == "dict":
            if not isinstance(value, list):
                found.append(f"{option}: give a list of dictionaries, not {_shape(value)}")
            else:
                found += [f"{option}[{i}]: give a dictionary, not {_shape(v)}" for i, v in enumerate(value)
                          if not isinstance(v, dict)]
        elif wanted == "dict" and not isinstance(value, dict):
            if not (isinstance(value, str) and (value.strip().startswith("{") or "=" in value)):
                found.append(f"{option}: give a dictionary, not {_shape(value)}")
        elif wanted == "list" and isinstance(value, dict):
            found.append(f"{option}: give a list, not a dictionary")
    return found
