# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deregister the AMIs of an image and delete their snapshots, in every region, and in every
target account that a role can be assumed in (other accounts' AMIs belong to them)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._amis.ami_retention import remove_image
from .._amis.amis import caller_account
from .._amis.amis import snapshot_ids

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
    return module.client_for("ec2", region=region, role_arn=role_arn)


def delete_amis(module: ImageForgeModule, amis: Any) -> tuple[Any, ...]:
    """Deregister each AMI (summarise() form) and delete its snapshots, as ami_lifecycle removes an AMI:
    a snapshot that another AMI still uses stays.

    Returns (deleted, skipped): deleted lists {region, account_id, image_id, snapshot_ids};
    skipped lists AMIs of accounts that no role reaches."""
    own = caller_account(module)
    deleted, skipped = [], []
    for ami in amis:
        ec2 = ec2_in(module, ami["region"], ami["account_id"], own)
        if ec2 is None:
            skipped.append(ami)
            continue
        image = _image(module, ec2, ami["image_id"])
        if image is None:
            continue  # already gone
        snapshots = snapshot_ids(image) if module.check_mode else remove_image(module, ec2, image)
        deleted.append(dict(ami, snapshot_ids=snapshots))
    return deleted, skipped


def _image(module: ImageForgeModule, ec2: Any, image_id: str) -> dict[str, Any] | None:
    """The AMI, or None when it is gone (a deregistered AMI answers InvalidAMIID.NotFound or .Unavailable)."""
    images = (module.call_or_none(ec2, "describe_images", f"read AMI {image_id}", ImageIds=[image_id]) or {}).get("Images")
    return images[0] if images else None
