# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for immutable, versioned resources (components, image and container recipes, workflows).

One place for what every versioned module does: its family (how it is listed, read, created and
deleted), the input checks, the reconcile, the result, retention, removal and the `_info` lister.

A new version is created only when the desired content differs from the newest version the
version spec may reuse (content equal to an older version rolls forward into a new newest version).
Check mode makes no write call. A version that something still uses is never deleted: state=absent
reads who uses each version first and refuses, naming them, before any Delete call; AWS's own
ResourceDependencyException is the backstop (and what retain_versions relies on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from .._core import documents
from .._core.errors import AWS_ERRORS
from .._core.errors import call_action
from .._core.errors import error_code
from .._core.errors import is_not_found
from .._core.planned import planned_arn
from .._core.tags import desired_tags
from .._core.tags import reconcile_tags
from .._core.transforms import canonical_json
from .._core.transforms import to_snake
from .._core.versions import VersionError
from .._core.versions import VersionSpec
from .._core.versions import parse_version
from .._core.versions import sort_key

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

OWNERS = ["Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"]

# The options every versioned module has (its DOCUMENTATION takes them from doc_fragments/versioned.py).
ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    version=dict(type="str", default="auto"),
    all_versions=dict(type="bool", default=False),
    retain_versions=dict(type="int"),
    tags=dict(type="dict", aliases=["resource_tags"]),
    purge_tags=dict(type="bool", default=True),
)

# The filters every versioned _info module has (its DOCUMENTATION takes them from doc_fragments/versioned_info.py).
INFO_ARGUMENT_SPEC = dict(
    owner=dict(type="str", choices=OWNERS, default="Self"),
    version=dict(type="str"),
)


@dataclass(frozen=True)
class VersionedFamily:
    kind: str  # the word in ARNs and messages: component, image-recipe, ...
    stem: str  # the camelCase resource name of its calls: component, imageRecipe, ...
    list_key: str
    arn_param: str  # the ARN parameter of Get and Delete
    builds_key: str | None = None  # families with build versions (component, workflow)
    same_version_new_build: bool = False  # AWS makes /2 for the same version with new content
    typed_names: bool = False  # names are scoped by type (workflow build/x and test/x)
    builds_of_others: bool = True  # whether ListXBuildVersions lists what another account owns

    def op(self, verb: str, plural: bool = False) -> str:
        """The snake_case operation: op("list", True) -> list_image_recipes."""
        words = "".join("_" + c.lower() if c.isupper() else c for c in self.stem)
        return f"{verb}_{words}{'s' if plural else ''}"

    @property
    def get_key(self) -> str:
        return self.stem

    @property
    def builds_op(self) -> str | None:
        return self.op("list", False) + "_build_versions" if self.builds_key else None

    @property
    def builds_param(self) -> str:
        return f"{self.stem}VersionArn"


COMPONENT = VersionedFamily(
    "component",
    "component",
    "componentVersionList",
    "componentBuildVersionArn",
    builds_key="componentSummaryList",
    # ListComponentBuildVersions lists only components the account owns (API reference)
    builds_of_others=False,
)
IMAGE_RECIPE = VersionedFamily("image-recipe", "imageRecipe", "imageRecipeSummaryList", "imageRecipeArn")
CONTAINER_RECIPE = VersionedFamily("container-recipe", "containerRecipe", "containerRecipeSummaryList", "containerRecipeArn")
WORKFLOW = VersionedFamily(
    "workflow", "workflow", "workflowVersionList", "workflowBuildVersionArn", builds_key="workflowSummaryList", same_version_new_build=True, typed_names=True
)
RECIPE_FAMILIES = (IMAGE_RECIPE, CONTAINER_RECIPE)


# ---- input checks and documents


def check_params(module: ImageForgeModule) -> None:
    """The faults every versioned module (and its _info) checks before the first API call."""
    params = module.params
    try:
        VersionSpec(params.get("version"))
    except VersionError as exc:
        module.fail_json(msg=f"version: {exc}")
    if params.get("retain_versions") is not None and params["retain_versions"] < 1:
        module.fail_json(msg="retain_versions must be 1 or more")


def document_text(module: ImageForgeModule, what: str | None = None) -> str:
    """The text of the task's data, src or uri; a fault fails the task, prefixed with `what` when given."""
    params = module.params
    text = ""
    try:
        if params.get("uri"):
            documents.split_s3_uri(params["uri"])
            text = documents.read_s3(module, params["uri"])
        else:
            text = documents.load_text(params.get("data"), params.get("src"))
    except documents.DocumentError as exc:
        module.fail_json(msg=f"{what}: {exc}" if what else str(exc))
    return text


def render(content: Any) -> str:
    """How content shows in a diff: YAML when PyYAML is there."""
    return documents.dump(content) if documents.HAS_YAML else canonical_json(content)


# ---- the reconciler


class VersionedReconciler:
    def __init__(self, module: ImageForgeModule, family: VersionedFamily, name: str, content_of: Callable, workflow_type: str | None = None) -> None:
        """content_of(resource) -> the comparable content of a resource returned by Get."""
        self.module = module
        self.family = family
        self.name = name
        self.content_of = content_of
        self.workflow_type = workflow_type
        self._versions: dict | None = None

    # ---- reads
    def versions(self) -> dict:
        """{semantic version: version ARN} of the caller's own versions of this name."""
        if self._versions is None:
            fam = self.family
            items = self.module.paginate(
                self.module.imagebuilder,
                fam.op("list", True),
                f"list the versions of {fam.kind} {self.name}",
                owner="Self",
                filters=[{"name": "name", "values": [self.name]}],
            ).get(fam.list_key, [])
            self._versions = {version_of(i): i["arn"] for i in items if self.owns(i)}
        return self._versions

    def owns(self, item: dict) -> bool:
        """Is a list item one of this resource's versions? Workflow names are scoped by type."""
        if item.get("name") != self.name:
            return False
        return not self.workflow_type or f":workflow/{self.workflow_type.lower()}/" in item["arn"]

    def build_arns(self, version: str) -> list:
        """Build version ARNs of one version, oldest first (a single ARN for families without builds)."""
        fam = self.family
        arn = self.versions()[version]
        if not fam.builds_op:
            return [arn]
        builds = self.module.paginate(
            self.module.imagebuilder, fam.builds_op, f"list the builds of {fam.kind} {self.name} {version}", **{fam.builds_param: arn}
        ).get(fam.builds_key, [])
        return sorted((b["arn"] for b in builds), key=lambda a: int(a.rsplit("/", 1)[1]))

    def fetch(self, arn: str) -> dict:
        fam = self.family
        return self.module.call(self.module.imagebuilder, fam.op("get"), f"read {fam.kind} {arn}", **{fam.arn_param: arn})[fam.get_key]

    def fetch_version(self, version: str) -> dict | None:
        builds = self.build_arns(version)
        return self.fetch(builds[-1]) if builds else None

    # ---- present
    def ensure(self, version_text: str, desired: dict, create_params: dict | Callable, tags: dict | None = None, purge_tags: bool = True) -> dict:
        """Make a version with `desired` content exist. Returns the outcome (see result())."""
        spec = VersionSpec(version_text)
        existing = self.versions()
        want = canonical_json(desired)
        newest_seen = None
        for version in spec.candidates(existing):
            resource = self.fetch_version(version)
            if resource is None:
                continue
            newest_seen = newest_seen or resource
            if canonical_json(self.content_of(resource)) == want:
                return self._unchanged(resource, tags, purge_tags)
            if spec.is_exact and not self.family.same_version_new_build:
                self.module.fail_json(
                    msg=(f"{self.family.kind} {self.name} version {version} already exists with different content; bump the version or use version: auto"),
                    diff=self._diff(resource, desired, version),
                )
            if not self.family.same_version_new_build or not spec.is_exact:
                # Roll forward: only the newest matching version may be reused. A document that matches an
                # older version makes a new newest one, so every consumer of "1.2.x" or "auto" follows it.
                break
        version = spec.next_version(existing)
        return self._create(version, desired, create_params, tags, newest_seen)

    def _unchanged(self, resource: dict, tags: dict | None, purge_tags: bool) -> dict:
        current_tags = resource.get("tags") or {}
        changed = reconcile_tags(self.module, resource["arn"], current_tags, tags, purge_tags)
        if changed:
            resource = dict(resource, tags=desired_tags(current_tags, tags, purge_tags))
        diff = {"before": {"tags": current_tags}, "after": {"tags": resource.get("tags") or {}}} if changed else None
        return dict(changed=changed, created=False, arn=resource["arn"], version=resource["version"], resource=resource, diff=diff)

    def _create(self, version: str, desired: dict, create_params: dict | Callable[[dict | None], dict], tags: dict | None, before: dict | None) -> dict:
        fam = self.family
        if callable(create_params):  # built from the newest matching version, e.g. to keep options the task omits
            create_params = create_params(before)
        diff = self._diff(before, desired, version)
        if self.module.check_mode:
            return dict(changed=True, created=True, arn=self.planned_arn(version), version=version, resource=None, diff=diff)
        params = dict(create_params, semanticVersion=version, clientToken=self.module.client_token())
        if tags:
            params["tags"] = {str(k): str(v) for k, v in tags.items()}
        result = self.module.call(self.module.imagebuilder, fam.op("create"), f"create {fam.kind} {self.name} {version}", **params)
        arn = result[fam.arn_param]
        return dict(changed=True, created=True, arn=arn, version=version, resource=self.fetch(arn), diff=diff)

    def planned_arn(self, version: str) -> str:
        """The ARN a create of `version` would return (check mode); build 1 for families with builds."""
        arn_type = f"workflow/{self.workflow_type.lower()}" if self.workflow_type else self.family.kind
        return planned_arn(self.module, arn_type, self.name, version, 1 if self.family.builds_key else None)

    def _diff(self, before: dict | None, desired: dict, version: str) -> dict:
        before_text = render(self.content_of(before)) if before else ""
        return {
            "before_header": f"{self.family.kind} {self.name} {before['version']}" if before else "(none)",
            "after_header": f"{self.family.kind} {self.name} {version}",
            "before": before_text,
            "after": render(desired),
        }

    # ---- absent / retention
    def delete_versions(self, versions: list, keep_in_use: bool = False) -> tuple[list, dict]:
        """Delete every build of the given versions. Returns (deleted ARNs, {ARN: reason kept})."""
        fam = self.family
        deleted: list = []
        kept: dict = {}
        for version in sorted(versions, key=parse_version):
            for arn in self.build_arns(version):
                if self.module.check_mode:
                    deleted.append(arn)
                    continue
                try:
                    getattr(self.module.imagebuilder, fam.op("delete"))(aws_retry=True, **{fam.arn_param: arn})
                    deleted.append(arn)
                except AWS_ERRORS as exc:
                    if is_not_found(exc):
                        continue
                    if error_code(exc) == "ResourceDependencyException" and keep_in_use:
                        kept[arn] = str(exc.response["Error"].get("Message", "in use"))
                        continue
                    action = call_action(self.module.imagebuilder, fam.op("delete"), f"delete {fam.kind} {arn}")
                    self.module.fail_aws(exc, action, deleted=deleted)
        return deleted, kept

    def retention_victims(self, keep: int) -> list:
        """Versions beyond the newest `keep`."""
        ordered = sorted(self.versions(), key=parse_version, reverse=True)
        return ordered[keep:]


def version_of(summary: dict) -> str:
    """The semantic version of a list item; recipe summaries carry none: it is the last part of their ARN."""
    return summary.get("version") or summary["arn"].rsplit("/", 1)[1]


# ---- results


def result(outcome: dict, result_key: str, **extra: Any) -> dict:
    """The exit_json dict of state=present: what matched or was made, the resource in snake_case, the diff."""
    resource = outcome["resource"]
    shaped = dict(changed=outcome["changed"], created=outcome["created"], arn=outcome["arn"], version=outcome["version"], **extra)
    shaped[result_key] = to_snake(resource) if resource else {}
    if outcome.get("diff"):
        shaped["diff"] = outcome["diff"]
    return shaped


def ensure(module: ImageForgeModule, rec: VersionedReconciler, desired: dict, create_params: dict | Callable, result_key: str, **extra: Any) -> dict:
    """state=present: reconcile, shape the result, then apply retain_versions."""
    params = module.params
    outcome = rec.ensure(params["version"], desired, create_params, params.get("tags"), params["purge_tags"])
    shaped = result(outcome, result_key, **extra)
    if params.get("retain_versions"):
        deleted, kept = retain(module, rec, outcome, params["retain_versions"])
        shaped.update(deleted=deleted, kept_in_use=kept, changed=shaped["changed"] or bool(deleted))
    return shaped


# ---- who uses a version


def pipelines_using(module: ImageForgeModule, arn: str) -> list:
    """Image pipelines whose recipe or workflows refer to `arn` (a recipe or workflow version/build ARN)."""
    pipelines = module.paginate(module.imagebuilder, "list_image_pipelines", f"list the image pipelines that could use {arn}").get("imagePipelineList", [])
    version_arn = _version_arn(arn)
    users = []
    for pipeline in pipelines:
        refs = [pipeline.get("imageRecipeArn"), pipeline.get("containerRecipeArn")]
        refs += [w.get("workflowArn") for w in pipeline.get("workflows") or []]
        if any(ref and (ref in (arn, version_arn) or ref.startswith(version_arn + "/")) for ref in refs):
            users.append(pipeline["arn"])
    return users


def recipes_using(module: ImageForgeModule, arn: str) -> list:
    """The caller's image and container recipes whose components include `arn` (a component build or version ARN)."""
    version_arn = _version_arn(arn)
    users = []
    for fam in RECIPE_FAMILIES:
        summaries = module.paginate(module.imagebuilder, fam.op("list", True), f"list the recipes that could use {arn}", owner="Self").get(fam.list_key, [])
        for summary in summaries:
            recipe = module.call(module.imagebuilder, fam.op("get"), f"read {summary['arn']}", **{fam.arn_param: summary["arn"]})[fam.get_key]
            if any(c.get("componentArn") in (arn, version_arn) for c in recipe.get("components") or []):
                users.append(summary["arn"])
    return users


def users_of(module: ImageForgeModule, arn: str) -> list:
    """Who still uses a version: recipes for a component, pipelines for a recipe or a workflow."""
    return recipes_using(module, arn) if ":component/" in arn else pipelines_using(module, arn)


BUILD_ARN_SLASHES = 4  # workflow/build/<name>/<version>/<build>: more slashes than this is a build ARN


def _version_arn(arn: str) -> str:
    return arn if arn.count("/") < BUILD_ARN_SLASHES else arn.rsplit("/", 1)[0]


def refuse_in_use(module: ImageForgeModule, rec: VersionedReconciler, victims: list) -> None:
    """Before any Delete: fail, naming the users, when a version to delete is in use (reads only)."""
    in_use = {}
    for version in victims:
        for arn in rec.build_arns(version):
            users = users_of(module, arn)
            if users:
                in_use[arn] = users
    if in_use:
        named = "; ".join(f"{arn} is used by {', '.join(users)}" for arn, users in in_use.items())
        module.fail_json(
            msg=f"{rec.family.kind} versions in use are not deleted: {named}. Repoint or delete their users first; nothing was deleted",
            in_use=in_use,
            changed=False,
        )


def _named_users(module: ImageForgeModule, kept: dict) -> dict:
    return {arn: (f"used by {', '.join(users)}" if (users := users_of(module, arn)) else reason) for arn, reason in kept.items()}


def remove(module: ImageForgeModule, rec: VersionedReconciler) -> dict:
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
        lines = "; ".join(f"{arn} ({named})" for arn, named in _named_users(module, kept).items())
        module.fail_json(
            msg=f"{rec.family.kind} versions still in use were not deleted: {lines}. Repoint or delete their users first",
            deleted=deleted,
            in_use=list(kept),
            changed=bool(deleted),
        )
    return dict(changed=bool(deleted), deleted=deleted)


def retain(module: ImageForgeModule, rec: VersionedReconciler, outcome: dict, keep: int) -> tuple[list, dict]:
    """retain_versions: keep the `keep` newest versions (the task's one included); older ones in use stay."""
    # The version list was read before any create, so a new version takes one of the kept places.
    keep -= 1 if outcome["created"] else 0
    victims = [v for v in rec.retention_victims(keep) if v != outcome["version"]]
    deleted, kept = rec.delete_versions(victims, keep_in_use=True)
    return deleted, _named_users(module, kept)


# ---- the _info lister


def find(
    module: ImageForgeModule,
    family: VersionedFamily,
    full: bool,
    filters: dict | None = None,
    keep: Callable[[dict], bool] = lambda summary: True,
) -> list:
    """_info: the versions (or build versions) of `owner` that match the filters and `version`, by name, newest
    first; `full` reads each with Get. The `arn` option reads that one resource instead."""
    params = module.params
    client = module.imagebuilder
    if params.get("arn"):
        found = module.call_or_none(client, family.op("get"), f"read {family.kind} {params['arn']}", **{family.arn_param: params["arn"]})
        return [found[family.get_key]] if found else []  # a missing `arn` is an empty list
    spec = VersionSpec(params["version"]) if params.get("version") else None
    listed = module.paginate(client, family.op("list", True), f"list the {params['owner']} {family.kind}s", owner=params["owner"], **(filters or {})).get(
        family.list_key, []
    )
    listed = [s for s in listed if (spec is None or spec.matches(version_of(s))) and keep(s)]
    if family.builds_op and (params["owner"] == "Self" or family.builds_of_others):
        # Others' components are listed by version; GetComponent on a version ARN reads its newest build.
        listed = [
            build
            for summary in listed
            for build in module.paginate(client, family.builds_op, f"list the builds of {summary['arn']}", **{family.builds_param: summary["arn"]}).get(
                family.builds_key, []
            )
        ]
    if full:
        found = [module.call_or_none(client, family.op("get"), f"read {family.kind} {s['arn']}", **{family.arn_param: s["arn"]}) for s in listed]
        listed = [f[family.get_key] for f in found if f]  # one deleted meanwhile is no entry
    return sorted(listed, key=lambda s: _newest_first(family, s))


def latest(family: VersionedFamily, found: list) -> list:
    """The newest of each name in a find() answer (newest first by name)."""
    newest: dict = {}
    for item in found:
        entry = {"name": item["name"], "version": item["version"], "arn": item["arn"]}
        if family.typed_names:
            entry["type"] = item.get("type")
        newest.setdefault((item.get("type"), item["name"]) if family.typed_names else item["name"], entry)
    return list(newest.values())


def _newest_first(family: VersionedFamily, summary: dict) -> tuple:
    last = summary["arn"].rsplit("/", 1)[1]
    names = (summary.get("type") or "", summary["name"]) if family.typed_names else (summary["name"],)
    return (*names, tuple(-p for p in sort_key(version_of(summary))), -int(last) if last.isdigit() else 0)
