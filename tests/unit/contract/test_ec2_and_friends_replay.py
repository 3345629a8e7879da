"""Recorded EC2, KMS, RAM, STS and SSM answers (aws-cli examples) through the module_utils that parse them."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_copies
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_sharing
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import amis
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import kms_sharing
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import launch_permissions
from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ram_shares
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import recipe_sources
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import RegionCaller
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import RegionalError

from .corpus import Failed
from .corpus import ReplayModule
from .corpus import body

RHEL = "ami-1234567890EXAMPLE"


@pytest.fixture
def module():
    made = ReplayModule()
    yield made
    made.all_replayed()


def test_describe_images_becomes_a_snake_case_result_with_tags_as_a_dict(module):
    module.replay("ec2", "describe-images", expected_params={"ImageIds": [RHEL]})
    [image] = amis.find_images(module, module.client_for("ec2"), image_ids=[RHEL])
    result = amis.image_result(image, region="us-west-2")
    assert result["image_id"] == RHEL and result["state"] == "available" and result["public"] is True
    assert result["creation_date"] == "2019-05-10T13:17:12.000Z"
    assert result["block_device_mappings"][0]["ebs"] == {
        "snapshot_id": "snap-111222333444aaabb", "delete_on_termination": True, "volume_type": "gp2",
        "volume_size": 10, "encrypted": False}
    assert result["tags"] == {} and result["region"] == "us-west-2"
    assert amis.snapshot_ids(image) == ["snap-111222333444aaabb"]


def test_an_image_the_caller_owns_is_not_listed_as_shared_with_it(module):
    module.replay("ec2", "describe-images", expected_params={"ExecutableUsers": ["self"], "ImageIds": [RHEL]})
    module.replay("sts", "get-caller-identity")  # account 123456789012 owns the recorded image
    assert amis.find_images(module, module.client_for("ec2"), image_ids=[RHEL], owners=["shared-with-me"]) == []


def test_launch_permissions_are_read_as_pairs_and_planned(module):
    module.replay("ec2", "describe-image-attribute-1",
                  expected_params={"ImageId": "ami-5731123e", "Attribute": "launchPermission"})
    current = launch_permissions.current_launch_permissions(module, module.client_for("ec2"), "ami-5731123e")
    assert current == {("UserId", "123456789012")}
    wanted = launch_permissions.desired_permissions(["210987654321"], [], [], False)
    to_add, to_remove = launch_permissions.plan(current, wanted, purge=True)
    assert (to_add, to_remove) == ([("UserId", "210987654321")], [("UserId", "123456789012")])


def test_the_snapshots_of_an_ami_with_their_create_volume_permissions(module):
    image = {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-01234567890abcdef"}}]}
    module.replay("ec2", "describe-snapshots-1", expected_params={"SnapshotIds": ["snap-01234567890abcdef"]})
    module.replay("ec2", "describe-snapshot-attribute")
    assert amis.snapshots_of(module, module.client_for("ec2"), image) == [
        {"snapshot_id": "snap-01234567890abcdef", "encrypted": False, "kms_key_id": None, "volume_size": 8,
         "create_volume_permissions": [{"user_id": "123456789012"}]}]


@pytest.mark.parametrize("stem", ["copy-image-1", "copy-image-2", "copy-image-3"])
def test_a_new_copy_is_reported_pending_with_the_id_copy_image_returns(module, stem):
    options = dict(name=None, description=None, encrypted=False, kms_key_ids=None, copy_tags=True, tag_snapshots=True,
                   tags={}, wait=False, wait_timeout=60, wait_delay=1)
    module.answer("ec2", "describe_images", {"Images": []})  # no earlier copy carries the source tag
    module.replay("ec2", "describe-images")  # the source, for its name and tags
    module.replay("ec2", stem)
    caller = RegionCaller(module, "us-west-2", ("ec2",))
    source = ami_copies.SourceImage(module, "us-east-1", RHEL)
    result = ami_copies.copy_to_region(caller, source, options)
    assert result == {"region": "us-west-2", "image_id": body("ec2", stem)["ImageId"], "state": "pending", "changed": True}


@pytest.mark.parametrize("state,refused", [("block-new-sharing", True), ("unblocked", False)])
def test_making_an_ami_public_is_refused_while_block_public_access_is_on(module, state, refused):
    options = dict(state="present", purge=False, share_snapshots=False, image_id=RHEL, name=None, manage_kms=True,
                   allow_public=True)
    module.replay("ec2", "describe-images")
    module.replay("ec2", "describe-image-attribute-1", ImageId=RHEL)
    module.replay("ec2", "get-image-block-public-access-state", **({} if refused else {"ImageBlockPublicAccessState": state}))
    caller = RegionCaller(module, "us-west-2", ("ec2",))
    plan = ami_sharing.read_region(caller, "us-west-2", {("Group", "all")}, options)
    assert plan.block_public_access == state and plan.to_add == [("Group", "all")]
    messages = ami_sharing.refusals({"us-west-2": plan}, options)
    assert bool(messages) is refused
    if refused:
        assert "DisableImageBlockPublicAccess" in messages[0]


@pytest.mark.parametrize("stem,manager", [("describe-key-2", "CUSTOMER"), ("describe-key-3", "CUSTOMER"),
                                          ("describe-key-4", "CUSTOMER")])
def test_key_metadata_of_a_customer_managed_key_is_shareable(module, stem, manager):
    key = body("kms", stem)["KeyMetadata"]
    module.replay("kms", stem, expected_params={"KeyId": key["KeyId"]})
    metadata = kms_sharing.key_metadata(module, module.client_for("kms"), key["KeyId"])
    assert metadata["KeyManager"] == manager and metadata["Arn"] == key["Arn"]
    kms_sharing.check_shareable(metadata, key["KeyId"])  # raises for AWS-managed keys only


def test_an_aws_managed_key_is_refused_before_any_grant(module):
    key = dict(body("kms", "describe-key-2")["KeyMetadata"], KeyManager="AWS")
    with pytest.raises(kms_sharing.ManagedKeyError, match="customer-managed"):
        kms_sharing.check_shareable(key, key["KeyId"])


def test_share_associations_keep_only_associated_entities(module):
    share = "arn:aws:ram:us-west-2:123456789012:resource-share/7be8694e-095c-41ca-9ce8-7be4aEXAMPLE"
    module.replay("ram", "get-resource-share-associations-2",
                  expected_params={"associationType": "PRINCIPAL", "resourceShareArns": [share]})
    assert ram_shares.associations(module, module.client_for("ram"), share, "PRINCIPAL") == [
        "arn:aws:organizations::123456789012:ou/o-63bEXAMPLE/ou-46xi-rEXAMPLE"]


def test_resource_associations_of_several_shares(module):
    module.replay("ram", "get-resource-share-associations-1")
    entities = ram_shares.associations(module, module.client_for("ram"), "arn:aws:ram:us-west-2:123456789012:resource-share/x",
                                       "RESOURCE")
    recorded = body("ram", "get-resource-share-associations-1")["resourceShareAssociations"]
    assert entities == sorted({a["associatedEntity"] for a in recorded if a["status"] == "ASSOCIATED"})


def test_no_share_with_the_name_is_none(module):
    module.replay("ram", "get-resource-shares")
    assert ram_shares.find_share(module, module.client_for("ram"), "nothing-here") is None


@pytest.mark.parametrize("stem", ["create-resource-share-1", "create-resource-share-2"])
def test_ram_tags_of_a_created_share_become_a_dict(stem):
    share = body("ram", stem)["resourceShare"]
    assert ram_shares.ram_tags(share.get("tags")) == {t["key"]: t["value"] for t in share.get("tags", [])}


def test_the_callers_account_comes_from_get_caller_identity_once(module):
    module.replay("sts", "get-caller-identity")
    assert amis.caller_account(module) == "123456789012"
    assert amis.caller_account(module) == "123456789012"  # cached: the Stubber holds a single answer


@pytest.mark.parametrize("stem", ["get-parameter-3", "get-parameter-4"])
def test_an_ssm_parent_image_that_exists_is_kept_as_given(module, stem):
    name = body("ssm", stem)["Parameter"]["Name"]
    module.replay("ssm", stem, expected_params={"Name": name})
    assert recipe_sources.resolve_parent_image(module, f"ssm:{name}") == f"ssm:{name}"


def test_a_regional_failure_names_the_region(module):
    caller = RegionCaller(module, "us-west-2", ("ec2",))
    module.stubbers["ec2"].add_client_error("describe_images", "InvalidAMIID.NotFound",
                                            "The image id '[ami-0abcdef1234567890]' does not exist")
    with pytest.raises(RegionalError) as err:
        ami_copies.SourceImage(module, "us-west-2", "ami-0abcdef1234567890").get(caller)
    assert err.value.region == "us-west-2" and err.value.code == "InvalidAMIID.NotFound"


def test_a_parent_ami_that_does_not_exist_fails_with_a_clear_message(module):
    module.client_for("ec2")
    module.stubbers["ec2"].add_client_error("describe_images", "InvalidAMIID.NotFound",
                                            "The image id '[ami-0abcdef1234567890]' does not exist")
    with pytest.raises(Failed, match="does not exist or is not visible"):
        recipe_sources.resolve_parent_image(module, "ami-0abcdef1234567890")
