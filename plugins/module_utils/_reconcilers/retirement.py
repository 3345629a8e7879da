# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Safe retirement of versions: state=absent and retain_versions for recipes and workflows.

A version that a pipeline (or recipe) still uses is never deleted: state=absent reads
who uses each version first and refuses, naming them, before any Delete call; AWS's own
ResourceDependencyException is the backstop (and what retain_versions relies on).
"""

from __future__ import annotations

from .._core.errors import AWS_ERRORS
from .._core.paginate import paginate
from .._core.versions import VersionSpec


def pipelines_using(module, arn):
    """Image pipelines whose recipe or workflows refer to `arn` (a recipe or workflow version/build ARN)."""
    try:
        pipelines = paginate(module.imagebuilder, "list_image_pipelines", "imagePipelineList")
    except AWS_ERRORS:
        return []  # naming the users is a courtesy; AWS's own message still says why
    version_arn = arn if arn.count("/") <= 3 else arn.rsplit("/", 1)[0]
    users = []
    for pipeline in pipelines:
        refs = [pipeline.get("imageRecipeArn"), pipeline.get("containerRecipeArn")]
        refs += [w.get("workflowArn") for w in pipeline.get("workflows") or []]
        if any(ref and (ref == arn or ref.startswith(version_arn + "/") or ref == version_arn) for ref in refs):
            users.append(pipeline["arn"])
    return users


RECIPE_LISTS = (("list_image_recipes", "imageRecipeSummaryList", "get_image_recipe", "imageRecipeArn", "imageRecipe"),
                ("list_container_recipes", "containerRecipeSummaryList", "get_container_recipe", "containerRecipeArn",
                 "containerRecipe"))


def recipes_using(module, arn):
    """The caller's image and container recipes whose components include `arn` (a component build or version ARN)."""
    version_arn = arn if arn.count("/") <= 3 else arn.rsplit("/", 1)[0]
    users = []
    for list_op, list_key, get_op, param, key in RECIPE_LISTS:
        try:
            summaries = paginate(module.imagebuilder, list_op, list_key, owner="Self")
        except AWS_ERRORS as exc:
            module.fail_aws(exc, f"list the recipes that could use {arn}")
        for summary in summaries:
            recipe = module.call(module.imagebuilder, get_op, f"read {summary['arn']}", **{param: summary["arn"]})[key]
            if any(c.get("componentArn") in (arn, version_arn) for c in recipe.get("components") or []):
                users.append(summary["arn"])
    return users


def users_of(module, arn):
    """Who still uses a version: recipes for a component, pipelines for a recipe or a workflow."""
    return recipes_using(module, arn) if ":component/" in arn else pipelines_using(module, arn)


def refuse_in_use(module, rec, victims):
    """Before any Delete: fail, naming the users, when a version to delete is in use (reads only)."""
    in_use = {}
    for version in victims:
        for arn in rec.build_arns(version):
            users = users_of(module, arn)
            if users:
                in_use[arn] = users
    if in_use:
        named = "; ".join(f"{arn} is used by {', '.join(users)}" for arn, users in in_use.items())
        module.fail_json(msg=f"{rec.family.kind} versions in use are not deleted: {named}. Repoint or delete their users "
                             "first; nothing was deleted", in_use=in_use, changed=False)


def in_use_message(module, kind, kept):
    lines = []
    for arn, reason in kept.items():
        users = pipelines_using(module, arn)
        named = f"used by {', '.join(users)}" if users else reason
        lines.append(f"{arn} ({named})")
    return f"{kind} versions still in use were not deleted: " + "; ".join(lines) + ". Repoint or delete their users first"


def remove(module, rec):
    """state=absent: the exact version, or every version with all_versions."""
    params = module.params
    existing = rec.versions()
    if params.get("all_versions"):
        victims = list(existing)
    else:
        spec = VersionSpec(params.get("version"))
        if not spec.is_exact:
            module.fail_json(msg="state=absent needs an exact version (such as 1.2.3) or all_versions: true")
        victims = [v for v in existing if spec.matches(v)]
    refuse_in_use(module, rec, victims)
    deleted, kept = rec.delete_versions(victims, keep_in_use=True)
    if kept:
        module.fail_json(msg=in_use_message(module, rec.family.kind, kept), deleted=deleted, in_use=list(kept),
                         changed=bool(deleted))
    return dict(changed=bool(deleted), deleted=deleted)


def retain(module, rec, outcome, keep):
    """retain_versions: keep the `keep` newest versions (the task's one included); older ones in use stay."""
    # The version list was read before any create, so a new version takes one of the kept places.
    keep -= 1 if outcome["created"] else 0
    victims = [v for v in rec.retention_victims(keep) if v != outcome["version"]]
    deleted, kept = rec.delete_versions(victims, keep_in_use=True)
    named = {arn: (f"used by {', '.join(users)}" if (users := pipelines_using(module, arn)) else reason)
             for arn, reason in kept.items()}
    return deleted, named


def check_retention(module):
    value = module.params.get("retain_versions")
    if value is not None and value < 1:
        module.fail_json(msg="retain_versions must be 1 or more")
