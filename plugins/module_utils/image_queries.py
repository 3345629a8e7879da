# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding image build versions by pipeline, recipe, name, version pattern and state, newest first,
with their packages and a summary of their scan findings on request."""

from __future__ import annotations

from .arns import build_arn
from .arns import parse_arn
from .image_builds import resolve
from .image_builds import summarise
from .paginate import paginate
from .planned import is_unknown
from .planned import read_if_exists


def _version_key(arn):
    parts = parse_arn(arn)
    return tuple(int(p) for p in parts["version"].split(".")), parts["build"] or 0


def version_matches(pattern, version):
    return all(p in ("x", "*") or p == v for p, v in zip(pattern.split("."), version.split(".")))


def candidate_arns(module):
    """Build version ARNs the filters select, newest first."""
    client, params = module.imagebuilder, module.params
    if params["arn"]:
        return [params["arn"]]
    if params["pipeline"]:
        summaries = paginate(client, "list_image_pipeline_images", "imageSummaryList",
                             imagePipelineArn=resolve(module, "pipeline"))
    elif params["recipe"]:
        recipe = parse_arn(resolve(module, "recipe"))
        version_arn = build_arn("image", recipe["name"], recipe["region"], recipe["account"], recipe["version"])
        summaries = paginate(client, "list_image_build_versions", "imageSummaryList", imageVersionArn=version_arn)
    else:
        filters = [{"name": "name", "values": [params["name"]]}] if params["name"] else []
        versions = paginate(client, "list_images", "imageVersionList", owner="Self", filters=filters)
        summaries = []
        for version in versions:
            summaries += paginate(client, "list_image_build_versions", "imageSummaryList", imageVersionArn=version["arn"])
    selected = [s for s in summaries if _selected(s, params)]
    return [s["arn"] for s in sorted(selected, key=lambda s: _version_key(s["arn"]), reverse=True)]


def _selected(summary, params):
    if params["name"] and summary.get("name") != params["name"]:
        return False
    if params["version"] and not version_matches(params["version"], summary.get("version", "")):
        return False
    return not params["states"] or (summary.get("state") or {}).get("status") in params["states"]


def describe(module, arn):
    """The image as image_info returns it; None when it does not exist (yet)."""
    if is_unknown(arn):
        return None
    found = read_if_exists(module, module.imagebuilder, "get_image", f"read image {arn}", imageBuildVersionArn=arn)
    if found is None:
        return None
    image = summarise(found["image"])
    if module.params["include_packages"]:
        packages = paginate(module.imagebuilder, "list_image_packages", "imagePackageList", imageBuildVersionArn=arn)
        image["packages"] = [{"name": p["packageName"], "version": p["packageVersion"]} for p in packages]
    if module.params["include_findings"]:
        image["scan_findings"] = findings_summary(module, arn)
    return image


def findings_summary(module, arn):
    """Severity counts of the image's scan findings: {all, critical, high, medium}."""
    response = module.call(module.imagebuilder, "list_image_scan_finding_aggregations", f"summarise findings of {arn}",
                           filter={"name": "imageBuildVersionArn", "values": [arn]})
    counts = {"all": 0, "critical": 0, "high": 0, "medium": 0}
    for entry in response.get("responses") or []:
        for key, value in ((entry.get("imageAggregation") or {}).get("severityCounts") or {}).items():
            counts[key] = counts.get(key, 0) + value
    return counts
