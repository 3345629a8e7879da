# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode across a chain of tasks: the ARNs a run would create, and references to them.

Image Builder ARNs are deterministic (arn:<partition>:imagebuilder:<region>:<account>:<type>/<name>[/<version>[/<build>]]),
so a task that would create a resource returns the ARN it would get. A later task of the same
check-mode run is given that ARN before the resource exists: in check mode an ARN of the caller's
own account and region that does not exist yet is taken as "created by an earlier task".
What cannot be known before a build (the AMI ids of an image) is reported as UNKNOWN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._amis.amis import caller_account
from .arns import ArnError
from .arns import build_arn
from .arns import parse_arn
from .errors import AWS_ERRORS
from .errors import call_action
from .errors import is_not_found

if TYPE_CHECKING:
    from .base import ImageForgeModule

UNKNOWN = "(known after build)"


def planned_arn(module: ImageForgeModule, resource_type: str, name: str, version: str | None = None, build: int | None = None) -> str:
    """The ARN a create of this resource would return, in the task's region and the caller's account."""
    partition = "aws-cn" if module.region.startswith("cn-") else "aws-us-gov" if module.region.startswith("us-gov-") else "aws"
    return build_arn(resource_type, name, module.region, caller_account(module), version, build, partition)


def may_be_planned(module: ImageForgeModule, arn: str) -> bool:
    """In check mode: could `arn` be a resource that an earlier task of this run would create?

    Only ARNs of the caller's own account qualify; a wrong account or a malformed ARN is still an error.
    """
    if not module.check_mode or not isinstance(arn, str):
        return False
    try:
        parts = parse_arn(arn)
    except ArnError:
        return False
    return parts["account"] == caller_account(module)


def is_unknown(value: Any) -> bool:
    """Is `value` what a check-mode task reported for a value that only a real run can know?"""
    return value == UNKNOWN


def refuse_unknown(module: ImageForgeModule, option: str, value: Any) -> None:
    """UNKNOWN is accepted in check mode only; a real run needs the real value."""
    if is_unknown(value) and not module.check_mode:
        module.fail_json(msg=f"{option}: {UNKNOWN!r} is what a check-mode task reports for an AMI a build would make; "
                             "a real run needs the AMI id")


def note(module: ImageForgeModule, text: str) -> None:
    """Say, once per task, what check mode assumed."""
    module.warn(f"check mode: {text}")


def read_or_planned(module: ImageForgeModule, client: Any, operation: str, action: str, arn: str, option: str, **params: Any) -> Any:
    """Read a referenced resource; in check mode, a missing one of the caller's own account is taken as
    planned by an earlier task (returns None). Anything else that fails, fails the task."""
    try:
        return getattr(client, operation)(aws_retry=True, **params)
    except AWS_ERRORS as exc:
        if is_not_found(exc) and may_be_planned(module, arn):
            note(module, f"{option}: {arn} does not exist yet; taking it as created by an earlier task")
            return None
        module.fail_aws(exc, call_action(client, operation, action))


def planned_amis(module: ImageForgeModule, option: str, regions: list, **fields: Any) -> list:
    """Check mode, for an AMI a check-mode image task reported as UNKNOWN: one entry per region that a real run
    would change, with what can be known now. Fails outside check mode."""
    refuse_unknown(module, option, UNKNOWN)
    note(module, f"{option}: the AMI is built by an earlier task of this run; every region would change")
    return [dict(region=region, image_id=UNKNOWN, changed=True, **fields) for region in regions]
