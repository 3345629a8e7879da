# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn AWS errors into messages that say what to do."""

from __future__ import annotations

import re
from typing import Any

try:
    import botocore.exceptions
except ImportError:
    pass  # AnsibleAWSModule reports the missing library

HINTS = {
    "AccessDeniedException": "check the IAM policy of the caller; docs/iam lists what each module needs",
    "AccessDenied": "check the IAM policy of the caller; docs/iam lists what each module needs",
    "ForbiddenException": "check the IAM policy of the caller; docs/iam lists what each module needs",
    "UnauthorizedOperation": "check the IAM policy of the caller; docs/iam lists what each module needs",
    "CallRateLimitExceededException": "the request was throttled after all retries; lower the concurrency or retry later",
    "RequestLimitExceeded": "the request was throttled after all retries; lower the concurrency or retry later",
    "ResourceDependencyException": "another resource still uses it; remove or repoint its users first",
    "ResourceInUseException": "the resource is in use or already exists; bump the version, or use version: auto",
    "InvalidVersionNumberException": "the version is not valid or already exists; bump the version, or use version: auto",
    "IdempotentParameterMismatchException": "a request with the same client token and other parameters was made; rerun the task",
    "ServiceQuotaExceededException": "an account quota was reached; delete unused resources or ask AWS for a higher quota",
    "InvalidParameterCombinationException": "two options cannot be used together; see the module documentation",
    "ExpiredTokenException": "the credentials have expired; refresh them",
}


def error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None) or {}
    return response.get("Error", {}).get("Code", "")


def explain_error(exc: BaseException, action: str) -> str:
    """'Failed to <action> (<service:Operation>): <AWS message> (<code>); <what to do>'.

    The call is named once: when the action text does not name it already, the IAM action that
    name_the_call() put on the error (or at least the error's operation) is added."""
    code = error_code(exc)
    response = getattr(exc, "response", None) or {}
    aws_message = response.get("Error", {}).get("Message") or str(exc)
    call = getattr(exc, IAM_ACTION, None) or getattr(exc, "operation_name", None)
    if isinstance(call, str) and call.split(":")[-1] and not _names_call(action, call):
        action = f"{action} ({call})"
    message = f"Failed to {action}: {aws_message}"
    if code:
        message += f" ({code})"
    if code in HINTS:
        message += f"; {HINTS[code]}"
    return message


def _names_call(action: str, call: str) -> bool:
    """True when the action text already names the call: the IAM action, or the operation for a bare one."""
    return call in action if ":" in call else re.search(rf"\b{re.escape(call)}\b", action) is not None


# The attribute on a botocore error that holds the IAM action of the call that raised it.
IAM_ACTION = "imageforge_iam_action"


def name_the_call(exc: BaseException, client: Any, method: str) -> None:
    """Put the IAM action of the failed client.<method>() call on the error, for explain_error()."""
    if getattr(exc, IAM_ACTION, None):
        return  # an inner call named it already
    api, iam_action = operation_names(client, method)
    operation = getattr(exc, "operation_name", None)
    if isinstance(operation, str) and operation and operation != api:
        iam_action = iam_action.replace(api, operation)
    try:
        setattr(exc, IAM_ACTION, iam_action)
    except AttributeError:
        pass


# Every "it is not there" answer the collection meets, by service; the one place that knows them.
NOT_FOUND_CODES = frozenset((
    "ResourceNotFoundException",  # Image Builder, RAM's GetResourcePolicies
    "InvalidAMIID.NotFound",  # EC2
    "InvalidAMIID.Unavailable",  # EC2: an AMI deregistered a moment ago
    "InvalidSnapshot.NotFound",
    "InvalidLaunchTemplateId.NotFound",
    "InvalidLaunchTemplateName.NotFoundException",
    "NotFoundException",  # KMS
    "UnknownResourceException",  # RAM
    "ParameterNotFound",  # SSM
    "NoSuchKey",  # S3 GetObject
    "NoSuchBucket",
    "NotFound",  # S3 HeadObject
    "404",
))


def is_not_found(error: BaseException) -> bool:
    """True when AWS answered that the resource does not exist (any service)."""
    code = error_code(error)
    return code in NOT_FOUND_CODES or (code == "InvalidParameterValueException" and "does not exist" in str(error))


def operation_names(client: Any, operation: str) -> tuple[str, str]:
    """('ListImages', 'imagebuilder:ListImages') for client.list_images: the API and the IAM names."""
    meta = getattr(client, "meta", None)
    api = getattr(meta, "method_to_api_mapping", {}).get(operation) if meta else None
    api = api or "".join(part.capitalize() for part in operation.split("_"))
    service = getattr(getattr(meta, "service_model", None), "signing_name", None) if meta else None
    return api, f"{service}:{api}" if isinstance(service, str) else api


def call_action(client: Any, operation: str, action: str | None = None) -> str:
    """What a failed call tried, naming its IAM action: 'list images (imagebuilder:ListImages)'."""
    api, iam_action = operation_names(client, operation)
    phrase = action or " ".join(word.lower() for word in re.findall(r"[A-Z][a-z0-9]*|[A-Z]+(?![a-z])", api))
    return f"{phrase} ({iam_action})"


AWS_ERRORS: tuple[type[Any], ...] = ()  # Any: the handlers read .response
try:
    AWS_ERRORS = (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError)
except NameError:
    pass
