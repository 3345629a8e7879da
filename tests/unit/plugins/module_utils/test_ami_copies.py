# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_copy: the CopyImage request, reuse of an existing copy, and one read of the source for all regions."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_copies
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.regional import callers, per_region

from .ami_fakes import FakeEc2, FakeKms, FakeModule, ami, caller

SOURCE_TAG = "imageforge:source-ami"
TAG_VALUE = "us-east-1/ami-src"
SOURCE = ami("ami-src", ["snap-src"], name="golden-1", tags={"team": "web", "env": "source-env"})


def options(**changes):
    return dict(dict(name=None, description=None, encrypted=False, kms_key_ids=None, copy_tags=True, tag_snapshots=True,
                     tags={"env": "prod"}, wait=False, wait_timeout=60, wait_delay=1), **changes)


def request(region="eu-west-1", **changes):
    source = changes.pop("source", SOURCE)
    return ami_copies.copy_request("ami-src", "us-east-1", source, options(**changes), region, "token-1", TAG_VALUE)


def specs(params):
    return {s["ResourceType"]: {t["Key"]: t["Value"] for t in s["Tags"]} for s in params["TagSpecifications"]}


@pytest.mark.parametrize("name, copy_tags, tag_snapshots, needed", [
    (None, False, False, True), ("x", True, True, True), ("x", True, False, False), ("x", False, True, False)])
def test_the_source_is_read_only_for_its_name_or_its_tags_for_the_snapshots(name, copy_tags, tag_snapshots, needed):
    assert bool(ami_copies.needs_source(options(name=name, copy_tags=copy_tags, tag_snapshots=tag_snapshots))) is needed


def test_the_name_comes_from_the_task_or_else_the_source():
    assert request(name="mine", source=None, copy_tags=False)["Name"] == "mine"
    assert request()["Name"] == "golden-1"


def test_the_image_gets_the_task_tags_and_the_source_tag_and_the_source_tags_server_side():
    params = request()
    assert params["CopyImageTags"] is True and params["ClientToken"] == "token-1"
    assert (params["SourceImageId"], params["SourceRegion"]) == ("ami-src", "us-east-1")
    assert specs(params)["image"] == {"env": "prod", SOURCE_TAG: TAG_VALUE}


def test_the_snapshots_get_the_source_tags_too_and_task_tags_win():
    assert specs(request())["snapshot"] == {"team": "web", "env": "prod", SOURCE_TAG: TAG_VALUE}


def test_without_copy_tags_the_snapshots_get_only_the_task_tags():
    params = request(copy_tags=False)
    assert params["CopyImageTags"] is False
    assert specs(params)["snapshot"] == {"env": "prod", SOURCE_TAG: TAG_VALUE}


def test_tag_snapshots_false_sends_no_snapshot_tags():
    assert list(specs(request(tag_snapshots=False))) == ["image"]


def test_description_only_when_given():
    assert "Description" not in request(source=dict(SOURCE, Description="from the source"))
    assert request(description="")["Description"] == ""


def test_encryption_and_the_key_are_per_region():
    keys = {"eu-west-1": "arn:aws:kms:eu-west-1:123456789012:key/k1"}
    assert (request(kms_key_ids=keys)["Encrypted"], request(kms_key_ids=keys)["KmsKeyId"]) == (True, keys["eu-west-1"])
    other = request(region="eu-central-1", kms_key_ids=keys)
    assert "Encrypted" not in other and "KmsKeyId" not in other
    assert request(region="eu-central-1", encrypted=True)["Encrypted"] is True


def copy_with(ec2, check_mode=False, **changes):
    source = ami_copies.SourceImage(FakeModule({"us-east-1": {"ec2": FakeEc2([SOURCE])}}, {}), "us-east-1", "ami-src")
    return ami_copies.copy_to_region(caller(ec2, options(**changes), region="eu-west-1", check_mode=check_mode),
                                     source, options(**changes))


def test_an_existing_copy_found_by_the_source_tag_is_reused():
    ec2 = FakeEc2([ami("ami-old", ["snap-old"], tags={SOURCE_TAG: TAG_VALUE})])
    result = copy_with(ec2)
    assert (result["image_id"], result["changed"], result["snapshot_ids"]) == ("ami-old", False, ["snap-old"])
    assert ec2.called("copy_image") == []


def test_a_deregistered_copy_is_not_reused():
    ec2 = FakeEc2([ami("ami-old", tags={SOURCE_TAG: TAG_VALUE}, state="deregistered")])
    assert copy_with(ec2)["image_id"] == "ami-copy1"


def test_check_mode_makes_no_copy():
    ec2 = FakeEc2()
    assert copy_with(ec2, check_mode=True) == {"region": "eu-west-1", "image_id": None, "state": None, "changed": True}
    assert ec2.writes() == []


def test_a_new_copy_is_one_copy_image_call_with_a_client_token():
    ec2 = FakeEc2()
    assert copy_with(ec2)["changed"] is True
    (params,) = ec2.called("copy_image")
    assert params["ClientToken"] == "token-1" and params["Name"] == "golden-1"


def test_the_source_is_read_once_for_all_regions():
    regions = ["eu-west-1", "eu-central-1", "ap-south-1", "us-west-2"]
    home = FakeEc2([SOURCE], read_delay=0.05)
    clients = {r: {"ec2": FakeEc2(read_delay=0.05), "kms": FakeKms()} for r in regions}
    clients["us-east-1"] = {"ec2": home}
    module = FakeModule(clients, options())
    source = ami_copies.SourceImage(module, "us-east-1", "ami-src")
    copies = per_region(module, callers(module, regions), lambda c: ami_copies.copy_to_region(c, source, options()))
    assert sorted(c["image_id"] for c in copies.values()) == ["ami-copy1"] * 4
    assert home.called("describe_images") == [{"ImageIds": ["ami-src"]}]
    assert [len(clients[r]["ec2"].called("copy_image")) for r in regions] == [1, 1, 1, 1]


def test_no_source_read_when_the_copy_does_not_need_it():
    home = FakeEc2([SOURCE])
    module = FakeModule({"us-east-1": {"ec2": home}, "eu-west-1": {"ec2": FakeEc2(), "kms": FakeKms()}}, {})
    source = ami_copies.SourceImage(module, "us-east-1", "ami-src")
    wanted = options(name="mine", tag_snapshots=False)
    ami_copies.copy_to_region(callers(module, ["eu-west-1"])["eu-west-1"], source, wanted)
    assert home.calls == []
