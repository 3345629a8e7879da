# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWSTOE validator: the fixture corpus, the message format and robustness."""

from __future__ import annotations

import copy
import pathlib
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe import awstoe

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "unit" / "fixtures" / "awstoe"
VALID = sorted((FIXTURES / "valid").glob("*.yml"))
# documents that are not even well-formed YAML end in .yaml-invalid, so YAML linters leave them alone
INVALID = sorted([*(FIXTURES / "invalid").glob("*.yml"), *(FIXTURES / "invalid").glob("*.yaml-invalid")])


def _platform(text):
    match = re.search(r"^# platform: (\S+)", text, re.M)
    return match.group(1) if match else None


def _messages(text, platform=None):
    _doc, problems = awstoe.parse_and_validate(text, platform)
    return [str(p) for p in problems]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_documents_have_no_problems(path):
    text = path.read_text()
    assert _messages(text, _platform(text)) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_documents_report_the_expected_fault(path):
    text = path.read_text()
    expected = re.findall(r"^# expect: (.+)$", text, re.M)
    assert expected, "fixture has no '# expect:' line"
    messages = _messages(text, _platform(text))
    for fragment in expected:
        assert any(fragment in m for m in messages), (fragment, messages)


def test_corpus_is_large_enough():
    assert len(VALID) >= 10 and len(INVALID) >= 40


def test_problem_names_phase_step_and_fault():
    doc = {"schemaVersion": 1.0, "phases": [{"name": "build", "steps": [
        {"name": "InstallNginx", "action": "ExecuteBash", "inputs": {}}]}]}
    [problem] = awstoe.validate_document(doc)
    assert problem.path == "phases[build].steps[InstallNginx].inputs"
    assert problem.message == "action 'ExecuteBash' requires input 'commands'"
    assert str(problem) == "phase 'build', step 'InstallNginx': action 'ExecuteBash' requires input 'commands'"
    assert problem.as_dict()["text"] == str(problem)


def test_dict_and_text_give_the_same_problems():
    text = (FIXTURES / "invalid" / "missing-commands.yml").read_text()
    doc, from_text = awstoe.parse_and_validate(text)
    _same, from_dict = awstoe.parse_and_validate(doc)
    assert [str(p) for p in from_text] == [str(p) for p in from_dict]


def test_string_schema_version_is_accepted():
    doc = yaml.safe_load((FIXTURES / "valid" / "hello-world.yml").read_text())
    doc["schemaVersion"] = "1.0"
    assert awstoe.validate_document(doc) == []


def test_inline_data_limit_applies_to_text_and_dicts():
    doc = yaml.safe_load((FIXTURES / "valid" / "hello-world.yml").read_text())
    doc["description"] = "x" * awstoe.INLINE_DATA_LIMIT
    _doc, problems = awstoe.parse_and_validate(doc)
    assert any("at most 16000 inline" in str(p) for p in problems)
    _doc, problems = awstoe.parse_and_validate(awstoe.serialize(doc))
    assert any("upload it to S3" in str(p) for p in problems)
    _doc, problems = awstoe.parse_and_validate(doc, check_inline_limit=False)
    assert problems == []


def test_yaml_error_reports_line_number():
    _doc, problems = awstoe.parse_and_validate("schemaVersion: 1.0\nphases: [\n  - a\n")
    assert len(problems) == 1 and problems[0].path.startswith("line ")
    assert "YAML syntax error at line" in str(problems[0])


def test_non_utf8_bytes_are_a_problem():
    _doc, problems = awstoe.parse_and_validate(b"\xff\xfe schemaVersion")
    assert "not UTF-8" in str(problems[0])


def test_windows_rejects_linux_only_file_inputs():
    doc = {"schemaVersion": 1.0, "phases": [{"name": "build", "steps": [
        {"name": "Dir", "action": "CreateFolder", "inputs": [{"path": "C:\\x", "owner": "me"}]}]}]}
    assert awstoe.validate_document(doc) == []
    messages = [str(p) for p in awstoe.validate_document(doc, "Windows")]
    assert messages == ["phase 'build', step 'Dir': input 'owner' of CreateFolder is not supported on Windows"]


def test_unknown_platform_is_reported():
    doc = yaml.safe_load((FIXTURES / "valid" / "hello-world.yml").read_text())
    assert "platform 'Solaris' is not one of" in str(awstoe.validate_document(doc, "Solaris")[0])


def test_go_templates_in_commands_are_not_references():
    doc = {"schemaVersion": 1.0, "phases": [{"name": "build", "steps": [
        {"name": "Inspect", "action": "ExecuteBash",
         "inputs": {"commands": ["docker inspect -f '{{ .State.Running }}' web"]}}]}]}
    assert awstoe.validate_document(doc) == []


@pytest.mark.parametrize("doc", [None, [], 42, "text", 1.5, True, {}, {"phases": None},
                                 {"schemaVersion": 1.0, "phases": [None, 3, {"name": None}]},
                                 {"schemaVersion": 1.0, "phases": [{"name": "build", "steps": [{}]}]},
                                 {1: 2, (1, 2): "tuple key"}, {"schemaVersion": 1.0, "parameters": "x"}])
def test_malformed_documents_give_problems_not_exceptions(doc):
    problems = awstoe.validate_document(doc)
    assert problems and all(isinstance(p, awstoe.Problem) and str(p) for p in problems)


@pytest.mark.parametrize("text", ["", "   ", "~", "[" * 20000, "a: &a [*a]", "\x00\x01", "ẞ: ☃\n🚀: [",
                                  "- " * 5000 + "x", "{" * 3000 + "}" * 3000, "schemaVersion: !!python/object:os.system x"])
def test_hostile_text_gives_problems_not_exceptions(text):
    _doc, problems = awstoe.parse_and_validate(text)
    assert problems and all(isinstance(p, awstoe.Problem) for p in problems)


def test_deeply_nested_inputs_do_not_crash():
    nested = "x"
    for _level in range(5000):
        nested = [nested]
    doc = {"schemaVersion": 1.0, "phases": [{"name": "build", "steps": [
        {"name": "Deep", "action": "ExecuteBash", "inputs": {"commands": nested}}]}]}
    problems = awstoe.validate_document(doc)
    assert problems and "commands" in str(problems[0])


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                     st.text(max_size=20), st.sampled_from(["build", "ExecuteBash", "{{ loop.value }}",
                                                            "{{ build.A.outputs.stdout }}", "{{ X }}", "1.0"]))
_keys = st.one_of(st.text(max_size=12), st.sampled_from(
    ["name", "action", "inputs", "loop", "if", "steps", "phases", "schemaVersion", "for", "forEach",
     "start", "end", "updateBy", "and", "not", "value", "commands", "timeoutSeconds", "parameters"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_keys, inner, max_size=4)),
                       max_leaves=30)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values)
def test_random_structures_never_raise(doc):
    problems = awstoe.validate_document(doc)
    assert all(isinstance(p, awstoe.Problem) for p in problems)
    assert not any("validator could not check" in str(p) for p in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VALID), st.lists(st.tuples(st.integers(0, 10**6), _values), min_size=1, max_size=3))
def test_mutated_valid_documents_never_raise(path, mutations):
    doc = yaml.safe_load(path.read_text())
    for seed, value in mutations:
        target = doc
        for _hop in range(seed % 6):  # walk a seeded path into the document, then replace a node
            children = list(target.items()) if isinstance(target, dict) else list(enumerate(target)) \
                if isinstance(target, list) else []
            if not children:
                break
            key, child = children[seed % len(children)]
            if not isinstance(child, (dict, list)):
                target[key] = copy.deepcopy(value)
                break
            target = child
    problems = awstoe.validate_document(doc)
    assert all(isinstance(p, awstoe.Problem) and str(p) for p in problems)
    assert not any("validator could not check" in str(p) for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_raises(text):
    _doc, problems = awstoe.parse_and_validate(text)
    assert all(isinstance(p, awstoe.Problem) for p in problems)
