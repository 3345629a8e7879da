# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retry policy shared by every module of the collection.

botocore retries Image Builder's CallRateLimitExceededException only in its
"legacy" retry mode, so the collection adds it (and 5xx answers) itself.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from typing import Any

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .errors import AWS_ERRORS
from .errors import name_the_call

if TYPE_CHECKING:
    from collections.abc import Callable

RETRYABLE_CODES = (
    "CallRateLimitExceededException",  # Image Builder, HTTP 429
    "RequestLimitExceeded",  # EC2
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "SlowDown",
    "ServiceUnavailableException",
    "ServiceUnavailable",
    "ServiceException",  # Image Builder, HTTP 500
    "InternalError",
    "InternalFailure",
    "InternalServerError",
    "Unavailable",
)


class ImageForgeRetry(AWSRetry):
    """AWSRetry that also retries any HTTP 5xx and Image Builder throttling."""

    @staticmethod
    def status_code_from_exception(error: BaseException) -> str:
        response = getattr(error, "response", None) or {}
        code = response.get("Error", {}).get("Code", "")
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return code if not (isinstance(status, int) and status >= 500) else "HTTP5xx"

    @staticmethod
    def found(response_code: str, catch_extra_error_codes: Any = None) -> bool:
        if response_code == "HTTP5xx" or response_code in RETRYABLE_CODES:
            return True
        return bool(catch_extra_error_codes) and response_code in catch_extra_error_codes


def default_retry(retries: int = 10, delay: float = 1, max_delay: float = 30) -> Any:
    """Jittered exponential backoff: sleeps up to 1, 2, 4 ... 30 s between attempts.

    The error of a call that still fails carries its IAM action (name_the_call), so every message
    about it names the call, whichever helper reports it."""
    backoff = ImageForgeRetry.jittered_backoff(retries=retries, delay=delay, backoff=2.0, max_delay=max_delay)

    def decorator(method: Callable[..., Any]) -> Callable[..., Any]:
        retrying = backoff(method)

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return retrying(*args, **kwargs)
            except AWS_ERRORS as exc:
                name_the_call(exc, getattr(method, "__self__", None), method.__name__)
                raise

        return call

    return decorator
