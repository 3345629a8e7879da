# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image pipelines: family, references by name or ARN, options -> request, API defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.arns import is_imagebuilder_arn
from .._core.arns import parse_arn
from .._core.planned import note
from .._core.planned import planned_arn
from .._core.planned import read_or_planned
from .._core.transforms import request_from
from .._core.transforms import strip_none
from .._core.transforms import to_camel
from .._core.versions import VersionError
from .._core.versions import VersionSpec
from .._reconcilers.updatable import UpdatableFamily
from .._reconcilers.updatable import drop_empty
from .._reconcilers.updatable import find_arn
from .configurations import DISTRIBUTION
from .configurations import INFRASTRUCTURE
from .schedules import ScheduleError
from .schedules import normalise_cron

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

PIPELINE = UpdatableFamily(
    "imagePipeline", "image_pipelines", (("infrastructureConfigurationArn", "infrastructure_configuration"),), list_key="imagePipelineList"
)
RECIPE_FIELDS = ("imageRecipeArn", "containerRecipeArn")

RECIPES = {
    "image_recipe": ("image recipe", "list_image_recipes", "imageRecipeSummaryList", "get_image_recipe", "imageRecipeArn"),
    "container_recipe": ("container recipe", "list_container_recipes", "containerRecipeSummaryList", "get_container_recipe",
                         "containerRecipeArn"),
}

OPTIONS = (
    ("description", "description"),
    ("status", "status"),
    ("enhanced_image_metadata_enabled", "enhancedImageMetadataEnabled"),
    ("image_tests_configuration", "imageTestsConfiguration"),
    ("image_scanning_configuration", "imageScanningConfiguration"),
    ("workflows", "workflows"),
    ("execution_role", "executionRole"),
    ("image_tags", "imageTags"),
    ("logging_configuration", "loggingConfiguration"),
)


def check_params(module: ImageForgeModule) -> None:
    """Input faults found before any call."""
    params = module.params
    for option in ("image_recipe_version", "container_recipe_version"):
        if params.get(option):
            try:
                VersionSpec(params[option])
            except VersionError as exc:
                module.fail_json(msg=f"{option}: {exc}")
    schedule = params.get("schedule") or {}
    if schedule.get("schedule_expression"):
        try:
            normalise_cron(schedule["schedule_expression"])
        except ScheduleError as exc:
            module.fail_json(msg=str(exc))


def resolve_recipe(module: ImageForgeModule, option: str) -> str:
    """The version ARN of image_recipe/container_recipe: an ARN as given, or a name + version spec."""
    words, list_op, list_key, get_op, arn_key = RECIPES[option]
    ref = module.params[option]
    if is_imagebuilder_arn(ref):
        read_or_planned(module, module.imagebuilder, get_op, f"find {words} {ref}", ref, option, **{arn_key: ref})
        return ref
    spec = VersionSpec(module.params.get(f"{option}_version") or "auto")
    items = module.paginate(module.imagebuilder, list_op, f"list {words}s named {ref}", owner="Self",
                            filters=[{"name": "name", "values": [ref]}]).get(list_key, [])
    # Recipe summaries carry no version field: it is the last part of the ARN.
    by_version = {parse_arn(i["arn"])["version"]: i["arn"] for i in items if i.get("name") == ref}
    candidates = spec.candidates(by_version)
    if not candidates and module.check_mode and not by_version:
        arn = planned_arn(module, words.replace(" ", "-"), ref, spec.next_version([]))
        note(module, f"{option}: no {words} named {ref!r} exists yet; taking {arn}, which an earlier task would create")
        return arn
    if not candidates:
        found = ", ".join(sorted(by_version)) or "none"
        module.fail_json(msg=f"{option}: no {words} named {ref!r} matches version {spec.text} (versions found: {found})")
    return by_version[candidates[0]]


def resolve_configuration(module: ImageForgeModule, option: str, family: UpdatableFamily) -> str:
    ref = module.params[option]
    if is_imagebuilder_arn(ref):
        read_or_planned(module, module.imagebuilder, family.op("get"), f"read {family.kind} {ref}", ref, option,
                        **{family.arn_key: ref})
        return ref
    arn = find_arn(module, family, ref)
    if arn is None and module.check_mode:
        arn = planned_arn(module, family.kind.replace(" ", "-"), ref)
        note(module, f"{option}: no {family.kind} named {ref!r} exists yet; taking {arn}, which an earlier task would create")
    if arn is None:
        module.fail_json(msg=f"{option}: no {family.kind} named {ref!r} exists")
    return arn


def pipeline_request(module: ImageForgeModule) -> dict:
    """The task's options as request keys, with names resolved to ARNs (reads only)."""
    params = module.params
    request = request_from(params, OPTIONS)
    for option in RECIPES:
        if params.get(option):
            request[RECIPES[option][4]] = resolve_recipe(module, option)
    if params.get("infrastructure_configuration"):
        request["infrastructureConfigurationArn"] = resolve_configuration(module, "infrastructure_configuration", INFRASTRUCTURE)
    if params.get("distribution_configuration"):
        request["distributionConfigurationArn"] = resolve_configuration(module, "distribution_configuration", DISTRIBUTION)
    schedule = strip_none(params.get("schedule"))
    if schedule:
        if schedule.get("schedule_expression"):
            schedule["schedule_expression"] = normalise_cron(schedule["schedule_expression"])
        request["schedule"] = to_camel(schedule)
    if params.get("image_tags") is not None:
        request["imageTags"] = {str(k): str(v) for k, v in params["image_tags"].items()}
    return {k: v for k, v in request.items() if v is not None}


def normalise_pipeline(request: dict) -> dict:
    """Fill what Image Builder stores for an omitted option, so omitted and default compare equal."""
    request = drop_empty(request)
    request.setdefault("status", "ENABLED")
    request.setdefault("enhancedImageMetadataEnabled", True)
    tests = request.setdefault("imageTestsConfiguration", {})
    tests.setdefault("imageTestsEnabled", True)
    tests.setdefault("timeoutMinutes", 720)
    scanning = request.setdefault("imageScanningConfiguration", {})
    scanning.setdefault("imageScanningEnabled", False)
    if "schedule" in request and "scheduleExpression" in request["schedule"]:
        request["schedule"].setdefault("pipelineExecutionStartCondition", "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE")
    return request


def pipeline_desired(module: ImageForgeModule) -> dict:
    check_params(module)
    return pipeline_request(module)
