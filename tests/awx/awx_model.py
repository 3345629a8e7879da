"""What AWX does around a job, without AWX: survey rules, extra-vars precedence, credential injection,
the private data directory, ansible-runner in the execution environment, and artifacts between workflow jobs.

Each rule names the AWX source it follows (github.com/ansible/awx):
- survey spec schema: awx/api/views/__init__.py, JobTemplateSurveySpec._validate_spec_data
- survey answers: awx/main/models/mixins.py, SurveyJobTemplateMixin._survey_element_validation
- job extra vars: mixins.py, _update_unified_job_kwargs (JT extra_vars < survey defaults < launch extra vars)
- workflow nodes: awx/main/models/workflow.py, WorkflowJobNode.get_job_kwargs (node extra_data, checked
  against the JT survey and dropped when wrong < ancestor artifacts < workflow job extra vars)
- AWS credential: awx/main/models/credential/injectors.py, aws() (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
  AWS_SECURITY_TOKEN)
- artifacts: the set_stats data of the playbook_on_stats event (artifact_data) that ansible-runner writes
"""

import json
import pathlib
import shutil
import subprocess
from dataclasses import dataclass, field

import jinja2
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
SETUP = yaml.safe_load((ROOT / "playbooks/awx_setup.yml").read_text())[0]
SETUP_VARS = SETUP["vars"]
SURVEY_TYPES = {"text": str, "textarea": str, "password": str, "multiplechoice": str, "multiselect": str,
                "integer": int, "float": float}


def render(value):
    """awx_setup.yml's own templating of a default (the values it sends to AWX)."""
    if isinstance(value, str) and "{{" in value:
        return jinja2.Environment().from_string(value).render(**SETUP_VARS)
    return value


def template(name):
    found = [t for t in SETUP_VARS["awx_job_templates"] if t["name"] == name]
    assert found, f"awx_setup.yml has no job template {name}"
    return found[0]


def survey(name):
    """The survey spec that awx_setup.yml sends for a job template, defaults rendered."""
    spec = [dict(q, default=render(q["default"])) if "default" in q else dict(q)
            for q in SETUP_VARS["awx_common_survey"] + template(name)["survey"]]
    return {"name": name, "description": template(name)["description"], "spec": spec}


def spec_errors(survey_spec):
    """AWX's checks of a survey spec when it is saved."""
    errors = []
    for key, kind in (("name", str), ("description", str), ("spec", list)):
        if not isinstance(survey_spec.get(key), kind):
            errors.append(f"'{key}' must be a {kind.__name__}")
    if not survey_spec.get("spec"):
        return errors + ["'spec' has no questions"]
    seen = set()
    for idx, question in enumerate(survey_spec["spec"]):
        where = f"question {idx} ({question.get('variable')})"
        for key in ("type", "question_name", "variable", "required"):
            if key not in question:
                errors.append(f"{where}: '{key}' missing")
        if not isinstance(question.get("required"), bool):
            errors.append(f"{where}: 'required' must be a boolean")
        if question.get("variable") in seen:
            errors.append(f"{where}: variable duplicated")
        seen.add(question.get("variable"))
        qtype = question.get("type")
        if qtype not in SURVEY_TYPES:
            errors.append(f"{where}: type {qtype} is not one of {sorted(SURVEY_TYPES)}")
            continue
        default = question.get("default", "")
        if default != "" and (not isinstance(default, SURVEY_TYPES[qtype]) or isinstance(default, bool)):
            errors.append(f"{where}: default {default!r} must be a {SURVEY_TYPES[qtype].__name__}")
        for key in ("min", "max"):
            if question.get(key) is not None and not isinstance(question[key], int):
                errors.append(f"{where}: '{key}' must be an integer")
        if qtype in ("multiplechoice", "multiselect"):
            choices = question.get("choices")
            if not choices:
                errors.append(f"{where}: a {qtype} question must list choices")
                continue
            choices = choices.splitlines() if isinstance(choices, str) else choices
            defaults = default.splitlines() if isinstance(default, str) else default
            if qtype == "multiplechoice" and len(defaults) > 1:
                errors.append(f"{where}: a multiplechoice question has one default")
            if any(d not in choices for d in defaults):
                errors.append(f"{where}: default {default!r} is not among the choices")
    return errors


def answer_errors(question, data):
    """AWX's check of one survey answer (launch time, and for workflow node extra_data)."""
    name = question["variable"]
    if name not in data:
        return [f"'{name}' value missing"] if question["required"] else []
    value, qtype = data[name], question["type"]
    low, high = question.get("min"), question.get("max")
    if qtype in ("text", "textarea", "password"):
        if not isinstance(value, str):
            return [f"Value {value} for '{name}' expected to be a string."]
        if low not in ("", None) and len(value) < int(low) or high not in ("", None) and len(value) > int(high):
            return [f"'{name}' value {value} has a length outside {low}..{high}"]
    elif qtype in ("integer", "float"):
        kinds = (int,) if qtype == "integer" else (int, float)
        if not isinstance(value, kinds) or isinstance(value, bool):
            return [f"Value {value} for '{name}' expected to be {'an integer' if qtype == 'integer' else 'a numeric type'}."]
        if low not in ("", None) and value < low or high not in ("", None) and value > high:
            return [f"'{name}' value {value} is outside {low}..{high}"]
    elif qtype == "multiselect":
        if not isinstance(value, list):
            return [f"'{name}' value is expected to be a list."]
        return [f"Value {v} for '{name}' expected to be one of {question['choices']}." for v in value if v not in question["choices"]]
    elif qtype == "multiplechoice" and value not in question["choices"]:
        return [f"Value {value} for '{name}' expected to be one of {question['choices']}."]
    return []


def survey_defaults(survey_spec):
    defaults = {}
    for question in survey_spec["spec"]:
        if question.get("default") is not None and not answer_errors(question, {question["variable"]: question["default"]}):
            defaults[question["variable"]] = question["default"]
    return defaults


def accepted(survey_spec, extra):
    """The extra vars a job template accepts from a prompt (ask_variables_on_launch): wrong answers dropped."""
    out = dict(extra)
    for question in survey_spec["spec"]:
        if question["variable"] in out and answer_errors(question, out):
            out.pop(question["variable"])
    return out


def job_extra_vars(name, launch_vars):
    """The extra vars of a job launched from job template `name` with launch-time extra vars."""
    return {**survey_defaults(survey(name)), **launch_vars}


@dataclass
class Job:
    name: str
    rc: int
    status: str
    stdout: str
    extra_vars: dict
    stats: dict = field(default_factory=dict)

    @property
    def artifacts(self):
        return self.stats.get("artifact_data", {})

    def count(self, key):
        return sum(self.stats.get(key, {}).values())


class Controller:
    """Runs job templates and the workflow of awx_setup.yml as AWX would, in an execution environment."""

    def __init__(self, ee, work, endpoint, job_vars=None):
        self.ee, self.work, self.endpoint = ee, pathlib.Path(work), endpoint
        self.job_vars = job_vars or {}
        self.jobs = 0

    def envvars(self):
        # what AWX's "Amazon Web Services" credential injects, plus the endpoint (a custom credential type
        # would inject it on a controller that talks to an AWS-compatible endpoint)
        return {"AWS_ACCESS_KEY_ID": "AKIAIMAGEFORGEAWX", "AWS_SECRET_ACCESS_KEY": "awx-secret",
                "AWS_SECURITY_TOKEN": "awx-session-token", "AWS_ENDPOINT_URL": self.endpoint,
                # the EE image installs collections in /usr/share/ansible/collections, a default path; the venv
                # stand-in names its own, as AWX also sets ANSIBLE_COLLECTIONS_PATHS for a job
                "ANSIBLE_COLLECTIONS_PATH": self.ee["collections_path"],
                "ANSIBLE_HOST_KEY_CHECKING": "False", "ANSIBLE_RETRY_FILES_ENABLED": "False",
                "ANSIBLE_NOCOLOR": "1"}

    def private_data_dir(self, playbook_vars):
        self.jobs += 1
        pdd = self.work / f"job-{self.jobs}"
        shutil.rmtree(pdd, ignore_errors=True)
        shutil.copytree(ROOT / "playbooks", pdd / "project", ignore=shutil.ignore_patterns("__pycache__"))
        (pdd / "inventory").mkdir(parents=True)
        host = SETUP["tasks"][[t["name"] for t in SETUP["tasks"]].index("The controller as localhost")]["awx.awx.host"]
        host_vars = {k: render(v) for k, v in host["variables"].items()}
        (pdd / "inventory/hosts.json").write_text(json.dumps({"all": {"hosts": {host["name"]: host_vars}}}))
        (pdd / "env").mkdir()
        (pdd / "env/extravars").write_text(json.dumps(playbook_vars))
        (pdd / "env/envvars").write_text(json.dumps(self.envvars()))
        return pdd

    def run(self, playbook, extra_vars, name=None):
        pdd = self.private_data_dir(extra_vars)
        bin_dir = self.ee["bin"]
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(pdd), "LANG": "C.UTF-8"}
        done = subprocess.run([f"{bin_dir}/ansible-runner", "run", str(pdd), "-p", playbook, "--ident", "job"],
                              env=env, capture_output=True, text=True, check=False)
        artifacts = pdd / "artifacts/job"
        stats = {}
        for event in sorted((artifacts / "job_events").glob("*.json")):
            data = json.loads(event.read_text())
            if data.get("event") == "playbook_on_stats":
                stats = data["event_data"]
        status = (artifacts / "status").read_text().strip() if (artifacts / "status").exists() else "error"
        stdout = (artifacts / "stdout").read_text() if (artifacts / "stdout").exists() else done.stdout
        return Job(name or playbook, done.returncode, status, stdout + done.stderr, extra_vars, stats)

    def launch(self, name, launch_vars=None):
        """A job from a job template: survey defaults, then the launch-time extra vars."""
        extra = job_extra_vars(name, {**self.job_vars, **(launch_vars or {})})
        return self.run(pathlib.Path(template(name)["playbook"]).name, extra, name)

    def workflow(self, workflow_vars=None, approve=lambda node, artifacts: True):
        """The workflow of awx_setup.yml: node after node on success, artifacts passed down; an approval node
        asks approve(node, artifacts so far) and a denial ends the workflow there."""
        nodes = {n["identifier"]: n for n in SETUP_VARS["awx_workflow"]["nodes"]}
        targets = {n.get("success") for n in nodes.values()}
        node = nodes[next(i for i in nodes if i not in targets)]
        common = {"name": "workflow", "description": "", "spec": [
            dict(q, default=render(q["default"])) for q in SETUP_VARS["awx_common_survey"]]}
        workflow_extra = {**survey_defaults(common), **(workflow_vars or {})}
        artifacts, jobs = {}, []
        while node:
            if "approval" in node:
                if not approve(node, dict(artifacts)):
                    break
            else:
                spec = survey(node["job_template"])
                extra = {**accepted(spec, node.get("extra_data", {})), **artifacts, **workflow_extra}
                job = self.run(pathlib.Path(template(node["job_template"])["playbook"]).name,
                               {**survey_defaults(spec), **self.job_vars, **extra}, node["job_template"])
                jobs.append(job)
                if job.rc != 0:
                    break
                artifacts.update(job.artifacts)
            node = nodes.get(node.get("success"))
        return jobs
