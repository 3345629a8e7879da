# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_share's planning: launch permissions, snapshot permissions and KMS access kept in step."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_sharing
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import kms_sharing as kms
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import RegionalError

from .ami_fakes import ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, KEY_ARN, ORG, OU, Failed, FakeEc2, FakeKms, FakeModule, ami, caller

A, B, C = (("UserId", a) for a in (ACCOUNT_A, ACCOUNT_B, ACCOUNT_C))
PUBLIC = ("Group", "all")


def options(**changes):
    return dict(dict(image_id="ami-1", name=None, regions=None, share_snapshots=True, manage_kms=True, purge=False,
                     state="present", allow_public=False, allow_unvalidated=False), **changes)


def plan_for(wanted, current=(), volumes=None, kms_client=None, encrypted=False, **option_changes):
    image = ami("ami-1", ["snap-1", "snap-2"], encrypted=encrypted, kms_key_id=KEY_ARN if encrypted else None)
    ec2 = FakeEc2([image], current, volumes or {})
    return ami_sharing.read_region(caller(ec2, options(**option_changes), kms_client), "us-east-1", set(wanted),
                                   options(**option_changes))


def test_snapshots_follow_the_accounts_and_orgs_do_not_reach_them():
    plan = plan_for({B, ("OrganizationArn", ORG), ("OrganizationalUnitArn", OU)}, current=[A],
                    volumes={"snap-1": {ACCOUNT_A}})
    assert plan.to_add == [("OrganizationArn", ORG), ("OrganizationalUnitArn", OU), B]
    assert plan.snapshot_changes == {"snap-1": ([ACCOUNT_B], []), "snap-2": ([ACCOUNT_A, ACCOUNT_B], [])}


def test_without_purge_nothing_is_removed():
    plan = plan_for({B}, current=[A, C], volumes={"snap-1": {ACCOUNT_A, ACCOUNT_C}, "snap-2": {ACCOUNT_A, ACCOUNT_C}})
    assert (plan.to_add, plan.to_remove) == ([B], [])
    assert plan.snapshot_changes["snap-1"] == ([ACCOUNT_B], [])


def test_purge_removes_the_others_from_the_image_and_its_snapshots():
    plan = plan_for({A, B}, current=[A, C], volumes={"snap-1": {ACCOUNT_A, ACCOUNT_C}}, purge=True)
    assert (plan.to_add, plan.to_remove) == ([B], [C])
    assert plan.snapshot_changes == {"snap-1": ([ACCOUNT_B], [ACCOUNT_C]), "snap-2": ([ACCOUNT_A, ACCOUNT_B], [])}


@pytest.mark.parametrize("wanted, removed, left", [(set(), [A, C], []), ({C}, [C], [ACCOUNT_A])])
def test_absent_removes_all_or_only_the_listed(wanted, removed, left):
    plan = plan_for(wanted, current=[A, C], volumes={"snap-1": {ACCOUNT_A, ACCOUNT_C}}, state="absent")
    assert (plan.to_add, plan.to_remove) == ([], removed)
    assert plan.snapshot_changes["snap-1"] == ([], sorted({ACCOUNT_A, ACCOUNT_C} - set(left)))


def test_share_snapshots_false_leaves_the_snapshots_unread():
    plan = plan_for({B}, share_snapshots=False)
    assert plan.snapshot_changes == {} and plan.snapshots == {}


def test_grants_for_exactly_the_missing_accounts_and_revokes_for_the_unshared():
    kms_client = FakeKms(grants={KEY_ARN: {ACCOUNT_A: "grant-a", ACCOUNT_C: "grant-c"}})
    plan = plan_for({A, B}, current=[A, C], kms_client=kms_client, encrypted=True, purge=True)
    assert plan.grants_to_create == {KEY_ARN: [ACCOUNT_B]}
    assert plan.grants_to_revoke == {KEY_ARN: ["grant-c"]}
    assert plan.policy_statements == []


def test_the_key_is_found_through_the_snapshots_when_the_image_does_not_name_it():
    image = ami("ami-1", ["snap-1"], encrypted=True)
    ec2 = FakeEc2([image], snapshot_keys={"snap-1": KEY_ARN})
    plan = ami_sharing.read_region(caller(ec2, options()), "us-east-1", {A}, options())
    assert plan.keys == {KEY_ARN: KEY_ARN} and plan.grants_to_create == {KEY_ARN: [ACCOUNT_A]}


def test_a_rerun_plans_nothing():
    kms_client = FakeKms(grants={KEY_ARN: {ACCOUNT_A: "grant-a", ACCOUNT_B: "grant-b"}})
    plan = plan_for({A, B}, current=[A, B], volumes={"snap-1": {ACCOUNT_A, ACCOUNT_B}, "snap-2": {ACCOUNT_A, ACCOUNT_B}},
                    kms_client=kms_client, encrypted=True, purge=True)
    assert plan.changed is False
    assert plan.result()["launch_permissions"] == [{"user_id": ACCOUNT_A}, {"user_id": ACCOUNT_B}]


def test_without_manage_kms_no_grants_but_the_policy_statements_to_add():
    kms_client = FakeKms()
    plan = plan_for({B, ("OrganizationArn", ORG), ("OrganizationalUnitArn", OU)}, current=[A],
                    kms_client=kms_client, encrypted=True, manage_kms=False)
    assert plan.grants_to_create == {} and kms_client.called("list_grants") == []
    (policy,) = plan.policy_statements
    accounts, org, ou = policy["statements"]
    assert policy["key_arn"] == KEY_ARN
    assert accounts["Principal"] == {"AWS": [f"arn:aws:iam::{ACCOUNT_A}:root", f"arn:aws:iam::{ACCOUNT_B}:root"]}
    assert org["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": ["o-abc1234567"]}}
    assert ou["Condition"] == {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-abc1234567/*/ou-ab12-cdef5678/*"]}}


@pytest.mark.parametrize("key_id, metadata", [
    (KEY_ARN, {"Arn": KEY_ARN, "KeyManager": "AWS"}),
    ("arn:aws:kms:us-east-1:123456789012:alias/aws/ebs", None),
])
def test_the_aws_managed_key_is_refused_with_the_way_out(key_id, metadata):
    image = ami("ami-1", ["snap-1"], encrypted=True, kms_key_id=key_id)
    kms_client = FakeKms(keys={key_id: metadata})
    with pytest.raises(RegionalError) as raised:
        ami_sharing.read_region(caller(FakeEc2([image]), options(), kms_client), "us-east-1", {B}, options())
    message = str(raised.value)
    assert "cannot be shared" in message and "copy the AMI with a customer-managed KMS key" in message


def refusals_for(wanted, block_public_access="unblocked", **option_changes):
    ec2 = FakeEc2([ami("ami-1")], block_public_access=block_public_access)
    plan = ami_sharing.read_region(caller(ec2, options(**option_changes)), "us-east-1", wanted, options(**option_changes))
    return ami_sharing.refusals({"us-east-1": plan}, options(**option_changes))


def test_public_without_allow_public_is_refused():
    (message,) = refusals_for({PUBLIC})
    assert "public to every AWS account" in message and "allow_public: true" in message


def test_public_is_refused_while_block_public_access_is_on():
    (message,) = refusals_for({PUBLIC}, "block-new-sharing", allow_public=True)
    assert "block-new-sharing" in message and "DisableImageBlockPublicAccess" in message


def test_public_with_allow_public_and_unblocked_passes():
    assert refusals_for({PUBLIC}, "unblocked", allow_public=True) == []


def share_module(launch_permissions=(), volumes=None, grants=None, check_mode=False, **option_changes):
    image = ami("ami-1", ["snap-1"], encrypted=True, kms_key_id=KEY_ARN)
    clients = {"us-east-1": {"ec2": FakeEc2([image], launch_permissions, volumes), "kms": FakeKms(grants=grants)}}
    return FakeModule(clients, options(**option_changes), check_mode=check_mode)


def written(module):
    clients = module.clients["us-east-1"]
    return clients["ec2"].writes() + clients["kms"].writes()


def test_share_writes_the_plan():
    module = share_module()
    ami_sharing.share(module, {B})
    assert written(module) == [
        ("modify_image_attribute", {"ImageId": "ami-1", "LaunchPermission": {"Add": [{"UserId": ACCOUNT_B}]}}),
        ("modify_snapshot_attribute", {"SnapshotId": "snap-1", "Attribute": "createVolumePermission",
                                       "OperationType": "add", "UserIds": [ACCOUNT_B]}),
        ("create_grant", {"KeyId": KEY_ARN, "GranteePrincipal": f"arn:aws:iam::{ACCOUNT_B}:root",
                          "Operations": kms.GRANT_OPERATIONS, "Name": "imageforge-ami-share"})]


def test_share_in_check_mode_or_on_a_rerun_writes_nothing():
    module = share_module(check_mode=True)
    assert ami_sharing.share(module, {B})["us-east-1"].changed is True
    assert written(module) == []
    module = share_module([B], {"snap-1": {ACCOUNT_B}}, {KEY_ARN: {ACCOUNT_B: "grant-b"}})
    assert ami_sharing.share(module, {B})["us-east-1"].changed is False
    assert written(module) == []


def test_a_refusal_fails_before_any_write():
    module = share_module()
    with pytest.raises(Failed) as raised:
        ami_sharing.share(module, {B, PUBLIC})
    assert "allow_public" in raised.value.args[0]["msg"]
    assert written(module) == []


def test_org_path_of_an_ou_arn():
    assert kms._org_path(OU) == "o-abc1234567/*/ou-ab12-cdef5678/*"


def test_policy_statements_only_for_what_is_named():
    policy = kms.policy_statements(KEY_ARN, {ACCOUNT_C, ACCOUNT_A}, [], [OU])
    assert [s["Sid"] for s in policy["statements"]] == ["AllowSharedAmiAccounts", "AllowSharedAmiOrganizationalUnits"]
    assert policy["statements"][0]["Principal"]["AWS"] == [f"arn:aws:iam::{ACCOUNT_A}:root", f"arn:aws:iam::{ACCOUNT_C}:root"]
    assert kms.policy_statements(KEY_ARN, [], [], []) == {"key_arn": KEY_ARN, "statements": []}


def test_without_purge_an_account_given_the_snapshot_directly_keeps_it():
    plan = plan_for({B}, current=[B], volumes={"snap-1": {ACCOUNT_B, ACCOUNT_C}, "snap-2": {ACCOUNT_B}})
    assert plan.snapshot_changes == {"snap-1": ([], []), "snap-2": ([], [])}
    assert plan.changed is False


def test_without_purge_grants_of_other_accounts_are_kept():
    kms_client = FakeKms(grants={KEY_ARN: {ACCOUNT_A: "grant-a", ACCOUNT_C: "grant-c"}})
    plan = plan_for({A, B}, current=[A], kms_client=kms_client, encrypted=True)
    assert plan.grants_to_create == {KEY_ARN: [ACCOUNT_B]}
    assert plan.grants_to_revoke == {KEY_ARN: []}


def test_unsharing_an_ami_on_the_aws_managed_key_alias_is_not_refused():
    image = ami("ami-1", ["snap-1"], encrypted=True, kms_key_id="arn:aws:kms:us-east-1:123456789012:alias/aws/ebs")
    ec2 = FakeEc2([image], [B], {"snap-1": {ACCOUNT_B}})
    opts = options(state="absent")
    plan = ami_sharing.read_region(caller(ec2, opts, FakeKms()), "us-east-1", set(), opts)
    assert plan.to_remove == [B] and plan.snapshot_changes == {"snap-1": ([], [ACCOUNT_B])}
