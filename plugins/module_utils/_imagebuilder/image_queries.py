# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding image build versions by pipeline, recipe, name, version pattern and state, newest first,
with their packages and a summary of their scan findings on request."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .._core.arns import build_arn
from .._core.arns import parse_arn
from .._core.paginate import list_filters
from .._core.planned import is_unknown
from .._core.versions import sort_key
from .image_builds import list_builds
from .image_builds import resolve
from .image_builds import split_version
from .image_builds import summarise

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule


def _newest_first(summary: dict[str, Any]) -> tuple[Any, ...]:
    semantic, build = split_version(summary.get("version"))
    return sort_key(semantic), build or 0


def version_matches(pattern: Any, version: str) -> bool:
    """`1.2.x` or `1.2.3` against a semantic version or a VersionNumberWithBuild (1.2.3/4)."""
    semantic = split_version(version)[0]
    return all(p in ("x", "*") or p == v for p, v in zip(pattern.split("."), semantic.split(".")))


def _read(module: ImageForgeModule, operation: str, key: str, action: str, **params: Any) -> list[dict[str, Any]]:
    return module.paginate(module.imagebuilder, operation, action, **params).get(key) or []


def candidate_arns(module: ImageForgeModule) -> list[Any]:
    """Build version ARNs the filters select, newest first (version ARNs for images others own)."""
    params = module.params
    if params["arn"]:
        return [params["arn"]]
    by_filters = list_filters(params.get("filters"))
    if params["pipeline"]:
        pipeline = resolve(module, "pipeline")
        summaries = _read(module, "list_image_pipeline_images", "imageSummaryList",
                          f"list the images of pipeline {pipeline}",
                          imagePipelineArn=pipeline, **by_filters)
    elif params["recipe"]:
        recipe = parse_arn(resolve(module, "recipe"))
        version_arn = build_arn("image", recipe["name"], recipe["region"], recipe["account"], recipe["version"])
        summaries = list_builds(module, version_arn, **by_filters)
    else:
        owner = params["owner"]
        versions = _read(module, "list_images", "imageVersionList", f"list the {owner} images",
                         owner=owner, **list_filters(params.get("filters"), name=params["name"]))
        if owner == "Self":
            summaries = []
            for version in versions:
                summaries += list_builds(module, version["arn"])
        else:
            # ListImageBuildVersions is for your own images; GetImage answers the newest build of a version ARN
            summaries = versions
    selected = [s for s in summaries if _selected(s, params)]
    return [s["arn"] for s in sorted(selected, key=_newest_first, reverse=True)]


def _selected(summary: dict[str, Any], params: dict[str, Any]) -> bool:
    if params["name"] and summary.get("name") != params["name"]:
        return False
    if params["version"] and not version_matches(params["version"], summary.get("version", "")):
        return False
    if not params["states"] or "state" not in summary:  # ListImages' versions carry no state
        return True
    return (summary.get("state") or {}).get("status") in params["states"]


def describe(module: ImageForgeModule, arn: str) -> dict[str, Any] | None:
    """The image as image_info returns it, or None when it does not exist (ResourceNotFoundException)."""
    if is_unknown(arn):  # what a check-mode image task reports for an image it would build
        return None
    found = module.call_or_none(module.imagebuilder, "get_image", f"read image {arn}", imageBuildVersionArn=arn)
    if found is None:
        return None
    image = summarise(found["image"])
    if module.params["include_packages"]:
        packages = _read(module, "list_image_packages", "imagePackageList",
                         f"list the packages of image {arn}", imageBuildVersionArn=arn)
        image["packages"] = [{"name": p["packageName"], "version": p["packageVersion"]} for p in packages]
    if module.params["include_findings"]:
        image["scan_findings"] = findings_summary(module, arn)
    return image


def findings_summary(module: ImageForgeModule, arn: str) -> dict[str, Any]:
    """Severity counts of the image's scan findings: {all, critical, high, medium}."""
    response = module.call(module.imagebuilder, "list_image_scan_finding_aggregations", f"summarise findings of {arn}",
                           filter={"name": "imageBuildVersionArn", "values": [arn]})
    counts = {"all": 0, "critical": 0, "high": 0, "medium": 0}
    for entry in response.get("responses") or []:
        for key, value in ((entry.get("imageAggregation") or {}).get("severityCounts") or {}).items():
            counts[key] = counts.get(key, 0) + value
    return counts
