# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AMI launch permissions and the createVolumePermission of the AMI's snapshots, kept in step.

A permission is a (kind, value) pair: ("UserId", "123456789012"), ("OrganizationArn", arn),
("OrganizationalUnitArn", arn) or ("Group", "all"). Snapshots can only be shared with accounts,
so they follow the UserId permissions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller

ACCOUNT_RE = re.compile(r"^\d{12}$")
ORG_RE = re.compile(r"^arn:aws[a-z-]*:organizations::\d{12}:organization/o-[a-z0-9]{10,32}$")
OU_RE = re.compile(r"^arn:aws[a-z-]*:organizations::\d{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$")


def validate(accounts: list[str], organizations: list[str], organizational_units: list[str]) -> list[str]:
    """Messages for malformed entries; empty when all are well formed."""
    errors = []
    for field, values, pattern, example in (
            ("accounts", accounts, ACCOUNT_RE, "123456789012"),
            ("organizations", organizations, ORG_RE, "arn:aws:organizations::123456789012:organization/o-abc1234567"),
            ("organizational_units", organizational_units, OU_RE,
             "arn:aws:organizations::123456789012:ou/o-abc1234567/ou-ab12-cdef5678")):
        bad = [v for v in values or [] if not pattern.match(str(v))]
        if bad:
            errors.append(f"{field}: {', '.join(map(str, bad))} not valid; expected the form {example}")
    return errors


def desired_permissions(accounts: list[str], organizations: list[str], organizational_units: list[str], public: bool) -> set[tuple[str, str]]:
    wanted = {("UserId", str(a)) for a in accounts or []}
    wanted |= {("OrganizationArn", a) for a in organizations or []}
    wanted |= {("OrganizationalUnitArn", a) for a in organizational_units or []}
    if public:
        wanted.add(("Group", "all"))
    return wanted


def plan(current: set[tuple[str, str]], desired: set[tuple[str, str]], purge: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(to_add, to_remove) as sorted lists of pairs."""
    to_add = sorted(desired - current)
    to_remove = sorted(current - desired) if purge else []
    return to_add, to_remove


def current_launch_permissions(module: ImageForgeModule | RegionCaller, client: Any, image_id: str) -> set[tuple[str, str]]:
    answer = module.call(client, "describe_image_attribute", f"read the launch permissions of {image_id}",
                         ImageId=image_id, Attribute="launchPermission")
    return {(k, v) for entry in answer.get("LaunchPermissions", []) for k, v in entry.items()}


def apply_launch_permissions(module: ImageForgeModule | RegionCaller, client: Any, image_id: str, to_add: Iterable[tuple[str, str]],
                             to_remove: Iterable[tuple[str, str]]) -> None:
    change = {}
    if to_add:
        change["Add"] = [{k: v} for k, v in to_add]
    if to_remove:
        change["Remove"] = [{k: v} for k, v in to_remove]
    if change:
        module.call(client, "modify_image_attribute", f"change the launch permissions of {image_id}",
                    ImageId=image_id, LaunchPermission=change)


def current_volume_permissions(module: ImageForgeModule | RegionCaller, client: Any, snapshot_id: str) -> set[str]:
    answer = module.call(client, "describe_snapshot_attribute", f"read the permissions of {snapshot_id}",
                         SnapshotId=snapshot_id, Attribute="createVolumePermission")
    return {e["UserId"] for e in answer.get("CreateVolumePermissions", []) if e.get("UserId")}


def apply_volume_permissions(module: ImageForgeModule | RegionCaller, client: Any, snapshot_id: str, to_add: Iterable[str],
                             to_remove: Iterable[str]) -> None:
    # The flat OperationType/UserIds form: the structured form is not honoured everywhere.
    for operation, users in (("add", to_add), ("remove", to_remove)):
        if users:
            module.call(client, "modify_snapshot_attribute", f"{operation} create-volume permissions on {snapshot_id}",
                        SnapshotId=snapshot_id, Attribute="createVolumePermission", OperationType=operation,
                        UserIds=sorted(users))


def as_result(permissions: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(({"UserId": "user_id", "OrganizationArn": "organization_arn", "OrganizationalUnitArn":
                    "organizational_unit_arn", "Group": "group"}[k], v) for k, v in permissions)
