# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Components: options -> request and comparable content, shared by `component` and `role_component`."""

from __future__ import annotations

from typing import Any

from .._awstoe import awstoe
from .._core import documents
from .._core.paginate import list_filters
from .._core.transforms import to_snake
from .._reconcilers import versioned
from .._reconcilers.versioned import COMPONENT
from .._reconcilers.versioned import VersionedReconciler

# Options that, when the task sets them, are part of a component version's content.
CONTENT_FIELDS = (
    ("platform", "platform"),
    ("supported_os_versions", "supportedOsVersions"),
    ("description", "description"),
    ("kms_key_id", "kmsKeyId"),
)


def content_of_request(doc: Any, params: dict) -> dict:
    content = {"data": awstoe.as_toe_reads(doc)}
    for option, key in CONTENT_FIELDS:
        if params.get(option) is not None:
            value = params[option]
            content[key] = sorted(value) if isinstance(value, list) else value
    return content


def content_of_resource(resource: dict, keys: tuple) -> dict:
    """Project a GetComponent result onto the keys the task set, as data."""
    content = {}
    for key in keys:
        if key == "data":
            doc, _problems = awstoe.parse_document(resource.get("data") or "")
            content["data"] = awstoe.as_toe_reads(doc)
        else:
            value = resource.get(key)
            content[key] = sorted(value) if isinstance(value, list) else value
    return content


def load_document(module: Any) -> tuple:
    """(text, doc, uri_to_send) for the task's data/src/uri; fails on any document fault."""
    params = module.params
    text = versioned.document_text(module)
    doc, problems = awstoe.parse_and_validate(text, platform=params.get("platform"), check_inline_limit=False)
    if problems and params.get("validate", True):
        summary = "; ".join(str(p) for p in problems[:20])
        module.fail_json(msg=f"the component document of {params['name']} is not valid: {summary}", problems=[p.as_dict() for p in problems])
    if doc is None:
        module.fail_json(msg=f"the component document of {params['name']} is empty or unreadable")
    uri = params.get("uri")
    if not uri and len(text) > documents.INLINE_LIMIT:
        if not params.get("upload_bucket"):
            module.fail_json(
                msg=(
                    f"the document of {params['name']} is {len(text)} characters; Image Builder accepts at most "
                    f"{documents.INLINE_LIMIT} inline. Set upload_bucket to store it in S3, or pass uri"
                )
            )
        uri = documents.upload_if_needed(module, text, params["upload_bucket"], params.get("upload_prefix"), params["name"])
    return text, doc, uri


def create_request(params: dict, text: str, uri: str | None) -> dict:
    request = {"name": params["name"], "platform": params["platform"]}
    if uri:
        request["uri"] = uri
    else:
        request["data"] = text
    for option, key in (*CONTENT_FIELDS[1:], ("change_description", "changeDescription")):
        if params.get(option) is not None:
            request[key] = params[option]
    return request


def reconciler(module: Any, name: str, keys: tuple = ("data",)) -> VersionedReconciler:
    return VersionedReconciler(module, COMPONENT, name, lambda resource: content_of_resource(resource, keys))


def ensure_component(module: Any) -> dict:
    """state=present: reuse a version with the same content, or create one. Returns the exit_json dict."""
    params = module.params
    text, doc, uri = load_document(module)
    desired = content_of_request(doc, params)
    rec = reconciler(module, params["name"], tuple(desired))
    return versioned.ensure(module, rec, desired, create_request(params, text, uri), "component")


def remove_component(module: Any) -> dict:
    """state=absent: one version, or every version with all_versions; refused when a recipe uses one."""
    return versioned.remove(module, reconciler(module, module.params["name"]))


def find_components(module: Any) -> list:
    """component_info: the build versions that match the filters, by name, newest first."""
    params = module.params
    found = versioned.find(module, COMPONENT, params.get("include_data"), list_filters(name=params.get("name"), platform=params.get("platform")))
    return [to_snake(f) for f in found]
