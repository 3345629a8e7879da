# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image and container recipes: options -> request, reconcile, retire, list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.model_checks import check_call
from .._core.paginate import list_filters
from .._core.transforms import to_snake
from .._core.versions import newest
from .._reconcilers import versioned
from .._reconcilers.versioned import CONTAINER_RECIPE
from .._reconcilers.versioned import IMAGE_RECIPE
from .._reconcilers.versioned import VersionedReconciler
from . import recipe_content as rc
from . import recipe_sources as sources

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

IMAGE = dict(family=IMAGE_RECIPE, optional=rc.IMAGE_OPTIONAL, result_key="image_recipe", container=False)
CONTAINER = dict(family=CONTAINER_RECIPE, optional=rc.CONTAINER_OPTIONAL, result_key="container_recipe", container=True)


def check_params(module: ImageForgeModule, kind: dict) -> None:
    """Every input fault, found before the first API call."""
    params = module.params
    versioned.check_params(module)
    if params["state"] != "present":
        return
    try:
        sources.check_parent_image_syntax(params.get("parent_image"), container=kind["container"])
        sources.check_component_entries(params.get("components"))
    except sources.SourceError as exc:
        module.fail_json(msg=str(exc))


def image_request(module: ImageForgeModule, parent: str, components: list) -> dict:
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


def container_request(module: ImageForgeModule, parent: str, components: list, dockerfile: str | None) -> dict:
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


def content_keys(request: dict) -> tuple:
    return tuple(k for k in request if k not in WRITE_ONLY)


def reconciler(module: ImageForgeModule, kind: dict, name: str, keys: tuple = ()) -> VersionedReconciler:
    return VersionedReconciler(module, kind["family"], name, lambda resource: rc.content_of_resource(resource, keys))


def ensure(module: ImageForgeModule, kind: dict, dockerfile: str | None = None) -> dict:
    """state=present for either recipe kind. Returns the exit_json dict."""
    params = module.params
    parent = sources.resolve_parent_image(module, params["parent_image"], container=kind["container"])
    components, resolutions = sources.ComponentResolver(module).resolve(params["components"])
    request = container_request(module, parent, components, dockerfile) if kind["container"] else image_request(module, parent, components)
    keys = content_keys(request)
    desired = rc.desired_content(request, keys)
    rec = reconciler(module, kind, params["name"], keys)

    def create_params(before: dict | None) -> dict:
        if before is None and rec.versions():
            before = rec.fetch_version(newest(list(rec.versions())))
        create = dict(rc.inherited(before, kind["optional"], desired), name=params["name"], **request)
        if params.get("dockerfile_template_uri"):  # compared by content, sent by reference
            create.pop("dockerfileTemplateData", None)
            create["dockerfileTemplateUri"] = params["dockerfile_template_uri"]
        operation = "create_container_recipe" if kind["container"] else "create_image_recipe"
        check_call(module, module.imagebuilder, operation, dict(create, semanticVersion="1.0.0"), kind["family"].kind)
        return create

    return versioned.ensure(module, rec, desired, create_params, kind["result_key"], parent_image=parent,
                            components=resolutions)


def absent(module: ImageForgeModule, kind: dict) -> dict:
    return versioned.remove(module, reconciler(module, kind, module.params["name"]))


def find(module: ImageForgeModule, kind: dict) -> dict:
    """_info: recipe versions matching name/owner/version, newest first, with their components, and the newest of each."""
    params = module.params
    recipes = versioned.find(module, kind["family"], True, list_filters(params.get("filters"), name=params.get("name")))
    return {f"{kind['result_key']}s": [to_snake(r) for r in recipes], "latest": versioned.latest(kind["family"], recipes)}
