# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deregister the AMIs of an image and delete their snapshots, in every region, and in every
target account that a role can be assumed in (other accounts' AMIs belong to them)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._amis.amis import caller_account
from .._core.errors import AWS_ERRORS
from .._core.errors import error_code
from .._core.removal import remove
from .._core.retries import default_retry

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule


def ec2_in(module: ImageForgeModule, region: str, account: str, own_account: Any) -> Any:
    """An EC2 client for the account, or None when it cannot be reached."""
    if account in (None, own_account):
        return module.client_for("ec2", region=region)
    role = module.params.get("target_account_role")
    if not role:
        return None
    role_arn = role if role.startswith("arn:") else f"arn:aws:iam::{account}:role/{role}"
    if ("ec2", role_arn, region) not in module._clients:
        credentials = module.call(module.client_for("sts"), "assume_role", f"assume {role_arn}", RoleArn=role_arn,
                                  RoleSessionName="imageforge-image-cleanup")["Credentials"]
        module._clients[("ec2", role_arn, region)] = module.client(
            "ec2", retry_decorator=default_retry(), region=region, aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])
    return module._clients[("ec2", role_arn, region)]


def delete_amis(module: ImageForgeModule, amis: Any) -> tuple[Any, ...]:
    """Deregister each AMI (summarise() form) and delete its snapshots.

    Returns (deleted, skipped): deleted lists {region, account_id, image_id, snapshot_ids};
    skipped lists AMIs of accounts that no role reaches."""
    own = caller_account(module)
    deleted, skipped = [], []
    for ami in amis:
        ec2 = ec2_in(module, ami["region"], ami["account_id"], own)
        if ec2 is None:
            skipped.append(ami)
            continue
        snapshots = _snapshots(module, ec2, ami["image_id"])
        if snapshots is None:
            continue  # already gone
        if not module.check_mode:
            remove(module, ec2, "deregister_image", f"deregister {ami['image_id']} in {ami['region']}",
                   ImageId=ami["image_id"])
            for snapshot in snapshots:
                _delete_snapshot(module, ec2, snapshot, ami["region"])
        deleted.append(dict(ami, snapshot_ids=snapshots))
    return deleted, skipped


def _snapshots(module: ImageForgeModule, ec2: Any, image_id: str) -> list[Any] | None:
    try:
        images = ec2.describe_images(aws_retry=True, ImageIds=[image_id])["Images"]
    except AWS_ERRORS as exc:
        if error_code(exc).startswith("InvalidAMIID"):
            return None
        module.fail_aws(exc, f"read AMI {image_id}")
    if not images:
        return None
    return [m["Ebs"]["SnapshotId"] for m in images[0].get("BlockDeviceMappings") or [] if m.get("Ebs", {}).get("SnapshotId")]


def _delete_snapshot(module: ImageForgeModule, ec2: Any, snapshot: Any, region: str) -> None:
    try:
        ec2.delete_snapshot(aws_retry=True, SnapshotId=snapshot)
    except AWS_ERRORS as exc:
        if error_code(exc) != "InvalidSnapshot.NotFound":
            module.fail_aws(exc, f"delete snapshot {snapshot} in {region}")
