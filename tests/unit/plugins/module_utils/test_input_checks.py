"""The checks every module runs before any call: each fault names its option."""

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe import awstoe
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.input_checks import problems
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.input_checks import type_problems

SPEC = {"name": {"type": "str"}, "tags": {"type": "dict"}, "purge_tags": {"type": "bool"}, "regions": {"type": "list"},
        "accounts": {"type": "list"}, "principals": {"type": "list"}, "ami_tags": {"type": "dict"}}


def check(module="component", region="us-east-1", **params):
    return problems(module, params, region, SPEC)


def test_good_input_has_no_fault():
    assert check(name="web server_1", tags={"team": "a", "n": 3, "on": True}, purge_tags=True, regions=["eu-west-1"]) == []


@pytest.mark.parametrize("name", ["", "ab", "a/b", "héllo", " web", "web ", "x" * 129])
def test_a_malformed_image_builder_name_is_named(name):
    assert [p.split(":")[0] for p in check(name=name)] == ["name"]


def test_an_unknown_region_in_a_list_or_the_task_is_named():
    found = check(region="mars-north-1", regions=["us-east-1", "moon-1"])
    assert [p.split(":")[0] for p in found] == ["region", "regions"]
    assert "'moon-1'" in found[1]


@pytest.mark.parametrize("value", [["a", "b"], {"k": "v"}, None])
def test_a_tag_value_that_is_not_text_is_refused(value):
    found = check(tags={"team": value})
    assert len(found) == 1 and found[0].startswith("tags: the value of tag 'team'")


def test_every_tags_option_is_checked_and_purge_tags_is_not_a_tags_option():
    assert [p.split(":")[0] for p in check(ami_tags={"a": [1]}, purge_tags=False)] == ["ami_tags"]
    assert check(tags={"aws:owner": "x"})[0].startswith("tags: tag key 'aws:owner'")


def test_account_ids_and_ram_principals():
    assert check(module="ami_share", accounts=["123456789012"]) == []
    assert check(module="ami_share", accounts=["12345"])[0].startswith("accounts: '12345'")
    good = ["123456789012", "arn:aws:organizations::123456789012:organization/o-abcdefghij",
            "arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-abcd-abcdefgh",
            "arn:aws:iam::123456789012:role/builder", "imagebuilder.amazonaws.com"]
    assert check(module="resource_share", name="share", principals=good) == []
    assert check(module="resource_share", name="share", principals=["bob"])[0].startswith("principals: 'bob'")


def test_an_ami_name_follows_ec2s_rules_not_image_builders():
    assert check(module="ami_copy", name="web (2024) [x] v1.0/a@b_c'd") == []
    assert check(module="ami_copy", name="ab")[0].startswith("name: 'ab' is not an AMI name")


def test_wrong_shapes_name_the_option():
    spec = {"distributions": {"type": "list", "elements": "dict"}, "tags": {"type": "dict", "aliases": ["resource_tags"]},
            "regions": {"type": "list", "elements": "str"}}
    assert type_problems(spec, {"distributions": "us-east-1"}) == [
        "distributions: give a list of dictionaries, not the text 'us-east-1'"]
    assert type_problems(spec, {"distributions": [{"region": "x"}, "eu-west-1"]}) == [
        "distributions[1]: give a dictionary, not the text 'eu-west-1'"]
    assert type_problems(spec, {"resource_tags": ["a"]}) == ["tags: give a dictionary, not a list"]
    assert type_problems(spec, {"regions": {"a": 1}}) == ["regions: give a list, not a dictionary"]
    assert type_problems(spec, {"tags": "{\"a\": 1}", "regions": "us-east-1"}) == []


@pytest.mark.parametrize("quoted", ['"1.0"', "'1.0'", "1.0", "1.00"])
def test_schema_version_is_compared_as_awstoe_reads_it(quoted):
    doc, problems = awstoe.parse_document(f"schemaVersion: {quoted}\nphases: []\n")
    assert problems == [] and awstoe.as_toe_reads(doc) == {"schemaVersion": "1.0", "phases": []}
    other, problems = awstoe.parse_document("schemaVersion: 2.0\nphases: []\n")
    assert awstoe.as_toe_reads(other) == other
