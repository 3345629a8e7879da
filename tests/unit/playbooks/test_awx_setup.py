"""playbooks/awx_setup.yml and the AWX playbooks: surveys, job templates, workflow, module options.

No AWX server runs here: these tests check what AWX would receive, not AWX's answers.
"""

import pathlib
import re
import sys

import jinja2
import pytest
import yaml

import ansible_collections.awx.awx.plugins.modules as awx_modules

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests/awx"))
import awx_model  # noqa: E402  (AWX's survey and workflow rules, shared with the AWX stage)

PLAYBOOKS = ROOT / "playbooks"
SETUP = yaml.safe_load((PLAYBOOKS / "awx_setup.yml").read_text())[0]
VARS = SETUP["vars"]
SURVEY_TYPES = {"text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect"}
AWX_PLAYBOOKS = ["pipeline.yml", "build.yml", "share.yml", "cleanup.yml", "validate.yml", "harden.yml"]


def render(value):
    if isinstance(value, str):
        return jinja2.Environment().from_string(value).render(**VARS)
    return value


def playbook_text(path):
    """The playbook and the task files it includes, where the variables are read."""
    text = (ROOT / path).read_text()
    for included in re.findall(r"include_tasks: (tasks/\S+\.yml)", text):
        text += (PLAYBOOKS / included).read_text()
    if "imageforge.image_builder.image_pipeline" in text:
        text += "".join(p.read_text() for p in (ROOT / "roles/image_pipeline").rglob("*.yml"))
    return text


def templates():
    return {t["name"]: t for t in VARS["awx_job_templates"]}


@pytest.mark.parametrize("template", VARS["awx_job_templates"], ids=lambda t: t["name"])
def test_each_survey_question_is_valid_and_read_by_its_playbook(template):
    spec = VARS["awx_common_survey"] + template["survey"]
    assert (ROOT / template["playbook"]).is_file()
    variables = [q["variable"] for q in spec]
    assert len(variables) == len(set(variables)), "a variable is asked twice"
    text = playbook_text(template["playbook"])
    for question in spec:
        assert question["type"] in SURVEY_TYPES
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", question["variable"])
        assert question["question_name"] and "required" in question
        assert re.search(rf"\b{question['variable']}\b", text), f"{template['playbook']} never reads {question['variable']}"
        default = render(question.get("default"))
        if question["type"] == "multiplechoice":
            assert default in question["choices"]
        if question["type"] == "integer" and default not in (None, ""):
            assert question["min"] <= int(default) <= question["max"]
        if question["type"] in ("text", "textarea") and default:
            assert question.get("min", 0) <= len(default) <= question.get("max", 1024)
        if question["required"] and question["type"] != "integer":
            assert default not in (None, ""), f"{question['variable']}: a required question needs a default"


def test_the_default_definition_file_exists():
    default = render(VARS["awx_common_survey"][0]["default"])
    assert (PLAYBOOKS / default).is_file()
    assert "image_pipeline_definition" in yaml.safe_load((PLAYBOOKS / default).read_text())


def test_build_share_and_cleanup_have_job_templates_with_surveys():
    names = {t["playbook"] for t in VARS["awx_job_templates"] if t["survey"]}
    assert {"playbooks/build.yml", "playbooks/share.yml", "playbooks/cleanup.yml"} <= names


def test_the_workflow_is_build_then_validate_then_approval_then_share():
    nodes = {n["identifier"]: n for n in VARS["awx_workflow"]["nodes"]}
    order, node = [], nodes["build"]
    while node:
        order.append(node.get("job_template") or "approval")
        node = nodes.get(node.get("success"))
    assert order == ["imageforge build", "imageforge validate", "approval", "imageforge share"]
    assert set(nodes["approve"]["approval"]) == {"name", "description", "timeout"}
    for node in nodes.values():
        if "approval" in node:
            continue
        assert node["job_template"] in templates()
        text = playbook_text(templates()[node["job_template"]]["playbook"])
        for variable in node.get("extra_data", {}):
            assert re.search(rf"\b{variable}\b", text)
    # the workflow shares in its own step, so the build step must not
    assert nodes["build"]["extra_data"] == {"build_share": "false"}


def test_workflow_extra_data_passes_the_job_templates_survey():
    # AWX checks a node's extra_data against the template's survey and drops a wrong answer silently
    # (workflow.py, WorkflowJobNode.get_job_kwargs): a boolean false for a "true"/"false" choice is dropped.
    for node in VARS["awx_workflow"]["nodes"]:
        if "job_template" in node:
            spec = awx_model.survey(node["job_template"])
            for question in spec["spec"]:
                assert awx_model.answer_errors(question, node.get("extra_data", {})) in ([], [f"'{question['variable']}' value missing"])
            assert awx_model.accepted(spec, node.get("extra_data", {})) == node.get("extra_data", {})


@pytest.mark.parametrize("template", VARS["awx_job_templates"], ids=lambda t: t["name"])
def test_each_survey_passes_awxs_survey_spec_checks(template):
    assert awx_model.spec_errors(awx_model.survey(template["name"])) == []


@pytest.mark.parametrize("broken, error", [
    ({"type": "integer", "default": "7200"}, "default '7200' must be a int"),
    ({"type": "multiplechoice", "choices": ["true", "false"], "default": "yes"}, "is not among the choices"),
    ({"type": "multiplechoice", "default": "true"}, "must list choices"),
    ({"type": "integer", "min": "0"}, "'min' must be an integer"),
    ({"type": "boolean"}, "is not one of"),
    ({"required": "yes"}, "'required' must be a boolean"),
])
def test_the_survey_spec_checks_catch_what_awx_refuses(broken, error):
    question = {"variable": "x", "question_name": "X", "type": "text", "required": True, **broken}
    errors = awx_model.spec_errors({"name": "n", "description": "d", "spec": [question]})
    assert any(error in e for e in errors), errors


def module_options(name):
    doc = yaml.safe_load(getattr(__import__(f"{awx_modules.__name__}.{name}", fromlist=["DOCUMENTATION"]), "DOCUMENTATION"))
    options = set(doc["options"])
    for fragment in ("controller_host", "controller_username", "controller_password", "controller_oauthtoken", "validate_certs"):
        options.add(fragment)
    return options


def test_every_awx_task_uses_only_real_module_options():
    used = 0
    for task in SETUP["tasks"]:
        for key, args in task.items():
            if key.startswith("awx.awx."):
                name = key.split(".")[-1]
                unknown = set(args) - module_options(name)
                assert not unknown, f"{task['name']}: {name} has no option {unknown}"
                used += 1
    assert used >= 6


def test_awx_setup_holds_no_secret_and_reads_the_controller_from_the_environment():
    text = (PLAYBOOKS / "awx_setup.yml").read_text()
    for word in ("controller_password", "controller_oauthtoken", "secret_key", "access_key", "password:"):
        assert word not in text


@pytest.mark.parametrize("name", AWX_PLAYBOOKS)
def test_awx_playbooks_say_what_they_do_and_take_credentials_from_the_environment(name):
    text = (PLAYBOOKS / name).read_text()
    header = text.split("\n- name:", 1)[0]
    assert header.count("\n#") >= 3, "a header comment says what the playbook does"
    assert "AWX" in header
    for word in ("access_key", "secret_key", "session_token", "aws_access_key_id", "aws_profile"):
        assert word not in text.lower()
    play = yaml.safe_load(text)[0]
    if play["hosts"] == "localhost":
        assert "lookup('ansible.builtin.env', 'AWS_REGION') | default('us-east-1', true)" in play["vars"]["aws_region"]
        aws = play["module_defaults"]["group/imageforge.image_builder.aws"]
        assert aws == {"endpoint_url": "{{ aws_endpoint_url | default(omit) }}", "region": "{{ aws_region }}"}


@pytest.mark.parametrize("path", sorted((PLAYBOOKS / "vars").glob("*.yml")), ids=lambda p: p.name)
def test_example_variable_files_are_yaml_dicts(path):
    assert isinstance(yaml.safe_load(path.read_text()), dict)
