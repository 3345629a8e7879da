# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Workflows: options -> request and comparable content, reconcile, retire, list."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core import documents
from .._core.paginate import list_filters
from .._core.transforms import to_snake
from .._reconcilers import versioned
from .._reconcilers.versioned import WORKFLOW
from .._reconcilers.versioned import VersionedReconciler
from . import workflow_documents

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

CONTENT_FIELDS = (("description", "description"), ("kms_key_id", "kmsKeyId"))


def parse_text(text: str) -> object:
    try:
        return documents.parse(text)
    except documents.DocumentError:
        return None


def load_document(module: ImageForgeModule) -> tuple:
    """(text, doc) of the task's data/src/uri; fails on any document fault before a write."""
    params = module.params
    what = f"the workflow document of {params['name']}"
    text = versioned.document_text(module, what)
    try:
        doc = documents.parse(text)
    except documents.DocumentError as exc:
        module.fail_json(msg=f"{what}: {exc}")
    problems = workflow_documents.validate(doc)
    if problems and params.get("validate", True):
        module.fail_json(msg=f"the workflow document of {params['name']} is not valid: {'; '.join(problems[:20])}",
                         problems=problems)
    if not params.get("uri") and len(text) > documents.INLINE_LIMIT:
        module.fail_json(msg=f"the workflow document of {params['name']} is {len(text)} characters; Image Builder "
                             f"accepts at most {documents.INLINE_LIMIT} inline. Store it in S3 and pass uri")
    return text, doc


def desired_content(doc: Any, params: dict) -> dict:
    content = {"data": doc}
    for option, key in CONTENT_FIELDS:
        if params.get(option) is not None:
            content[key] = params[option]
    return content


def content_of_resource(resource: dict, keys: tuple) -> dict:
    content = {}
    for key in keys:
        content[key] = parse_text(resource.get("data") or "") if key == "data" else resource.get(key)
    return content


def create_request(params: dict, text: str) -> dict:
    request = {"name": params["name"], "type": params["type"]}
    if params.get("uri"):
        request["uri"] = params["uri"]
    else:
        request["data"] = text
    for option, key in (*CONTENT_FIELDS, ("change_description", "changeDescription")):
        if params.get(option) is not None:
            request[key] = params[option]
    return request


def reconciler(module: ImageForgeModule, keys: tuple = ("data",)) -> VersionedReconciler:
    params = module.params
    return VersionedReconciler(module, WORKFLOW, params["name"], lambda r: content_of_resource(r, keys),
                               workflow_type=params["type"])


def ensure(module: ImageForgeModule) -> dict:
    params = module.params
    text, doc = load_document(module)
    desired = desired_content(doc, params)
    return versioned.ensure(module, reconciler(module, tuple(desired)), desired, create_request(params, text), "workflow")


def absent(module: ImageForgeModule) -> dict:
    return versioned.remove(module, reconciler(module))


def find(module: ImageForgeModule) -> dict:
    """workflow_info: build versions matching the filters, newest first, and the newest per workflow."""
    params = module.params
    builds = versioned.find(module, WORKFLOW, params.get("include_data"), list_filters(name=params.get("name")),
                            keep=lambda summary: not params.get("type") or summary.get("type") == params["type"])
    return {"workflows": [to_snake(b) for b in builds], "latest": versioned.latest(WORKFLOW, builds)}
