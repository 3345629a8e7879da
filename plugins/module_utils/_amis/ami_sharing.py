# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_share: read every region first, refuse before any write, then change what differs."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.regional import callers
from .._core.regional import per_region
from .._imagebuilder.image_gate import BUILDER_ARN_TAG
from .._imagebuilder.image_gate import unvalidated_reason
from . import kms_sharing as kms
from . import launch_permissions as lp
from .amis import SOURCE_TAG
from .amis import find_images
from .amis import snapshot_ids
from .amis import source_tag_value
from .amis import tag_dict

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule
    from .._core.regional import RegionCaller

PUBLIC = ("Group", "all")


class SharePlan:
    """What one region has and what it needs."""

    current: set[tuple[str, str]]
    snapshots: dict[str, set[str]]
    keys: dict[str, Any]
    to_add: list[tuple[str, str]]
    to_remove: list[tuple[str, str]]
    snapshot_changes: dict[str, tuple[list[str], list[str]]]
    grants_to_create: dict[str, list[str]]
    grants_to_revoke: dict[str, list[str]]
    policy_statements: list[dict[str, Any]]

    def __init__(self, region: str, image: dict[str, Any]) -> None:
        self.region, self.image = region, image
        self.image_id = image["ImageId"]
        self.tags = tag_dict(image.get("Tags"))
        self.current, self.snapshots, self.keys = set(), {}, {}
        self.block_public_access = None
        self.to_add, self.to_remove = [], []
        self.snapshot_changes, self.grants_to_create, self.grants_to_revoke = {}, {}, {}
        self.policy_statements, self.refusal = [], None

    @property
    def changed(self) -> bool:
        return bool(self.to_add or self.to_remove or any(a or r for a, r in self.snapshot_changes.values())
                    or any(self.grants_to_create.values()) or any(self.grants_to_revoke.values()))

    def after(self) -> set[tuple[str, str]]:
        return (self.current - set(self.to_remove)) | set(self.to_add)

    def result(self) -> dict[str, Any]:
        snapshots = [{"snapshot_id": s, "create_volume_permissions": sorted(
            (users - set(self.snapshot_changes.get(s, ((), ()))[1])) | set(self.snapshot_changes.get(s, ((), ()))[0]))}
            for s, users in self.snapshots.items()]
        return {"region": self.region, "image_id": self.image_id, "name": self.image.get("Name"),
                "launch_permissions": [{k: v} for k, v in lp.as_result(self.after())], "snapshots": snapshots,
                "kms_keys": sorted(self.keys), "kms_key_policy_statements": self.policy_statements,
                "block_public_access_state": self.block_public_access}


def locate(caller: RegionCaller, home_region: str, image_id: str, name: str) -> Any:
    """The AMI in this region: by id at home; elsewhere the copy that ami_copy tagged with its source, else the AMI
    that Image Builder distributed here from the same image (its Ec2ImageBuilderArn tag), else by name."""
    client = caller.client_for("ec2")
    if image_id and caller.region == home_region:
        images = find_images(caller, client, image_ids=[image_id])
    elif image_id:
        images = find_images(caller, client, owners=["self"], tags={SOURCE_TAG: source_tag_value(home_region, image_id)})
        if not images:
            images = _distributed_with(caller, client, home_region, image_id)
        if not images and name:
            images = find_images(caller, client, owners=["self"], name=name)
    else:
        images = find_images(caller, client, owners=["self"], name=name)
    if not images:
        if image_id and caller.region != home_region:
            caller.fail(f"found no AMI for {home_region}/{image_id} in {caller.region}: no copy made by ami_copy (tag "
                        f"{SOURCE_TAG}) and no AMI that Image Builder distributed from the same image (tag "
                        f"{BUILDER_ARN_TAG}). Copy it there with ami_copy, give name (the AMI name in every region), "
                        f"or leave {caller.region} out of regions")
        caller.fail(f"found no AMI {image_id or name} owned by this account in {caller.region}; "
                    "give image_id (the AMI in the task's region) or the exact AMI name")
    return images[0]


def _distributed_with(caller: RegionCaller, client: Any, home_region: str, image_id: str) -> list[dict[str, Any]]:
    """AMIs of this region that Image Builder made from the same image as the home AMI (same Ec2ImageBuilderArn)."""
    home = find_images(caller, caller.module.client_for("ec2", region=home_region), image_ids=[image_id])
    builder_arn = tag_dict(home[0].get("Tags")).get(BUILDER_ARN_TAG) if home else None
    if not builder_arn:
        return []
    return find_images(caller, client, owners=["self"], tags={BUILDER_ARN_TAG: builder_arn})


def read_region(caller: RegionCaller, home_region: str, wanted: Any, options: dict[str, Any]) -> SharePlan:
    client = caller.client_for("ec2")
    plan = SharePlan(caller.region, locate(caller, home_region, options["image_id"], options["name"]))
    plan.current = lp.current_launch_permissions(caller, client, plan.image_id)
    if options["share_snapshots"]:
        plan.snapshots = {s: lp.current_volume_permissions(caller, client, s) for s in snapshot_ids(plan.image)}
    plan.keys = _kms_keys(caller, client, plan.image)
    _plan_permissions(plan, wanted, options)
    if PUBLIC in plan.to_add:
        state = caller.call(client, "get_image_block_public_access_state", "read block public access for AMIs")
        plan.block_public_access = state.get("ImageBlockPublicAccessState")
    _plan_kms(caller, plan, wanted, options)
    return plan


def _kms_keys(caller: RegionCaller, client: Any, image: dict[str, Any]) -> Any:
    keys: dict[str, Any] = {}
    unknown: list[str] = []
    for mapping in image.get("BlockDeviceMappings", []):
        ebs = mapping.get("Ebs") or {}
        if ebs.get("Encrypted"):
            if ebs.get("KmsKeyId"):
                keys[ebs["KmsKeyId"]] = None
            else:
                unknown.append(ebs["SnapshotId"])
    if unknown:
        answer = caller.call(client, "describe_snapshots", "read the encryption of the AMI's snapshots", SnapshotIds=unknown)
        keys.update({s["KmsKeyId"]: None for s in answer.get("Snapshots", []) if s.get("KmsKeyId")})
    return keys


def _plan_permissions(plan: SharePlan, wanted: Any, options: dict[str, Any]) -> None:
    absent = options["state"] == "absent"
    if absent:
        plan.to_add, plan.to_remove = [], sorted(plan.current & wanted if wanted else plan.current)
    else:
        plan.to_add, plan.to_remove = lp.plan(plan.current, wanted, options["purge"])
    users_after = {v for k, v in plan.after() if k == "UserId"}
    for snapshot, users in plan.snapshots.items():
        plan.snapshot_changes[snapshot] = (sorted(users_after - users), sorted(_snapshot_removals(
            users, users_after, wanted, options)))


def _snapshot_removals(users: set[str], users_after: set[str], wanted: Any, options: dict[str, Any]) -> set[str]:
    """Accounts to take off a snapshot: with purge, all but the launch permissions' accounts; without,
    only those the task removes (an account given the snapshot directly is otherwise left alone)."""
    if options["state"] == "absent":
        named = {v for k, v in wanted if k == "UserId"}
        return users & named if wanted else users
    return users - users_after if options["purge"] else set()


def _plan_kms(caller: RegionCaller, plan: SharePlan, wanted: Any, options: dict[str, Any]) -> None:
    if not plan.keys:
        return
    kms_client = caller.client_for("kms")
    after = plan.after()
    accounts = {v for k, v in after if k == "UserId"}
    orgs = [v for k, v in after if k == "OrganizationArn"]
    ous = [v for k, v in after if k == "OrganizationalUnitArn"]
    for key_id in list(plan.keys):
        # The AWS-managed alias needs no DescribeKey: check_shareable refuses it by its name.
        metadata = {} if key_id.endswith(kms.AWS_MANAGED_ALIAS) else kms.key_metadata(caller, kms_client, key_id)
        try:
            kms.check_shareable(metadata, key_id)
        except kms.ManagedKeyError as exc:
            if after:
                caller.fail(f"AMI {plan.image_id}: {exc}")
            continue
        key_arn = metadata["Arn"]
        plan.keys[key_id] = key_arn
        if not options["manage_kms"]:
            plan.policy_statements.append(kms.policy_statements(key_arn, accounts, orgs, ous))
            continue
        granted = kms.granted_accounts(caller, kms_client, key_arn)
        plan.grants_to_create[key_arn] = sorted(accounts - set(granted))
        revocable = set(granted) - accounts if options["purge"] or options["state"] == "absent" else set()
        plan.grants_to_revoke[key_arn] = sorted(granted[a] for a in revocable)
        if orgs or ous:
            plan.policy_statements.append(kms.policy_statements(key_arn, [], orgs, ous))


def refusals(plans: dict[str, SharePlan], options: dict[str, Any]) -> list[str]:
    messages = []
    for plan in plans.values():
        if plan.refusal and plan.refusal.startswith("the findings_policy"):
            messages.append(f"{plan.region}: AMI {plan.image_id} is not shared: {plan.refusal}")
        elif plan.refusal:
            messages.append(f"{plan.region}: AMI {plan.image_id} was built by Image Builder and has not passed "
                            f"validation ({plan.refusal}); set allow_unvalidated: true to share it anyway")
        if PUBLIC in plan.to_add and not options["allow_public"]:
            messages.append(f"{plan.region}: group: all would make AMI {plan.image_id} public to every AWS account; "
                            "set allow_public: true if that is intended")
        elif PUBLIC in plan.to_add and plan.block_public_access not in (None, "unblocked"):
            messages.append(f"{plan.region}: block public access for AMIs is {plan.block_public_access} in this "
                            f"account and region, so AMI {plan.image_id} cannot be made public; an administrator "
                            "must call DisableImageBlockPublicAccess first (it takes up to 10 minutes)")
    return messages


def write_region(caller: RegionCaller, plan: SharePlan) -> None:
    client = caller.client_for("ec2")
    lp.apply_launch_permissions(caller, client, plan.image_id, plan.to_add, plan.to_remove)
    for snapshot, (add, remove) in plan.snapshot_changes.items():
        lp.apply_volume_permissions(caller, client, snapshot, add, remove)
    kms_client = caller.client_for("kms") if plan.keys else None
    for key_arn, accounts in plan.grants_to_create.items():
        for account in accounts:
            kms.create_grant(caller, kms_client, key_arn, account)
    for key_arn, grant_ids in plan.grants_to_revoke.items():
        for grant_id in grant_ids:
            kms.retire_grant(caller, kms_client, key_arn, grant_id)


def share(module: ImageForgeModule, wanted: Any) -> dict[str, SharePlan]:
    options = module.params
    home = module.region
    regions = options["regions"] or [home]
    region_callers = callers(module, regions)
    plans = per_region(module, region_callers, lambda c: read_region(c, home, wanted, options))
    for plan in plans.values():
        if plan.to_add:
            plan.refusal = unvalidated_reason(module, plan.tags)
    messages = refusals(plans, options)
    if messages:
        module.fail_json(msg="; ".join(messages), images=[p.result() for p in plans.values()])
    changing = {r: region_callers[r] for r, p in plans.items() if p.changed}
    if changing and not module.check_mode:
        per_region(module, changing, lambda c: write_region(c, plans[c.region]))
    return plans
