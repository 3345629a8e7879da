# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image Builder resource policies: which API per resource type, semantic comparison, and promotion
of the RAM share that a policy creates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from typing import Any

from .._core.errors import AWS_ERRORS
from .._core.errors import is_not_found
from .._core.transforms import canonical_json

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

# resource type in the ARN -> (operation suffix, ARN parameter)
KINDS = {
    "component": ("component_policy", "componentArn"),
    "image-recipe": ("image_recipe_policy", "imageRecipeArn"),
    "container-recipe": ("container_recipe_policy", "containerRecipeArn"),
    "image": ("image_policy", "imageArn"),
}
LIST_KEYS = ("Action", "NotAction", "Resource", "NotResource")


def kind_of(arn: str) -> Any:
    parts = arn.split(":")
    if len(parts) < 6 or parts[2] != "imagebuilder" or parts[5].split("/")[0] not in KINDS:
        return None
    return parts[5].split("/")[0]


def normalize(policy: Any) -> dict[str, Any]:
    """A form in which statement order, list order and one-element lists vs strings do not matter."""
    if isinstance(policy, str):
        policy = json.loads(policy)
    statements = policy.get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    normal = [_normal_statement(s) for s in statements]
    return {"Version": policy.get("Version", "2008-10-17"), "Statement": sorted(normal, key=canonical_json)}


def _normal_statement(statement: Any) -> dict[str, Any]:
    return {key: _normal_member(key, value) for key, value in statement.items()}


def _normal_member(key: str, value: Any) -> Any:
    if key in LIST_KEYS:
        return sorted([value] if isinstance(value, str) else value)
    if key in ("Principal", "NotPrincipal") and isinstance(value, dict):
        return {k: sorted([v] if isinstance(v, str) else v) for k, v in value.items()}
    if key == "Condition":
        return {op: {k: sorted([v] if isinstance(v, str) else v) for k, v in cond.items()} for op, cond in value.items()}
    return value


def same_policy(a: Any, b: Any) -> bool:
    return canonical_json(normalize(a)) == canonical_json(normalize(b))


def get_policy(module: ImageForgeModule, client: Any, arn: str) -> Any:
    operation, key = KINDS[kind_of(arn)]
    try:
        answer = getattr(client, f"get_{operation}")(aws_retry=True, **{key: arn})
    except AWS_ERRORS as exc:
        if is_not_found(exc):
            return None
        module.fail_aws(exc, f"read the policy of {arn}")
    return json.loads(answer["policy"]) if answer.get("policy") else None


def put_policy(module: ImageForgeModule, client: Any, arn: str, policy: Any) -> None:
    operation, key = KINDS[kind_of(arn)]
    module.call(client, f"put_{operation}", f"put the policy of {arn}", **{key: arn, "policy": json.dumps(policy)})


def shares_to_promote(module: ImageForgeModule, ram: Any, arn: str) -> list[Any]:
    """ARNs of the RAM shares created from this resource's policy that are not standard yet."""
    page = module.call(ram, "get_resource_share_associations", f"find the RAM shares of {arn}",
                       associationType="RESOURCE", resourceArn=arn)
    share_arns = sorted({a["resourceShareArn"] for a in page.get("resourceShareAssociations", [])})
    if not share_arns:
        return []
    shares = module.call(ram, "get_resource_shares", "read the RAM shares", resourceOwner="SELF",
                         resourceShareArns=share_arns).get("resourceShares", [])
    return [s["resourceShareArn"] for s in shares if s.get("featureSet") == "CREATED_FROM_POLICY"]
