"""Image Builder ARNs and semantic versions, written the way AWS writes them."""

import re

from . import errors

AMAZON_ACCOUNT = "aws"
# Marketplace resources live in the account "aws-marketplace" (ARN pattern of the API reference:
# (?:[0-9]{12}|aws(?:-[a-z-]+)?|third-party)).
MARKETPLACE_ACCOUNT = "aws-marketplace"
MANAGED_ACCOUNTS = (AMAZON_ACCOUNT, MARKETPLACE_ACCOUNT)
ARN_RE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):imagebuilder:(?P<region>[a-z0-9-]+):(?P<account>\d{12}|aws|aws-marketplace):"
    r"(?P<kind>[a-z-]+(?:/(?:build|test|distribution))?)/(?P<name>[a-z0-9_-]+)(?:/(?P<version>[0-9x]+\.[0-9x]+\.[0-9x]+)(?:/(?P<build>\d+))?)?$"
)
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
WILDCARD_RE = re.compile(r"^(\d+|x)\.(\d+|x)\.(\d+|x)$")


def arn_name(name):
    """AWS lower-cases names in ARNs and turns spaces into dashes."""
    return name.strip().lower().replace(" ", "-")


def build_arn(region, account, kind, name, version=None, build=None):
    arn = f"arn:aws:imagebuilder:{region}:{account}:{kind}/{arn_name(name)}"
    if version is not None:
        arn += f"/{version}"
    if build is not None:
        arn += f"/{build}"
    return arn


def parse_arn(arn, kind=None):
    match = ARN_RE.match(arn or "")
    if not match or (kind and match["kind"].split("/")[0] != kind):
        raise errors.invalid_parameter(f"The value supplied for parameter 'arn' is not valid: '{arn}'.")
    return match.groupdict()


def version_key(version):
    return tuple(int(p) for p in version.split("."))


def validate_semantic_version(version, allow_wildcards=False):
    pattern = WILDCARD_RE if allow_wildcards else VERSION_RE
    if not version or not pattern.match(version):
        raise errors.ImageBuilderError(
            "InvalidVersionNumberException",
            f"The semantic version '{version}' is not valid. It must be <major>.<minor>.<patch>.",
        )


def version_matches(pattern, version):
    """`1.0.x` matches 1.0.7; AWS allows `x` only in trailing positions but we accept any."""
    return all(p == "x" or p == v for p, v in zip(pattern.split("."), version.split(".")))


def version_arn(build_arn_):
    return build_arn_.rsplit("/", 1)[0]
