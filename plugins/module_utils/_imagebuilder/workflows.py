# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Workflows: options -> request and comparable content, reconcile, retire, list."""

from __future__ import annotations

from .._core import documents
from . import workflow_documents
from .._core.errors import AWS_ERRORS
from .._reconcilers.families import WORKFLOW
from .._core.paginate import list_filters
from .._core.paginate import paginate
from .._reconcilers.retirement import check_retention
from .._reconcilers.retirement import remove
from .._reconcilers.retirement import retain
from .._core.transforms import canonical_json
from .._core.transforms import to_snake
from .._reconcilers.versioned import VersionedReconciler
from .._core.versions import VersionError
from .._core.versions import VersionSpec
from .._core.versions import parse_version

CONTENT_FIELDS = (("description", "description"), ("kms_key_id", "kmsKeyId"))


class WorkflowReconciler(VersionedReconciler):
    """Workflow names are scoped by type: build/x and test/x are different workflows."""

    def __init__(self, module, workflow_type, name, content_of):
        super().__init__(module, WORKFLOW, name, content_of, render)
        self.workflow_type = workflow_type

    def owns(self, item):
        return item.get("name") == self.name and f":workflow/{self.workflow_type.lower()}/" in item["arn"]

    def arn_type(self):
        return f"workflow/{self.workflow_type.lower()}"


def render(content):
    return documents.dump(content) if documents.HAS_YAML else canonical_json(content)


def check_params(module):
    params = module.params
    try:
        VersionSpec(params.get("version"))
    except VersionError as exc:
        module.fail_json(msg=f"version: {exc}")
    check_retention(module)


def parse_text(text):
    try:
        return documents.parse(text)
    except documents.DocumentError:
        return None


def load_document(module):
    """(text, doc) of the task's data/src/uri; fails on any document fault before a write."""
    params = module.params
    try:
        if params.get("uri"):
            documents.split_s3_uri(params["uri"])
            text = documents.read_s3(module, params["uri"])
        else:
            text = documents.load_text(params.get("data"), params.get("src"))
        doc = documents.parse(text)
    except documents.DocumentError as exc:
        module.fail_json(msg=f"the workflow document of {params['name']}: {exc}")
    problems = workflow_documents.validate(doc)
    if problems and params.get("validate", True):
        module.fail_json(msg=f"the workflow document of {params['name']} is not valid: {'; '.join(problems[:20])}",
                         problems=problems)
    if not params.get("uri") and len(text) > documents.INLINE_LIMIT:
        module.fail_json(msg=f"the workflow document of {params['name']} is {len(text)} characters; Image Builder "
                             f"accepts at most {documents.INLINE_LIMIT} inline. Store it in S3 and pass uri")
    return text, doc


def desired_content(doc, params):
    content = {"data": doc}
    for option, key in CONTENT_FIELDS:
        if params.get(option) is not None:
            content[key] = params[option]
    return content


def content_of_resource(resource, keys):
    content = {}
    for key in keys:
        content[key] = parse_text(resource.get("data") or "") if key == "data" else resource.get(key)
    return content


def create_request(params, text):
    request = {"name": params["name"], "type": params["type"]}
    if params.get("uri"):
        request["uri"] = params["uri"]
    else:
        request["data"] = text
    for option, key in CONTENT_FIELDS + (("change_description", "changeDescription"),):
        if params.get(option) is not None:
            request[key] = params[option]
    return request


def reconciler(module, keys=("data",)):
    params = module.params
    return WorkflowReconciler(module, params["type"], params["name"], lambda r: content_of_resource(r, keys))


def ensure(module):
    params = module.params
    text, doc = load_document(module)
    desired = desired_content(doc, params)
    rec = reconciler(module, tuple(desired))
    outcome = rec.ensure(params["version"], desired, create_request(params, text), params.get("tags"), params["purge_tags"])
    resource = outcome["resource"]
    result = dict(changed=outcome["changed"], created=outcome["created"], arn=outcome["arn"], version=outcome["version"],
                  workflow=to_snake(resource) if resource else {})
    if outcome.get("diff"):
        result["diff"] = outcome["diff"]
    if params.get("retain_versions"):
        deleted, kept = retain(module, rec, outcome, params["retain_versions"])
        result.update(deleted=deleted, kept_in_use=kept, changed=result["changed"] or bool(deleted))
    return result


def absent(module):
    return remove(module, reconciler(module))


def find(module):
    """workflow_info: build versions matching the filters, newest first, and the newest per workflow."""
    params = module.params
    client = module.imagebuilder
    spec = VersionSpec(params["version"]) if params.get("version") else None
    try:
        versions = paginate(client, WORKFLOW.list_op, WORKFLOW.list_key, owner=params["owner"],
                            **list_filters(name=params.get("name")))
        versions = [v for v in versions if (spec is None or spec.matches(v["version"]))
                    and (not params.get("type") or v.get("type") == params["type"])]
        builds = []
        for version in versions:
            builds += paginate(client, WORKFLOW.builds_op, WORKFLOW.builds_key, workflowVersionArn=version["arn"])
    except AWS_ERRORS as exc:
        module.fail_aws(exc, "list workflows")
    builds.sort(key=_newest_first)
    if params.get("include_data"):
        builds = [module.call(client, WORKFLOW.get_op, f"read workflow {b['arn']}", workflowBuildVersionArn=b["arn"])["workflow"]
                  for b in builds]
    latest = {}
    for build in builds:
        key = (build.get("type"), build["name"])
        latest.setdefault(key, {"name": build["name"], "type": build.get("type"), "version": build["version"], "arn": build["arn"]})
    return [to_snake(b) for b in builds], list(latest.values())


def _newest_first(summary):
    return (summary.get("type") or "", summary["name"], tuple(-p for p in parse_version(summary["version"])),
            -int(summary["arn"].rsplit("/", 1)[1]))
