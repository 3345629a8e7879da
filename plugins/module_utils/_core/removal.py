# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deletes that converge: "already gone" is the state a delete wants.

A delete whose answer was lost (HTTP 500 after the service acted, a dropped connection) is retried,
by botocore and by our retry decorator, and the retry is told the resource does not exist. The
delete succeeded; failing the task there would make a clean-up fail because it worked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .errors import AWS_ERRORS

if TYPE_CHECKING:
    from .base import ImageForgeModule

GONE_CODES = (
    "ResourceNotFoundException",  # Image Builder: every Delete* of a missing resource (HTTP 404)
    "InvalidAMIID.NotFound",
    "InvalidAMIID.Unavailable",  # EC2: an AMI deregistered a moment ago
    "InvalidSnapshot.NotFound",
)


def remove(module: ImageForgeModule, client: Any, operation: str, action: str, **params: Any) -> Any:
    """Call a delete operation with retries; returns its answer, or None when the resource is already gone."""
    try:
        return getattr(client, operation)(aws_retry=True, **params)
    except AWS_ERRORS as exc:
        if ((getattr(exc, "response", None) or {}).get("Error") or {}).get("Code") in GONE_CODES:
            return None
        module.fail_aws(exc, action)
