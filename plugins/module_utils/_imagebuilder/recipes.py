# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image and container recipes: options -> request, reconcile, retire, list."""

from __future__ import annotations

from .._core import documents
from . import recipe_content as rc
from . import recipe_sources as sources
from .._core.errors import AWS_ERRORS
from .._core.model_checks import check_call
from .._reconcilers.families import CONTAINER_RECIPE
from .._reconcilers.families import IMAGE_RECIPE
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
from .._core.versions import newest
from .._core.versions import parse_version

IMAGE = dict(family=IMAGE_RECIPE, optional=rc.IMAGE_OPTIONAL, result_key="image_recipe", container=False)
CONTAINER = dict(family=CONTAINER_RECIPE, optional=rc.CONTAINER_OPTIONAL, result_key="container_recipe", container=True)


def check_params(module, kind):
    """Every input fault, found before the first API call."""
    params = module.params
    try:
        VersionSpec(params.get("version"))
    except VersionError as exc:
        module.fail_json(msg=f"version: {exc}")
    check_retention(module)
    if params["state"] != "present":
        return
    try:
        sources.check_parent_image_syntax(params.get("parent_image"), container=kind["container"])
        sources.check_component_entries(params.get("components"))
    except sources.SourceError as exc:
        module.fail_json(msg=str(exc))


def image_request(module, parent, components):
    params = module.params
    return rc.drop_empty({
        "parentImage": parent,
        "components": components,
        "description": params.get("description"),
        "workingDirectory": params.get("working_directory"),
        "blockDeviceMappings": rc.block_devices_request(params.get("block_device_mappings")),
        "additionalInstanceConfiguration": rc.instance_configuration_request(params.get("additional_instance_configuration")),
        "amiTags": params.get("ami_tags"),
        "amiWatermarks": params.get("ami_watermarks"),
    })


def container_request(module, parent, components, dockerfile):
    params = module.params
    instance = params.get("instance_configuration")
    repo = params["target_repository"]
    request = {
        "containerType": params["container_type"],
        "parentImage": parent,
        "components": components,
        "targetRepository": {"service": repo.get("service") or "ECR", "repositoryName": repo["repository_name"]},
        "dockerfileTemplateData": dockerfile,
        "description": params.get("description"),
        "workingDirectory": params.get("working_directory"),
        "kmsKeyId": params.get("kms_key_id"),
        "platformOverride": params.get("platform_override"),
        "imageOsVersionOverride": params.get("image_os_version_override"),
    }
    if instance is not None:
        request["instanceConfiguration"] = rc.drop_empty({
            "image": instance.get("image"),
            "blockDeviceMappings": rc.block_devices_request(instance.get("block_device_mappings")),
        })
    return rc.drop_empty(request)


# Sent on create but not returned by Get (botocore's GetContainerRecipe output), so not compared.
WRITE_ONLY = ("dockerfileTemplateUri", "platformOverride", "imageOsVersionOverride")


def content_keys(request):
    return tuple(k for k in request if k not in WRITE_ONLY)


def reconciler(module, kind, name, keys=()):
    return VersionedReconciler(module, kind["family"], name, lambda resource: rc.content_of_resource(resource, keys), render)


def render(content):
    return documents.dump(content) if documents.HAS_YAML else canonical_json(content)


def ensure(module, kind, dockerfile=None):
    """state=present for either recipe kind. Returns the exit_json dict."""
    params = module.params
    parent = sources.resolve_parent_image(module, params["parent_image"], container=kind["container"])
    components, resolutions = sources.ComponentResolver(module).resolve(params["components"])
    if kind["container"]:
        request = container_request(module, parent, components, dockerfile)
    else:
        request = image_request(module, parent, components)
    keys = content_keys(request)
    desired = rc.desired_content(request, keys)
    rec = reconciler(module, kind, params["name"], keys)

    def create_params(before):
        if before is None and rec.versions():
            before = rec.fetch_version(newest(list(rec.versions())))
        create = dict(rc.inherited(before, kind["optional"], desired), name=params["name"], **request)
        if params.get("dockerfile_template_uri"):  # compared by content, sent by reference
            create.pop("dockerfileTemplateData", None)
            create["dockerfileTemplateUri"] = params["dockerfile_template_uri"]
        operation = "create_container_recipe" if kind["container"] else "create_image_recipe"
        check_call(module, module.imagebuilder, operation, dict(create, semanticVersion="1.0.0"), kind["family"].kind)
        return create

    outcome = rec.ensure(params["version"], desired, create_params, params.get("tags"), params["purge_tags"])
    resource = outcome["resource"]
    result = dict(changed=outcome["changed"], created=outcome["created"], arn=outcome["arn"], version=outcome["version"],
                  parent_image=parent, components=resolutions)
    result[kind["result_key"]] = to_snake(resource) if resource else {}
    if outcome.get("diff"):
        result["diff"] = outcome["diff"]
    if params.get("retain_versions"):
        deleted, kept = retain(module, rec, outcome, params["retain_versions"])
        result.update(deleted=deleted, kept_in_use=kept, changed=result["changed"] or bool(deleted))
    return result


def absent(module, kind):
    return remove(module, reconciler(module, kind, module.params["name"]))


def find(module, kind):
    """_info: recipe versions matching name/owner/version, newest first, with their components."""
    params = module.params
    fam = kind["family"]
    client = module.imagebuilder
    spec = VersionSpec(params["version"]) if params.get("version") else None
    if params.get("arn"):
        arns = [params["arn"]]
    else:
        by_filters = list_filters(params.get("filters"), name=params.get("name"))
        try:
            items = paginate(client, fam.list_op, fam.list_key, owner=params["owner"], **by_filters)
        except AWS_ERRORS as exc:
            module.fail_aws(exc, f"list {fam.kind}s")
        arns = [i["arn"] for i in items if spec is None or spec.matches(i["arn"].rsplit("/", 1)[1])]
    found = [module.call_or_none(client, fam.get_op, f"read {fam.kind} {arn}", **{fam.get_param: arn}) for arn in arns]
    recipes = [f[fam.get_key] for f in found if f]  # a recipe deleted meanwhile, or a missing `arn`, is no entry
    recipes.sort(key=lambda r: (r["name"], tuple(-p for p in parse_version(r["version"]))))
    latest = {}
    for recipe in recipes:
        latest.setdefault(recipe["name"], {"name": recipe["name"], "version": recipe["version"], "arn": recipe["arn"]})
    return [to_snake(r) for r in recipes], list(latest.values())
