# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Components: options -> request and comparable content, shared by `component` and `role_component`."""

from __future__ import annotations

from .._awstoe import awstoe
from .._core import documents
from .._core.errors import AWS_ERRORS
from .._reconcilers.families import COMPONENT
from .._core.paginate import list_filters
from .._core.paginate import paginate
from .._reconcilers.retirement import remove
from .._core.transforms import to_snake
from .._reconcilers.versioned import VersionedReconciler
from .._core.versions import VersionError
from .._core.versions import VersionSpec
from .._core.versions import parse_version

# Options that, when the task sets them, are part of a component version's content.
CONTENT_FIELDS = (
    ("platform", "platform"),
    ("supported_os_versions", "supportedOsVersions"),
    ("description", "description"),
    ("kms_key_id", "kmsKeyId"),
)


def content_of_request(doc, params):
    content = {"data": awstoe.as_toe_reads(doc)}
    for option, key in CONTENT_FIELDS:
        if params.get(option) is not None:
            value = params[option]
            content[key] = sorted(value) if isinstance(value, list) else value
    return content


def content_of_resource(resource, keys):
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


def check_params(module):
    """Every input fault, found before the first API call."""
    params = module.params
    try:
        VersionSpec(params.get("version"))
    except VersionError as exc:
        module.fail_json(msg=f"version: {exc}")
    if params.get("retain_versions") is not None and params["retain_versions"] < 1:
        module.fail_json(msg="retain_versions must be 1 or more")


def load_document(module):
    """(text, doc, uri_to_send) for the task's data/src/uri; fails on any document fault."""
    params = module.params
    try:
        if params.get("uri"):
            documents.split_s3_uri(params["uri"])
            text = documents.read_s3(module, params["uri"])
        else:
            text = documents.load_text(params.get("data"), params.get("src"))
    except documents.DocumentError as exc:
        module.fail_json(msg=str(exc))
    doc, problems = awstoe.parse_and_validate(text, platform=params.get("platform"), check_inline_limit=False)
    if problems and params.get("validate", True):
        summary = "; ".join(str(p) for p in problems[:20])
        module.fail_json(msg=f"the component document of {params['name']} is not valid: {summary}",
                         problems=[p.as_dict() for p in problems])
    if doc is None:
        module.fail_json(msg=f"the component document of {params['name']} is empty or unreadable")
    uri = params.get("uri")
    if not uri and len(text) > documents.INLINE_LIMIT:
        if not params.get("upload_bucket"):
            module.fail_json(
                msg=(f"the document of {params['name']} is {len(text)} characters; Image Builder accepts at most "
                     f"{documents.INLINE_LIMIT} inline. Set upload_bucket to store it in S3, or pass uri")
            )
        uri = documents.upload_if_needed(module, text, params["upload_bucket"], params.get("upload_prefix"), params["name"])
    return text, doc, uri


def create_request(params, text, uri):
    request = {"name": params["name"], "platform": params["platform"]}
    if uri:
        request["uri"] = uri
    else:
        request["data"] = text
    for option, key in CONTENT_FIELDS[1:] + (("change_description", "changeDescription"),):
        if params.get(option) is not None:
            request[key] = params[option]
    return request


def reconciler(module, name, keys=("data",)):
    return VersionedReconciler(module, COMPONENT, name, lambda resource: content_of_resource(resource, keys), _render)


def ensure_component(module):
    """state=present: reuse a version with the same content, or create one. Returns the exit_json dict."""
    params = module.params
    text, doc, uri = load_document(module)
    desired = content_of_request(doc, params)
    rec = reconciler(module, params["name"], tuple(desired))
    outcome = rec.ensure(params["version"], desired, create_request(params, text, uri), params.get("tags"), params["purge_tags"])
    result = _result(outcome)
    if params.get("retain_versions"):
        # The version list was read before any create, so a new version takes one of the kept places.
        keep = params["retain_versions"] - (1 if outcome["created"] else 0)
        victims = [v for v in rec.retention_victims(keep) if v != outcome["version"]]
        deleted, kept = rec.delete_versions(victims, keep_in_use=True)
        result.update(deleted=deleted, kept_in_use=kept)
        result["changed"] = result["changed"] or bool(deleted)
    return result


def remove_component(module):
    """state=absent: one version, or every version with all_versions; refused when a recipe uses one."""
    return remove(module, reconciler(module, module.params["name"]))


def _render(content):
    return documents.dump(content) if documents.HAS_YAML else str(content)


def _result(outcome):
    resource = outcome["resource"]
    result = dict(changed=outcome["changed"], created=outcome["created"], arn=outcome["arn"], version=outcome["version"])
    result["component"] = to_snake(resource) if resource else {}
    if outcome.get("diff"):
        result["diff"] = outcome["diff"]
    return result


def find_components(module):
    """component_info: the build versions that match the filters, by name, newest first."""
    params = module.params
    client = module.imagebuilder
    if params.get("arn"):
        found = module.call_or_none(module.imagebuilder, "get_component", f"read component {params['arn']}",
                                    componentBuildVersionArn=params["arn"])
        return [to_snake(found["component"])] if found else []
    by_filters = list_filters(name=params.get("name"), platform=params.get("platform"))
    spec = VersionSpec(params["version"]) if params.get("version") else None
    try:
        versions = paginate(client, COMPONENT.list_op, COMPONENT.list_key, owner=params["owner"], **by_filters)
        versions = [v for v in versions if spec is None or spec.matches(v["version"])]
        if params["owner"] != "Self":
            # ListComponentBuildVersions lists only components the account owns (API reference): others'
            # components are listed by version; GetComponent on a version ARN reads its newest build.
            builds = versions
        else:
            builds = []
            for version in versions:
                builds += paginate(client, COMPONENT.builds_op, COMPONENT.builds_key, componentVersionArn=version["arn"])
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"list the {params['owner']} components (ListComponents, ListComponentBuildVersions)")
    builds.sort(key=_newest_first)
    if params.get("include_data"):
        return [to_snake(_get(module, b["arn"])) for b in builds]
    return [to_snake(b) for b in builds]


def _newest_first(summary):
    version = tuple(-p for p in parse_version(summary["version"]))
    build = -int(summary["arn"].rsplit("/", 1)[1]) if summary["arn"].count("/") >= 3 else 0
    return (summary["name"], version, build)


def _get(module, arn):
    return module.call(module.imagebuilder, "get_component", f"read component {arn}", componentBuildVersionArn=arn)["component"]
