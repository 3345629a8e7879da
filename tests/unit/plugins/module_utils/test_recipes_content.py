# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recipe content normalisation: what counts as a change and what does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import recipe_content as rc
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import recipe_sources as sources

ARN = "arn:aws:imagebuilder:us-east-1:123456789012:component/part/1.0.0/1"


def same(key, a, b):
    return rc.normalise(key, a) == rc.normalise(key, b)


def test_working_directory_default_and_trailing_slash():
    assert same("workingDirectory", None, "/tmp")
    assert same("workingDirectory", "/tmp/", "/tmp")
    assert not same("workingDirectory", "/opt", "/tmp")


def test_ssm_agent_is_kept_unless_told_otherwise():
    stored = {"systemsManagerAgent": {"uninstallAfterBuild": False}}
    assert same("additionalInstanceConfiguration", {}, stored)
    assert same("additionalInstanceConfiguration", {"userDataOverride": ""}, stored)
    assert not same("additionalInstanceConfiguration", {"systemsManagerAgent": {"uninstallAfterBuild": True}}, stored)
    assert not same("additionalInstanceConfiguration", {"userDataOverride": "IyEvYmluL2Jhc2g="}, stored)


def test_empty_parameters_equal_none_and_order_of_parameters_does_not_matter():
    assert same("components", [{"componentArn": ARN, "parameters": []}], [{"componentArn": ARN}])
    a = [{"componentArn": ARN, "parameters": [{"name": "b", "value": ["1"]}, {"name": "a", "value": ["2"]}]}]
    b = [{"componentArn": ARN, "parameters": [{"name": "a", "value": ["2"]}, {"name": "b", "value": ["1"]}]}]
    assert same("components", a, b)


def test_order_of_components_is_content():
    other = ARN.replace("part", "other")
    assert not same("components", [{"componentArn": ARN}, {"componentArn": other}],
                    [{"componentArn": other}, {"componentArn": ARN}])


def test_block_devices_drop_unset_values_and_sort_by_device():
    task = rc.block_devices_request([
        {"device_name": "/dev/xvdb", "virtual_name": None, "no_device": None,
         "ebs": {"volume_size": 10, "volume_type": None, "encrypted": None}},
        {"device_name": "/dev/xvda", "virtual_name": None, "no_device": None, "ebs": {"volume_size": 30}},
    ])
    stored = [{"deviceName": "/dev/xvda", "ebs": {"volumeSize": 30}},
              {"deviceName": "/dev/xvdb", "ebs": {"volumeSize": 10, "kmsKeyId": None}}]
    assert same("blockDeviceMappings", task, stored)
    assert not same("blockDeviceMappings", task, [{"deviceName": "/dev/xvda", "ebs": {"volumeSize": 31}}])


def test_no_device_survives_normalisation():
    task = rc.block_devices_request([{"device_name": "/dev/sdb", "no_device": True, "ebs": None, "virtual_name": None}])
    assert task == [{"deviceName": "/dev/sdb", "noDevice": ""}]
    assert rc.normalise("blockDeviceMappings", task) == task


def test_dockerfile_trailing_blanks_are_formatting():
    assert same("dockerfileTemplateData", "FROM x\nRUN y\n", "FROM x   \r\nRUN y\n\n\n")
    assert not same("dockerfileTemplateData", "FROM x\nRUN y\n", "FROM x\nRUN z\n")


def test_projection_ignores_options_the_task_did_not_set():
    stored = {"parentImage": "ami-12345678", "components": [{"componentArn": ARN}], "workingDirectory": "/opt"}
    request = {"parentImage": "ami-12345678", "components": [{"componentArn": ARN, "parameters": []}]}
    keys = tuple(request)
    assert rc.desired_content(request, keys) == rc.content_of_resource(stored, keys)


def test_inherited_takes_unset_options_from_the_newest_version():
    before = {"workingDirectory": "/opt", "amiTags": {"a": "1"}, "description": None}
    desired = {"amiTags": {"b": "2"}}
    assert rc.inherited(before, rc.IMAGE_OPTIONAL, desired) == {"workingDirectory": "/opt"}
    assert rc.inherited(None, rc.IMAGE_OPTIONAL, desired) == {}


def test_component_parameters_become_sorted_string_lists():
    entry = {"parameters": {"port": 8080, "debug": True, "hosts": ["a", "b"]}}
    assert sources.parameters_of(entry) == [
        {"name": "debug", "value": ["true"]}, {"name": "hosts", "value": ["a", "b"]}, {"name": "port", "value": ["8080"]}]


@pytest.mark.parametrize("parent", ["ami-0123456789abcdef0", "ami-01234567", "ssm:/aws/service/ami-amazon-linux-latest/x",
                                    "amazon-linux-2023-x86", "Amazon Linux 2023 x86",
                                    "Hardened Linux 2023 Level 1",
                                    "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x"])
def test_parent_image_forms_accepted(parent):
    sources.check_parent_image_syntax(parent)


@pytest.mark.parametrize("parent, fault", [
    ("ami-xyz", "not an AMI id"),
    ("Amazon Linux 2023 (x86)", "neither an AMI id"),
    (" Amazon Linux", "neither an AMI id"),
    ("arn:aws:imagebuilder:us-east-1:aws:component/x/1.0.0/1", "not an Image Builder image ARN"),
    ("arn:aws:ec2:us-east-1::image/ami-12345678", "not an Image Builder ARN"),
    ("ssm:", "SSM parameter"),
])
def test_parent_image_faults(parent, fault):
    with pytest.raises(sources.SourceError, match=fault):
        sources.check_parent_image_syntax(parent)


@pytest.mark.parametrize("entries, fault", [
    ([], "at least one component"),
    ([{"name": "a", "arn": ARN}], "exactly one of name or arn"),
    ([{"name": None, "arn": None}], "exactly one of name or arn"),
    ([{"name": "a", "version": "1.0"}], "1.2.3"),
    ([{"name": "a", "version": "auto"}], "omit it for the newest"),
    ([{"arn": ARN, "version": "1.0.0"}], "an ARN carries its own version"),
    ([{"arn": "arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0"}], "not a component ARN"),
])
def test_component_entry_faults(entries, fault):
    with pytest.raises(sources.SourceError, match=fault):
        sources.check_component_entries(entries)


@pytest.mark.parametrize("version", [None, "", "latest", "x.x.x"])
def test_component_version_newest(version):
    assert sources.component_spec(version) is None


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.text(max_size=5)), unique_by=lambda p: p[0]))
def test_parameter_order_never_matters(pairs):
    forward = [{"componentArn": ARN, "parameters": [{"name": n, "value": [v]} for n, v in pairs]}]
    backward = [{"componentArn": ARN, "parameters": [{"name": n, "value": [v]} for n, v in reversed(pairs)]}]
    assert same("components", forward, backward)
