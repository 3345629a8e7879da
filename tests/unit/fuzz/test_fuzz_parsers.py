"""Adversarial input for the parsers every module relies on: workflow documents, versions, ARNs.

Each either answers or raises its own error with a message; never another exception."""

import copy
import math

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from ansible_collections.imageforge.image_builder.plugins.module_utils._core import arns
from ansible_collections.imageforge.image_builder.plugins.module_utils._core import versions
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_documents import STEP_ACTIONS
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder.workflow_documents import validate

BOUNDED = settings(max_examples=100, deadline=None, derandomize=True)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=True), st.text(max_size=20),
                    st.sampled_from(["$.stepOutputs.Launch.instanceId", "$.parameters.p", "$.stepOutputs.", "1.0",
                                     "Abort", "Continue", "LaunchInstance", "steps", "name"]))
YAML_LIKE = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(
        ["name", "action", "inputs", "if", "onFailure", "timeoutSeconds", "type", "value", "steps", "parameters",
         "outputs", "schemaVersion"])), inner, max_size=5)), max_leaves=15)
STEP = st.fixed_dictionaries({"name": st.one_of(st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{1,20}", fullmatch=True), YAML_LIKE),
                              "action": st.one_of(st.sampled_from(sorted(STEP_ACTIONS)), YAML_LIKE)},
                             optional={"onFailure": YAML_LIKE, "inputs": YAML_LIKE, "if": YAML_LIKE,
                                       "timeoutSeconds": YAML_LIKE, "rollbackEnabled": YAML_LIKE})
DOCUMENT = st.one_of(YAML_LIKE, st.fixed_dictionaries(
    {"schemaVersion": st.one_of(st.just(1.0), YAML_LIKE), "steps": st.one_of(st.lists(STEP, max_size=4), YAML_LIKE)},
    optional={"parameters": st.one_of(st.lists(YAML_LIKE, max_size=3), YAML_LIKE), "outputs": YAML_LIKE,
              "description": YAML_LIKE, "name": YAML_LIKE}))
GOOD = {"schemaVersion": 1.0, "steps": [{"name": "Launch", "action": "LaunchInstance"},
                                        {"name": "Image", "action": "CreateImage",
                                         "inputs": {"instanceId.$": "$.stepOutputs.Launch.instanceId"}}]}


@BOUNDED
@given(DOCUMENT)
def test_workflow_validator_lists_problems_for_any_document(document):
    before = copy.deepcopy(document)
    problems = validate(document)
    assert isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)
    # untouched; a bare NaN never equals its copy (NaN inside a container compares by identity, so it does)
    assert document == before or (isinstance(document, float) and math.isnan(document))


@BOUNDED
@given(st.sampled_from(["schemaVersion", "steps", "name", "action", "onFailure", "timeoutSeconds", "inputs"]), YAML_LIKE)
def test_one_bad_field_in_a_good_workflow_is_named(field, value):
    document = copy.deepcopy(GOOD)
    target = document if field in ("schemaVersion", "steps") else document["steps"][1]
    target[field] = value
    problems = validate(document)
    assert isinstance(problems, list)
    if problems and field not in ("inputs",):
        assert any(field in p or "step" in p for p in problems), problems


@BOUNDED
@given(st.one_of(st.text(max_size=30), st.from_regex(r"[0-9x]{1,12}\.[0-9x]{1,12}\.[0-9x]{1,12}", fullmatch=True),
                 st.integers(), st.none(), st.floats()))
def test_versions_parse_or_say_why(text):
    try:
        parts = versions.parse_version(text)
    except versions.VersionError as exc:
        assert str(exc)
    else:
        assert versions.format_version(parts) == text and all(0 <= p <= versions.MAX_PART for p in parts)
    try:
        spec = versions.VersionSpec(text)
    except versions.VersionError as exc:
        assert "version" in str(exc)
    else:
        assert spec.is_exact or spec.text == "auto" or spec.prefix


VERSION = st.tuples(*[st.integers(0, 50)] * 3).map(versions.format_version)


@BOUNDED
@given(st.sampled_from(["auto", "1.x.x", "2.3.x", "0.0.7", "1.0.0"]), st.lists(VERSION, max_size=8))
def test_next_version_is_new_and_matches_the_spec(text, existing):
    spec = versions.VersionSpec(text)
    chosen = versions.parse_version(spec.next_version(existing))
    assert spec.text == "auto" or spec.matches(chosen)
    if not spec.is_exact:
        assert versions.format_version(chosen) not in existing
    assert spec.candidates(existing) == sorted(spec.candidates(existing), key=versions.parse_version, reverse=True)


NAME = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,30}", fullmatch=True)
REGION = st.sampled_from(["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1"])
ACCOUNT = st.one_of(st.from_regex(r"[0-9]{12}", fullmatch=True), st.just("aws"))


@BOUNDED
@given(st.one_of(st.text(max_size=120), st.none(), st.integers(),
                 st.builds(lambda a, b: a + b, st.just("arn:aws:imagebuilder:"), st.text(max_size=80))))
def test_arns_parse_or_say_why(text):
    try:
        parts = arns.parse_arn(text)
    except arns.ArnError as exc:
        assert "ARN" in str(exc)
    else:
        assert parts["type"] and parts["name"] and (parts["build"] is None or parts["version"])
        assert arns.is_imagebuilder_arn(text)


@BOUNDED
@given(st.sampled_from(["component", "image-recipe", "image"]), NAME, REGION, ACCOUNT,
       st.one_of(st.none(), VERSION), st.one_of(st.none(), st.integers(1, 10**6)))
def test_built_arns_parse_back(kind, name, region, account, version, build):
    text = arns.build_arn(kind, name, region, account, version, build if version else None)
    parts = arns.parse_arn(text)
    assert (parts["type"], parts["name"], parts["region"], parts["account"], parts["version"]) == (kind, name, region, account, version)
    assert arns.version_arn(arns.version_arn(text)) == arns.version_arn(text)
