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
from .errors import call_action
from .errors import is_not_found

if TYPE_CHECKING:
    from .base import ImageForgeModule


def remove(module: ImageForgeModule, client: Any, operation: str, action: str, **params: Any) -> Any:
    """Call a delete operation with retries; returns its answer, or None when the resource is already gone."""
    try:
        return getattr(client, operation)(aws_retry=True, **params)
    except AWS_ERRORS as exc:
        if is_not_found(exc):
            return None
        module.fail_aws(exc, call_action(client, operation, action))
