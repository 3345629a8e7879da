# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deletes that converge: "already gone" is the state a delete wants.

A delete whose answer was lost (HTTP 500 after the service acted, a dropped connection) is retried,
by botocore and by our retry decorator, and the retry is told the resource does not exist. The
delete succeeded; failing the task there would make a clean-up fail because it worked.
"""

from __future__ import annotations

from .errors import AWS_ERRORS

GONE_CODES = (
    "ResourceNotFoundException",  # Image Builder
    "InvalidAMIID.NotFound",
    "InvalidAMIID.Unavailable",  # EC2: an AMI deregistered a moment ago
    "InvalidSnapshot.NotFound",
)
# DeleteImage lists no ResourceNotFoundException: a deleted build is an InvalidRequestException
GONE_MESSAGES = {"InvalidRequestException": "does not exist"}


def remove(module, client, operation, action, **params):
    """Call a delete operation with retries; returns its answer, or None when the resource is already gone."""
    try:
        return getattr(client, operation)(aws_retry=True, **params)
    except AWS_ERRORS as exc:
        error = (getattr(exc, "response", None) or {}).get("Error") or {}
        code, message = error.get("Code"), str(error.get("Message") or "")
        if code in GONE_CODES or (code in GONE_MESSAGES and GONE_MESSAGES[code] in message):
            return None
        module.fail_aws(exc, action)
