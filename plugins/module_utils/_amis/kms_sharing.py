# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What other accounts need on the KMS key of an encrypted AMI's snapshots to launch it.

AWS-managed keys (alias/aws/ebs) cannot be shared: their key policy cannot be changed and they
accept no grants for other accounts. Customer-managed keys get one grant per account, or the
key-policy statements that the key's owner must add (organizations and OUs can only be named in
a key policy, not in a grant).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller

GRANT_OPERATIONS = ["Decrypt", "DescribeKey", "CreateGrant", "GenerateDataKeyWithoutPlaintext",
                    "ReEncryptFrom", "ReEncryptTo"]
POLICY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext",
                  "kms:ReEncrypt*"]
GRANT_NAME = "imageforge-ami-share"
AWS_MANAGED_ALIAS = "alias/aws/ebs"


class ManagedKeyError(Exception):
    pass


def key_metadata(module: ImageForgeModule | RegionCaller, client: Any, key_id: str) -> Any:
    return module.call(client, "describe_key", f"read KMS key {key_id}", KeyId=key_id)["KeyMetadata"]


def check_shareable(metadata: dict[str, Any], key_id: str) -> None:
    if metadata.get("KeyManager") == "AWS" or key_id.endswith(AWS_MANAGED_ALIAS):
        raise ManagedKeyError(
            f"the snapshots are encrypted with the AWS-managed key {key_id} (alias/aws/ebs), which cannot be shared "
            "with other accounts; copy the AMI with a customer-managed KMS key (ami_copy kms_key_ids) and share the copy")


def principal_arn(account: str, partition: str = "aws") -> str:
    return f"arn:{partition}:iam::{account}:root"


def granted_accounts(module: ImageForgeModule | RegionCaller, client: Any, key_arn: str) -> dict[str, Any]:
    grants, marker = [], None
    while True:
        page = module.call(client, "list_grants", f"list the grants of {key_arn}", KeyId=key_arn,
                           **({"Marker": marker} if marker else {}))
        grants += page.get("Grants", [])
        marker = page.get("NextMarker") if page.get("Truncated") else None
        if not marker:
            break
    return {g["GranteePrincipal"].split(":")[4]: g["GrantId"] for g in grants
            if g.get("Name") == GRANT_NAME and g.get("GranteePrincipal", "").startswith("arn:")}


def create_grant(module: ImageForgeModule | RegionCaller, client: Any, key_arn: str, account: str) -> None:
    module.call(client, "create_grant", f"grant account {account} the use of {key_arn}", KeyId=key_arn,
                GranteePrincipal=principal_arn(account), Operations=GRANT_OPERATIONS, Name=GRANT_NAME)


def retire_grant(module: ImageForgeModule | RegionCaller, client: Any, key_arn: str, grant_id: str) -> None:
    module.call(client, "revoke_grant", f"revoke grant {grant_id} on {key_arn}", KeyId=key_arn, GrantId=grant_id)


def policy_statements(key_arn: str, accounts: Collection[str], organizations: Collection[str] | None,
                      organizational_units: Collection[str] | None) -> dict[str, Any]:
    """The key-policy statements the key's owner must add when grants are not managed here."""
    statements = []
    if accounts:
        statements.append({"Sid": "AllowSharedAmiAccounts", "Effect": "Allow",
                           "Principal": {"AWS": [principal_arn(a) for a in sorted(accounts)]},
                           "Action": POLICY_ACTIONS, "Resource": "*"})
    org_ids = sorted(arn.rsplit("/", 1)[-1] for arn in organizations or [])
    if org_ids:
        statements.append({"Sid": "AllowSharedAmiOrganization", "Effect": "Allow", "Principal": {"AWS": "*"},
                           "Action": POLICY_ACTIONS, "Resource": "*",
                           "Condition": {"StringEquals": {"aws:PrincipalOrgID": org_ids}}})
    paths = sorted(_org_path(arn) for arn in organizational_units or [])
    if paths:
        statements.append({"Sid": "AllowSharedAmiOrganizationalUnits", "Effect": "Allow", "Principal": {"AWS": "*"},
                           "Action": POLICY_ACTIONS, "Resource": "*",
                           "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": paths}}})
    return {"key_arn": key_arn, "statements": statements}


def _org_path(ou_arn: str) -> str:
    org_id, ou_id = ou_arn.split(":ou/", 1)[1].split("/")
    return f"{org_id}/*/{ou_id}/*"
