# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image Builder ARNs: arn:aws:imagebuilder:<region>:<account>:<type>/<name>[/<version>[/<build>]]."""

from __future__ import annotations

import re
from typing import Any

_ARN_RE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):imagebuilder:(?P<region>[a-z0-9-]+):(?P<account>\d{12}|aws|aws-marketplace):"
    r"(?P<type>[a-z-]+)/(?P<name>[a-z0-9_.-]+)(?:/(?P<version>(?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))(?:/(?P<build>\d+))?)?$"
)


class ArnError(ValueError):
    pass


def is_imagebuilder_arn(text: str) -> bool:
    return isinstance(text, str) and text.startswith("arn:") and ":imagebuilder:" in text


def parse_arn(text: str) -> dict[str, str]:
    match = _ARN_RE.match(text) if isinstance(text, str) else None
    if not match:
        raise ArnError(f"'{text}' is not an Image Builder ARN such as arn:aws:imagebuilder:us-east-1:123456789012:component/name/1.0.0/1")
    parts = match.groupdict()
    parts["build"] = int(parts["build"]) if parts["build"] else None
    return parts


def arn_name(name: str) -> str:
    """Image Builder lower-cases names and turns spaces into dashes inside ARNs."""
    return re.sub(r"\s+", "-", name.strip().lower())


def build_arn(resource_type: str, name: str, region: str, account: str, version: str | None = None, build: Any = None, partition: str = "aws") -> str:
    arn = f"arn:{partition}:imagebuilder:{region}:{account}:{resource_type}/{arn_name(name)}"
    if version:
        arn += f"/{version}"
        if build is not None:
            arn += f"/{build}"
    return arn


def version_arn(build_version_arn: Any) -> str:
    """Strip the build number: .../component/x/1.0.0/2 -> .../component/x/1.0.0."""
    parts = parse_arn(build_version_arn)
    if parts["build"] is None:
        return build_version_arn
    return build_version_arn.rsplit("/", 1)[0]
