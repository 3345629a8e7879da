# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""role_component: bundle roles, upload the bundle by content hash, publish build (and test) components."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._awstoe import toe_documents
from .._core import documents
from .._core.errors import AWS_ERRORS
from .._core.errors import is_not_found
from .._reconcilers.versioned import check_params as check_component_params
from . import role_bundle
from .components import ensure_component

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

COMPONENT_OPTIONS = ("version", "platform", "supported_os_versions", "description", "change_description",
                     "kms_key_id", "tags", "purge_tags")


class _WithParams:
    """The module, seen by ensure_component with the params of one generated component."""

    def __init__(self, module: ImageForgeModule, params: dict[str, Any]) -> None:
        self._module = module
        self.params = params

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def check_params(module: ImageForgeModule) -> None:
    """Every input fault, before any call: platform, variables, roles and collections."""
    params = module.params
    check_component_params(module)
    if params["platform"] != "Linux":
        module.fail_json(msg=f"platform {params['platform']}: role_component runs Ansible roles with ansible-playbook "
                             "-c local, which Image Builder supports only on Linux; use platform: Linux")
    if not documents.HAS_YAML:
        module.fail_json(msg="PyYAML is required to read the roles")
    faults = toe_documents.check_variables(params.get("variables"))
    faults += toe_documents.check_tags(params.get("run_tags"), params.get("skip_tags"))
    test = params.get("test_component") or {}
    if test and not str(test.get("report_uri") or "").startswith("s3://"):
        faults.append("test_component.report_uri must be an s3://bucket/prefix URI")
    if test and not params.get("validation_role"):
        faults.append("test_component needs validation_role: the test component runs it")
    if faults:
        module.fail_json(msg="; ".join(faults))


def build_bundle(module: ImageForgeModule) -> tuple[Any, ...]:
    """(archive bytes, summary) for the task's roles; fails on a missing role or collection."""
    params = module.params
    roles_path = params.get("roles_path") or []
    collections_path = params.get("collections_path") or role_bundle.default_collections_paths()
    try:
        applied = [role_bundle.resolve_role(spec, roles_path) for spec in params["roles"]]
        validation = role_bundle.resolve_role(params["validation_role"], roles_path) if params.get("validation_role") else None
        roles = applied + ([validation] if validation and validation[0] not in [r[0] for r in applied] else [])
        names = sorted(set(params.get("collections") or []) | set(role_bundle.used_collections([d for _n, d in roles])))
        collections = [(name, role_bundle.find_collection(name, collections_path)) for name in names]
    except (role_bundle.BundleError, OSError) as exc:
        module.fail_json(msg=str(exc))
    validation_name = validation[0] if validation else None
    files = toe_documents.bundle_files(params["name"], [r[0] for r in applied], validation_name)
    data = role_bundle.build(roles, collections, files)
    summary = dict(sha256=role_bundle.sha256(data), size=len(data), roles=[r[0] for r in roles],
                   collections=names, validation_role=validation_name)
    return data, summary


def upload_bundle(module: ImageForgeModule, data: Any, digest: Any) -> tuple[Any, ...]:
    """Put the archive at <prefix>/<name>/<sha256>.tar.gz unless it is there. Returns (uri, uploaded)."""
    params = module.params
    prefix = (params.get("bundle_prefix") or "").strip("/")
    key = f"{prefix + '/' if prefix else ''}{params['name']}/{digest}.tar.gz"
    uri = f"s3://{params['bundle_bucket']}/{key}"
    s3 = module.client_for("s3")
    try:
        s3.head_object(aws_retry=True, Bucket=params["bundle_bucket"], Key=key)
        return uri, False
    except AWS_ERRORS as exc:
        if not is_not_found(exc):
            module.fail_aws(exc, f"check the bundle at {uri}")
    if module.check_mode:
        return uri, True
    try:
        s3.put_object(aws_retry=True, Bucket=params["bundle_bucket"], Key=key, Body=data,
                      ContentType="application/gzip", Metadata={"sha256": digest})
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"upload the role bundle to {uri}")
    return uri, True


def _component_params(module: ImageForgeModule, name: str, doc: Any, description: str | None) -> dict[str, Any]:
    params = {key: module.params.get(key) for key in COMPONENT_OPTIONS}
    params.update(name=name, data=doc, src=None, uri=None, validate=True, retain_versions=None,
                  upload_bucket=module.params["bundle_bucket"], upload_prefix=module.params.get("bundle_prefix"))
    if description:
        params["description"] = description
    return params


def ensure_role_component(module: ImageForgeModule) -> dict[str, Any]:
    params = module.params
    data, summary = build_bundle(module)
    uri, uploaded = upload_bundle(module, data, summary["sha256"])
    summary.update(uri=uri, uploaded=uploaded)
    variables = params.get("variables") or {}
    doc = toe_documents.build_document(params["name"], uri, variables, params["ansible_core_version"],
                                       params["keep_ansible"], summary["validation_role"], params.get("description"),
                                       run_tags=params.get("run_tags"), skip_tags=params.get("skip_tags"))
    result = ensure_component(_WithParams(module, _component_params(module, params["name"], doc, None)))
    result.update(bundle=summary, document=doc)
    result["changed"] = result["changed"] or uploaded
    test = params.get("test_component")
    if test:
        test_name = test.get("name") or f"{params['name']}-test"
        test_doc = toe_documents.test_document(test_name, uri, variables, params["ansible_core_version"],
                                               test["report_uri"].rstrip("/") + "/" + params["name"])
        sub = _component_params(module, test_name, test_doc, test.get("description"))
        test_result = ensure_component(_WithParams(module, sub))
        test_result["document"] = test_doc
        result["test_component"] = test_result
        result["changed"] = result["changed"] or test_result["changed"]
    return result
