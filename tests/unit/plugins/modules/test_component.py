"""The component module end to end, in-process, with every API call recorded."""

import copy

from ansible_collections.imageforge.image_builder.plugins.modules import component
from ansible_collections.imageforge.image_builder.plugins.modules import component_info

from .conftest import writes

DOC = {
    "schemaVersion": 1.0,
    "phases": [{"name": "build", "steps": [{"name": "Hello", "action": "ExecuteBash", "inputs": {"commands": ["echo hello"]}}]}],
}


def args(**extra):
    return dict(dict(name="hello", platform="Linux", data=copy.deepcopy(DOC)), **extra)


def test_check_mode_makes_no_write_call(run_module, api_calls):
    result = run_module(component, args(), check_mode=True)
    assert result["changed"] and result["version"] == "1.0.0"
    assert writes(api_calls) == []


def test_create_then_rerun_makes_no_write_call(run_module, api_calls):
    first = run_module(component, args(tags={"a": "1"}))
    assert first["changed"] and first["arn"].endswith("component/hello/1.0.0/1")
    api_calls.clear()
    second = run_module(component, args(tags={"a": "1"}))
    assert not second["changed"] and second["arn"] == first["arn"]
    assert writes(api_calls) == []


def test_yaml_text_with_other_formatting_is_the_same_content(run_module):
    run_module(component, args())
    text = "phases:\n- steps:\n  - {inputs: {commands: [echo hello]}, name: Hello, action: ExecuteBash}\n  name: build\nschemaVersion: 1.0\n"
    assert not run_module(component, args(data=text))["changed"]


def test_create_sends_a_client_token(run_module, monkeypatch):
    import botocore.client

    seen = []
    original = botocore.client.BaseClient._make_api_call

    def spy(self, name, params):
        if name == "CreateComponent":
            seen.append(params.get("clientToken"))
        return original(self, name, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", spy)
    run_module(component, args())
    assert len(seen) == 1 and len(seen[0]) >= 32


def test_invalid_document_fails_before_any_call(run_module, api_calls):
    bad = copy.deepcopy(DOC)
    bad["phases"][0]["steps"][0]["action"] = "ExecuteBashh"
    result = run_module(component, args(data=bad))
    assert result["failed"] and "ExecuteBashh" in result["msg"] and "Hello" in result["msg"]
    assert api_calls == []


def test_too_long_document_without_bucket_is_refused_before_any_call(run_module, api_calls):
    long_doc = copy.deepcopy(DOC)
    long_doc["phases"][0]["steps"][0]["inputs"]["commands"] = ["echo " + "x" * 100] * 200
    result = run_module(component, args(data=long_doc))
    assert result["failed"] and "upload_bucket" in result["msg"]
    assert api_calls == []


def test_too_long_document_goes_to_s3_by_content(run_module):
    import boto3

    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="docs")
    long_doc = copy.deepcopy(DOC)
    long_doc["phases"][0]["steps"][0]["inputs"]["commands"] = ["echo " + "x" * 100] * 200
    result = run_module(component, args(data=long_doc, upload_bucket="docs"))
    assert result["changed"], result
    keys = [o["Key"] for o in boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="docs")["Contents"]]
    assert len(keys) == 1 and keys[0].startswith("imageforge/components/hello/")


def test_exact_version_clash_says_what_to_do(run_module):
    run_module(component, args(version="1.2.0"))
    changed = copy.deepcopy(DOC)
    changed["phases"][0]["steps"][0]["inputs"]["commands"] = ["echo bye"]
    result = run_module(component, args(version="1.2.0", data=changed))
    assert result["failed"]
    assert "component hello version 1.2.0 already exists with different content; bump the version or use version: auto" in result["msg"]


def test_diff_shows_before_and_after_documents(run_module):
    run_module(component, args())
    changed = copy.deepcopy(DOC)
    changed["phases"][0]["steps"][0]["inputs"]["commands"] = ["echo bye"]
    result = run_module(component, args(data=changed), diff=True)
    assert result["version"] == "1.0.1"
    assert "echo hello" in result["diff"]["before"] and "echo bye" in result["diff"]["after"]
    assert result["diff"]["before_header"].endswith("1.0.0") and result["diff"]["after_header"].endswith("1.0.1")


def test_retain_versions_keeps_the_newest(run_module):
    for word in ("a", "b", "c"):
        doc = copy.deepcopy(DOC)
        doc["phases"][0]["steps"][0]["inputs"]["commands"] = [f"echo {word}"]
        result = run_module(component, args(data=doc, retain_versions=2))
    assert result["version"] == "1.0.2" and len(result["deleted"]) == 1 and "/1.0.0/" in result["deleted"][0]
    listed = run_module(component_info, {"name": "hello"})
    assert [c["version"] for c in listed["components"]] == ["1.0.2", "1.0.1"]


def test_absent_needs_an_exact_version_or_all_versions(run_module, api_calls):
    result = run_module(component, {"name": "hello", "state": "absent"})
    assert result["failed"] and "all_versions" in result["msg"]
    assert writes(api_calls) == []


def test_info_filters_by_owner_amazon(run_module):
    result = run_module(component_info, {"owner": "Amazon", "name": "update-linux"})
    assert result["components"] and all(c["name"] == "update-linux" for c in result["components"])


def test_document_by_s3_uri_is_read_validated_and_compared(run_module, api_calls):
    import boto3
    import yaml

    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="docs")
    s3.put_object(Bucket="docs", Key="hello.yml", Body=yaml.safe_dump(DOC).encode())
    uri_args = {"name": "hello", "platform": "Linux", "uri": "s3://docs/hello.yml"}
    first = run_module(component, uri_args)
    assert first["changed"] and "echo hello" in first["component"]["data"]
    api_calls.clear()
    assert not run_module(component, uri_args)["changed"]
    assert writes(api_calls) == []
    s3.put_object(Bucket="docs", Key="bad.yml", Body=b"phases: [")
    bad = run_module(component, dict(uri_args, uri="s3://docs/bad.yml"))
    assert bad["failed"] and "YAML" in bad["msg"]


def test_info_without_filters_lists_every_own_component(run_module):
    run_module(component, args())
    run_module(component, args(name="other"))
    result = run_module(component_info, {})
    assert not result["failed"], result["msg"]
    assert sorted({c["name"] for c in result["components"]}) == ["hello", "other"]
