# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Image builds: what to build (a pipeline, or a recipe + configurations, by name or ARN), the
build that already satisfies it, starting one, waiting for it, and the result a user reads."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._amis.amis import caller_account
from .._core.arns import build_arn
from .._core.arns import is_imagebuilder_arn
from .._core.arns import parse_arn
from .._core.model_checks import check_call
from .._core.planned import UNKNOWN
from .._core.planned import note
from .._core.planned import read_or_planned
from .._core.regional import RegionalError
from .._core.regional import RegionCaller
from .._core.transforms import strip_none
from .._core.transforms import to_camel
from .._core.versions import sort_key
from .._core.waiters import WaitTimeout
from .._core.waiters import wait_until

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

RUNNING = ("PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING")
DONE = ("AVAILABLE", "DEPRECATED")
FAILED = ("FAILED", "CANCELLED", "DELETED", "DISABLED")

# option -> (List operation, result key, description)
REFERENCES = {
    "pipeline": ("list_image_pipelines", "imagePipelineList", "image pipeline"),
    "recipe": ("list_image_recipes", "imageRecipeSummaryList", "image recipe"),
    "container_recipe": ("list_container_recipes", "containerRecipeSummaryList", "container recipe"),
    "infrastructure_configuration": ("list_infrastructure_configurations", "infrastructureConfigurationSummaryList",
                                     "infrastructure configuration"),
    "distribution_configuration": ("list_distribution_configurations", "distributionConfigurationSummaryList",
                                   "distribution configuration"),
}


def resolve(module: ImageForgeModule, option: str, value: Any = None) -> Any:
    """The ARN named by an option given as a name or an ARN (the newest version of a recipe)."""
    value = module.params.get(option) if value is None else value
    if not value or is_imagebuilder_arn(value):
        return value
    operation, key, what = REFERENCES[option]
    found = module.paginate(module.imagebuilder, operation, f"find the {what} named {value}",
                            filters=[{"name": "name", "values": [value]}]).get(key) or []
    found = [item for item in found if item.get("name") == value]
    if not found:
        module.fail_json(msg=f"No {what} named '{value}' exists in {module.region}; create it first or pass its ARN.")
    return max(found, key=lambda item: _version_key(item["arn"]))["arn"]


def _version_key(arn: str) -> tuple[int, ...]:
    version = parse_arn(arn).get("version")
    return sort_key(version) if version else ()


def build_source(module: ImageForgeModule) -> dict[str, Any]:
    """What the task asks to build: {'pipeline': arn} or the CreateImage references."""
    if module.params.get("pipeline"):
        pipeline = resolve(module, "pipeline")
        found = read_or_planned(module, module.imagebuilder, "get_image_pipeline", f"read pipeline {pipeline}", pipeline,
                                "pipeline", imagePipelineArn=pipeline)
        found = found["imagePipeline"] if found else {}  # {}: a pipeline an earlier task of a check-mode run creates
        return {"pipeline": pipeline, "recipe": _pipeline_recipe(module, pipeline, found),
                "infrastructure": found.get("infrastructureConfigurationArn"),
                "distribution": found.get("distributionConfigurationArn"),
                "tests": found.get("imageTestsConfiguration") or {}}
    recipe = resolve(module, "recipe") or resolve(module, "container_recipe")
    tests = {k: v for k, v in (("imageTestsEnabled", module.params.get("image_tests_enabled")),
                               ("timeoutMinutes", module.params.get("image_tests_timeout_minutes"))) if v is not None}
    return {"pipeline": None, "recipe": recipe, "infrastructure": resolve(module, "infrastructure_configuration"),
            "distribution": resolve(module, "distribution_configuration"), "tests": tests}


def _pipeline_recipe(module: ImageForgeModule, pipeline: Any, found: Any) -> Any:
    """The recipe a pipeline build uses: the pipeline's, or the task's recipe when it sets one (check mode: an earlier
    task would point the pipeline there; a real run: it must already)."""
    current = found.get("imageRecipeArn") or found.get("containerRecipeArn")
    wanted = resolve(module, "recipe") or resolve(module, "container_recipe")
    if not wanted or wanted == current:
        return current
    if not module.check_mode:
        module.fail_json(msg=f"pipeline {pipeline} builds {current}, not {wanted}; point the pipeline at that recipe "
                             "first (image_pipeline), or leave recipe out")
    if current:
        note(module, f"pipeline {pipeline} uses {current}; taking {wanted}, which an earlier task would point it at")
    return wanted


def satisfies(image: dict[str, Any], source: Any) -> bool:
    """Was `image` (GetImage) built from the same recipe version and configurations?"""
    recipe = (image.get("imageRecipe") or image.get("containerRecipe") or {}).get("arn")
    if recipe != source["recipe"]:
        return False
    if (image.get("infrastructureConfiguration") or {}).get("arn") != source["infrastructure"]:
        return False
    if (image.get("distributionConfiguration") or {}).get("arn") != source["distribution"]:
        return False
    if image.get("sourcePipelineArn") != source["pipeline"]:
        return False
    wanted = source.get("tests", {}).get("imageTestsEnabled", True)
    return (image.get("imageTestsConfiguration") or {}).get("imageTestsEnabled", True) == wanted


def _builds_of(module: ImageForgeModule, source: Any) -> list[dict[str, Any]]:
    """Build summaries of the image version the source's recipe makes ([] when that recipe is only planned)."""
    if not source["recipe"]:
        return []
    recipe = parse_arn(source["recipe"])
    version_arn = build_arn("image", recipe["name"], recipe["region"], recipe["account"], recipe["version"])
    if module.check_mode:  # the recipe version may be one an earlier task of the run would create
        found = module.paginate_or_none(module.imagebuilder, "list_image_build_versions",
                                        f"list the builds of image {version_arn}", imageVersionArn=version_arn)
        return (found or {}).get("imageSummaryList") or []
    return list_builds(module, version_arn)


def existing_build(module: ImageForgeModule, source: Any) -> dict[str, Any] | None:
    """The newest AVAILABLE or still running build of the same source, or None."""
    summaries = _builds_of(module, source)
    candidates = [s for s in summaries if (s.get("state") or {}).get("status") in DONE + RUNNING]
    for summary in sorted(candidates, key=lambda s: int(s["arn"].rsplit("/", 1)[1]), reverse=True):
        image = get_image(module, summary["arn"])
        if satisfies(image, source):
            return image
    return None


def planned(module: ImageForgeModule, source: Any) -> dict[str, Any]:
    """What check mode reports for a build it would start: the image ARN when the recipe is known, and one AMI
    per distribution region (the task's region when unknown) whose id only the build can tell."""
    arn, version, build = UNKNOWN, None, None
    if source["recipe"]:
        recipe = parse_arn(source["recipe"])
        builds = [int(s["arn"].rsplit("/", 1)[1]) for s in _builds_of(module, source)]
        version, build = recipe["version"], max(builds, default=0) + 1
        arn = build_arn("image", recipe["name"], recipe["region"], recipe["account"], version, build)
    regions = [module.region]
    if source["distribution"]:
        found = read_or_planned(module, module.imagebuilder, "get_distribution_configuration",
                                f"read distribution configuration {source['distribution']}", source["distribution"],
                                "distribution_configuration", distributionConfigurationArn=source["distribution"])
        if found:
            regions = [d["region"] for d in found["distributionConfiguration"].get("distributions") or []] or regions
    account = caller_account(module)
    amis = [{"region": r, "account_id": account, "image_id": UNKNOWN, "name": None} for r in regions]
    return {"arn": arn, "version": version, "build": build, "state": None, "recipe_arn": source["recipe"], "source_pipeline_arn": source["pipeline"],
            "infrastructure_configuration_arn": source["infrastructure"],
            "distribution_configuration_arn": source["distribution"], "amis": amis,
            "amis_by_region": {a["region"]: {account: UNKNOWN} for a in amis}, "containers": [], "tags": {}}


def list_builds(module: ImageForgeModule, version_arn: Any, **params: Any) -> list[dict[str, Any]]:
    """ListImageBuildVersions of one image version."""
    return module.paginate(module.imagebuilder, "list_image_build_versions", f"list the builds of image {version_arn}",
                           imageVersionArn=version_arn, **params).get("imageSummaryList") or []


def split_version(version: str | None) -> tuple[str, int | None]:
    """GetImage and ListImageBuildVersions answer VersionNumberWithBuild, "1.0.0/3": -> ("1.0.0", 3)."""
    semantic, _sep, build = (version or "").partition("/")
    return semantic, int(build) if build.isdigit() else None


def get_image(module: ImageForgeModule, arn: str) -> Any:
    return module.call(module.imagebuilder, "get_image", f"read image {arn}", imageBuildVersionArn=arn)["image"]


RECIPE_BUILD_OPTIONS = (("image_scanning_configuration", "imageScanningConfiguration"), ("workflows", "workflows"),
                        ("logging_configuration", "loggingConfiguration"), ("execution_role", "executionRole"))


def recipe_build_options(params: dict) -> dict:
    """The CreateImage members of a build from a recipe that the task set (a pipeline has its own)."""
    return {key: to_camel(strip_none(params[option])) for option, key in RECIPE_BUILD_OPTIONS
            if params.get(option) is not None}


def start(module: ImageForgeModule, source: Any) -> str:
    """Start a build; returns its build version ARN."""
    tags = module.params.get("tags") or {}
    if source["pipeline"]:
        params = dict(imagePipelineArn=source["pipeline"], clientToken=module.client_token())
        if tags:
            params["tags"] = tags
        response = module.call(module.imagebuilder, "start_image_pipeline_execution",
                               f"start pipeline {source['pipeline']}", **params)
        return response["imageBuildVersionArn"]
    params = dict(infrastructureConfigurationArn=source["infrastructure"], clientToken=module.client_token())
    if tags:
        params["tags"] = tags
    params["containerRecipeArn" if ":container-recipe/" in source["recipe"] else "imageRecipeArn"] = source["recipe"]
    if source["distribution"]:
        params["distributionConfigurationArn"] = source["distribution"]
    if source["tests"]:
        params["imageTestsConfiguration"] = source["tests"]
    if module.params.get("enhanced_image_metadata_enabled") is not None:
        params["enhancedImageMetadataEnabled"] = module.params["enhanced_image_metadata_enabled"]
    params.update(recipe_build_options(module.params))
    check_call(module, module.imagebuilder, "create_image", params, "image build")
    return module.call(module.imagebuilder, "create_image", f"build from {source['recipe']}", **params)[
        "imageBuildVersionArn"]


def wait_for(module: ImageForgeModule, arn: str) -> tuple[Any, ...]:
    """Wait until the build ends; fail the task when it fails or the timeout passes (with the ARN)."""
    try:
        image, seconds = wait_until(lambda: get_image(module, arn), _status, DONE, FAILED,
                                    timeout=module.params["wait_timeout"], delay=module.params["wait_delay"])
    except WaitTimeout as exc:
        status = _status(exc.last)
        module.fail_json(msg=f"The image build {arn} is still {status} after {int(exc.elapsed)} s (wait_timeout). "
                             f"It keeps running: rerun the task with arn: {arn} to resume waiting.",
                         arn=arn, state=status, timed_out=True, image=summarise(exc.last))
    if _status(image) in FAILED:
        fail_build(module, image)
    return image, seconds


def _status(image: dict[str, Any]) -> str | None:
    return (image.get("state") or {}).get("status")


def fail_build(module: ImageForgeModule, image: dict[str, Any], **extra: Any) -> None:
    state = image.get("state") or {}
    stage = (state.get("failureContext") or {}).get("imageStatus")
    where = f" in {stage}" if stage else ""
    reason = state.get("reason") or "no reason given"
    logs = log_location(image)
    logs_text = "" if logs in reason else f" Logs: {logs}."
    step = failing_step(module, image) if state.get("status") == "FAILED" else None
    step_text = ""
    if step:
        step_text = (f" Failed step: {step['workflow_type']} workflow step '{step['name']}' ({step['action']}): "
                     f"{step.get('message') or 'no message'}.")
    module.fail_json(msg=f"The image build {image['arn']} ended {state.get('status')}{where}: {reason}{step_text}{logs_text}",
                     arn=image["arn"], state=state.get("status"), reason=reason, log_location=logs,
                     failed_step=step, image=summarise(image), **extra)


def failing_step(module: ImageForgeModule, image: dict[str, Any]) -> dict[str, Any] | None:
    """The failed workflow step (workflow_executions.failed_step), or None when it cannot be read."""
    from .workflow_executions import failed_step

    try:  # a caller whose errors raise instead of failing the task
        return failed_step(RegionCaller(module, module.region, services=()), image)
    except RegionalError:
        return None  # the build's own failure is what the task reports; the step is extra detail


def log_location(image: dict[str, Any]) -> str:
    """Where Image Builder writes the build logs: the S3 logging of the infrastructure configuration,
    else the CloudWatch Logs group."""
    s3 = ((image.get("infrastructureConfiguration") or {}).get("logging") or {}).get("s3Logs") or {}
    build_path = image["arn"].split(":", 5)[5].split("/", 1)[1]
    if s3.get("s3BucketName"):
        prefix = (s3.get("s3KeyPrefix") or "").strip("/")
        return f"s3://{s3['s3BucketName']}/{prefix + '/' if prefix else ''}{build_path}/"
    group = (image.get("loggingConfiguration") or {}).get("logGroupName") or f"/aws/imagebuilder/{image.get('name')}"
    return f"CloudWatch Logs group {group}"


def summarise(image: dict[str, Any], seconds: Any = None) -> dict[str, Any]:
    """The snake_case result a user reads."""
    state = image.get("state") or {}
    outputs = image.get("outputResources") or {}
    amis = [{"region": a.get("region"), "account_id": a.get("accountId"), "image_id": a.get("image"),
             "name": a.get("name")} for a in outputs.get("amis") or []]
    by_region = {}
    for ami in amis:
        by_region.setdefault(ami["region"], {})[ami["account_id"]] = ami["image_id"]
    tests = image.get("imageTestsConfiguration") or {}
    imported = image.get("buildType") in ("IMPORT", "IMPORT_ISO") or image.get("imageSource") == "IMPORTED"
    tests_ran = not imported and tests.get("imageTestsEnabled", True) and (
        state.get("status") in DONE or (state.get("failureContext") or {}).get("imageStatus") == "TESTING")
    result = {
        "arn": image.get("arn"), "name": image.get("name"), "version": split_version(image.get("version"))[0],
        "build": split_version(image.get("version"))[1] or _arn_build(image.get("arn")),
        "type": image.get("type"), "platform": image.get("platform"), "state": state.get("status"),
        "reason": state.get("reason"), "build_type": image.get("buildType"), "image_source": image.get("imageSource"),
        "source_pipeline_arn": image.get("sourcePipelineArn"),
        "recipe_arn": (image.get("imageRecipe") or image.get("containerRecipe") or {}).get("arn"),
        "infrastructure_configuration_arn": (image.get("infrastructureConfiguration") or {}).get("arn"),
        "distribution_configuration_arn": (image.get("distributionConfiguration") or {}).get("arn"),
        "date_created": image.get("dateCreated"), "amis": amis, "amis_by_region": by_region,
        "containers": [{"region": c.get("region"), "image_uris": c.get("imageUris") or []}
                       for c in outputs.get("containers") or []],
        "tests_ran": bool(tests_ran), "tests_passed": bool(tests_ran and state.get("status") in DONE),
        "tags": image.get("tags") or {},
    }
    if state.get("status") in FAILED:
        result["log_location"] = log_location(image)
    if seconds is not None:
        result["seconds_in_state"] = seconds
    return result


def _arn_build(arn: Any) -> str | None:
    try:
        return parse_arn(arn)["build"]
    except (ValueError, TypeError):
        return None
