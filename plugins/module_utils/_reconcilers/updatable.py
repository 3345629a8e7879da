# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for named resources whose Update call replaces the whole resource (infrastructure and
distribution configurations, image pipelines, lifecycle policies): find by name, create, update with the
current values merged in, tag, delete, list.

Image Builder's Update* calls reset every optional field they omit, so the
request is built from the current resource with the task's options merged on
top: an option the task did not set keeps its current value. Which members of
the current resource go into the request is read from botocore's model (every
member of the Get result that the Update input accepts, at any depth), so a
member that no option of the module knows is kept too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from .._core.errors import call_action
from .._core.model_checks import check_call
from .._core.paginate import list_filters
from .._core.planned import planned_arn
from .._core.removal import remove as remove_resource
from .._core.tags import desired_tags
from .._core.tags import reconcile_tags
from .._core.transforms import canonical_json
from .._core.transforms import to_snake

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule


# The options every updatable module has (a module may override one, such as lifecycle_policy's state).
ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    description=dict(type="str"),
    tags=dict(type="dict", aliases=["resource_tags"]),
    purge_tags=dict(type="bool", default=True),
)

# User data maps: a value the task sets is the whole map, never merged key by key.
REPLACED_KEYS = ("tags", "resourceTags", "amiTags", "imageTags", "containerTags", "tagMap", "parameters")


def merge(current: Any, desired: Any, replace: tuple = REPLACED_KEYS) -> Any:
    """desired over current: dicts merge key by key, None means "not set", lists and `replace` keys replace."""
    if desired is None:
        return current
    if isinstance(current, dict) and isinstance(desired, dict):
        merged = dict(current)
        for key, value in desired.items():
            if value is not None:
                merged[key] = value if key in replace else merge(current.get(key), value, replace)
        return merged
    return desired


def accepted(shape: Any, value: Any, skip: tuple = ()) -> Any:
    """The part of `value` (a Get result) that the input `shape` accepts, at any depth; `skip` top-level members."""
    if value is None:
        return None
    if shape.type_name == "structure" and isinstance(value, dict):
        kept = {}
        for key, inner in value.items():
            if key in shape.members and key not in skip and inner is not None:
                kept[key] = accepted(shape.members[key], inner)
        return kept
    if shape.type_name == "list" and isinstance(value, list):
        return [accepted(shape.member, inner) for inner in value]
    return value


def update_shape(client: Any, operation: str) -> Any:
    """The input shape of an Update operation (snake_case name) of a boto3 client."""
    api_name = "".join(part.capitalize() for part in operation.split("_"))
    return client.meta.service_model.operation_model(api_name).input_shape


def drop_empty(value: Any) -> Any:
    """Drop None, {} and [] at any depth: Image Builder stores an empty value as no value."""
    if isinstance(value, dict):
        cleaned = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [drop_empty(v) for v in value]
    return value


def differences(current: Any, wanted: Any, path: str = "") -> list:
    """Readable list of 'path: before -> after' for every leaf that differs."""
    if isinstance(current, dict) and isinstance(wanted, dict):
        lines = []
        for key in sorted(set(current) | set(wanted)):
            lines += differences(current.get(key), wanted.get(key), f"{path}.{key}" if path else key)
        return lines
    if canonical_json(current) != canonical_json(wanted):
        return [f"{path}: {canonical_json(current)} -> {canonical_json(wanted)}"]
    return []


class UpdatableReconciler:
    """Compare the resource with the task; create, update with merged values, or leave alone.

    `shape` is the Update call's input shape (botocore); `request_only` are its members
    that are not resource fields (the ARN, clientToken). `normalise(request)` fills the
    API's defaults so that an omitted option compares equal to the stored default.
    """

    def __init__(self, module: ImageForgeModule | None, kind: str, shape: Any, normalise: Callable | None = None,
                 create_defaults: dict | None = None, exclusive: tuple = (), replace: tuple = REPLACED_KEYS,
                 request_only: tuple = ("clientToken",)) -> None:
        """`create_defaults` are used only when the resource is created (safe defaults that differ
        from the API's); `exclusive` are groups of fields of which a task that sets one drops the others;
        `replace` are keys whose dict value the task gives whole."""
        self.module = module
        self.kind = kind
        self.shape = shape
        self.request_only = request_only
        self.normalise = normalise or (lambda request: request)
        self.create_defaults = create_defaults or {}
        self.exclusive = exclusive
        self.replace = replace

    def current_request(self, resource: dict | None) -> dict | None:
        """Every member of a Get result that the Update request accepts."""
        return accepted(self.shape, resource, self.request_only)

    def plan(self, resource: dict | None, desired: dict) -> tuple:
        """(action, request, diff): action is create, update or none."""
        desired = {k: v for k, v in desired.items() if v is not None}
        if resource is None:
            request = self.normalise(merge(self.create_defaults, desired))
            return "create", request, {"before": {}, "after": request}
        before = self.normalise(self.current_request(resource))
        merged = merge(before, desired, self.replace)
        for group in self.exclusive:
            if any(key in desired for key in group):
                merged = {k: v for k, v in merged.items() if k not in group or k in desired}
        after = self.normalise(merged)
        if canonical_json(before) == canonical_json(after):
            return "none", after, None
        return "update", after, {"before": before, "after": after, "changes": differences(before, after)}


@dataclass(frozen=True)
class UpdatableFamily:
    stem: str  # the camelCase resource name of its calls: infrastructureConfiguration
    plural: str  # snake_case, as in its List call: infrastructure_configurations
    required: tuple = ()  # (request key, option name) a create needs
    list_key: str = ""  # the list member of the List answer, when not <stem>SummaryList

    @property
    def result_key(self) -> str:
        """snake_case key of the module result: infrastructure_configuration."""
        return "".join("_" + c.lower() if c.isupper() else c for c in self.stem)

    @property
    def kind(self) -> str:
        """Words for messages: infrastructure configuration."""
        return self.result_key.replace("_", " ")

    @property
    def arn_key(self) -> str:
        return f"{self.stem}Arn"

    @property
    def get_key(self) -> str:
        return self.stem

    @property
    def summaries_key(self) -> str:
        return self.list_key or f"{self.stem}SummaryList"

    @property
    def list_op(self) -> str:
        return f"list_{self.plural}"

    def op(self, verb: str) -> str:
        """get, create, update or delete: get_infrastructure_configuration."""
        return f"{verb}_{self.result_key}"


def find_arn(module: ImageForgeModule, family: UpdatableFamily, name: str) -> str | None:
    """The ARN of the caller's resource with this exact name, or None."""
    items = module.paginate(module.imagebuilder, family.list_op, f"find {family.kind} {name}",
                            filters=[{"name": "name", "values": [name]}]).get(family.summaries_key, [])
    for item in items:
        if item.get("name") == name:
            return item["arn"]
    return None


def fetch(module: ImageForgeModule, family: UpdatableFamily, arn: str | None) -> dict:
    return module.call(module.imagebuilder, family.op("get"), f"read {family.kind} {arn}", **{family.arn_key: arn})[family.get_key]


def ensure(module: ImageForgeModule, family: UpdatableFamily, name: str, desired: dict, normalise: Callable | None = None,
           create_defaults: dict | None = None, exclusive: tuple = (), replace: tuple = REPLACED_KEYS) -> dict:
    """Create or update the resource so the options the task set have their values. Returns exit_json kwargs."""
    params = module.params
    arn = find_arn(module, family, name)
    resource = fetch(module, family, arn) if arn else None
    rec = UpdatableReconciler(module, family.kind, update_shape(module.imagebuilder, family.op("update")), normalise,
                              create_defaults, exclusive, replace, request_only=(family.arn_key, "clientToken"))
    action, request, diff = rec.plan(resource, desired)
    if action == "create":
        missing = [option for key, option in family.required if request.get(key) in (None, [], {})]
        if missing:
            module.fail_json(msg=f"{family.kind} {name} does not exist; to create it set {', '.join(missing)}")
        check_call(module, module.imagebuilder, family.op("create"), dict(request, name=name, **_tags_param(params)), family.kind)
    elif action == "update":
        check_call(module, module.imagebuilder, family.op("update"), dict(request, **{family.arn_key: arn}), family.kind)

    current_tags = (resource or {}).get("tags") or {}
    tags_after = desired_tags(current_tags, params.get("tags"), params.get("purge_tags", True))
    tags_changed = resource is not None and tags_after != current_tags
    changed = action != "none" or tags_changed
    if not module.check_mode:
        if action == "create":
            arn = module.call(module.imagebuilder, family.op("create"), f"create {family.kind} {name}", name=name,
                              clientToken=module.client_token(), **_tags_param(params), **request)[family.arn_key]
        elif action == "update":
            module.call(module.imagebuilder, family.op("update"), f"update {family.kind} {name}",
                        clientToken=module.client_token(), **dict(request, **{family.arn_key: arn}))
        if tags_changed:
            reconcile_tags(module, arn, current_tags, params.get("tags"), params.get("purge_tags", True))
        if changed:
            resource = fetch(module, family, arn)
    elif changed:
        if action == "create":  # the ARN the create would return, for later tasks of a check-mode run
            arn = planned_arn(module, family.kind.replace(" ", "-"), name)
        resource = dict(resource or {}, name=name, **request)
        resource["tags"] = tags_after
    result = dict(changed=changed, arn=arn, created=action == "create")
    result[family.result_key] = to_snake(resource) if resource else {}
    if changed:
        diff = diff or {"before": rec.normalise(rec.current_request(resource)), "after": request}
        diff = dict(diff, before=dict(diff["before"], tags=current_tags), after=dict(diff["after"], tags=tags_after))
        result["changes"] = diff.pop("changes", []) + (["tags: changed"] if tags_changed else [])
        if module._diff:
            result["diff"] = diff
    return result


def remove(module: ImageForgeModule, family: UpdatableFamily, name: str) -> dict:
    arn = find_arn(module, family, name)
    if arn and not module.check_mode:
        action = call_action(module.imagebuilder, family.op("delete"), f"delete {family.kind} {name}")
        remove_resource(module, module.imagebuilder, family.op("delete"), action, **{family.arn_key: arn})
    return dict(changed=bool(arn), arn=arn)


def find(module: ImageForgeModule, family: UpdatableFamily, name: str | None = None, arn: str | None = None) -> list:
    """_info: full resources (snake_case), filtered by exact name or ARN, sorted by name."""
    if arn:
        arns = [arn]
    else:
        items = module.paginate(module.imagebuilder, family.list_op, f"list {family.kind} resources",
                                **list_filters(name=name)).get(family.summaries_key, [])
        arns = [i["arn"] for i in sorted(items, key=lambda i: i.get("name", "")) if not name or i.get("name") == name]
    found = [module.call_or_none(module.imagebuilder, family.op("get"), f"read {family.kind} {a}", **{family.arn_key: a})
             for a in arns]
    return [to_snake(f[family.get_key]) for f in found if f]  # a missing `arn` is an empty list


def _tags_param(params: dict[str, Any]) -> dict[str, Any]:
    tags = params.get("tags")
    return {"tags": {str(k): str(v) for k, v in tags.items()}} if tags else {}


def reconcile(module: ImageForgeModule, family: UpdatableFamily, desired_of: Callable, **how: Any) -> None:
    """A module's main after its arguments: state=absent removes; else desired_of(module) checks the options and
    returns the request, and ensure() applies it with `how` (normalise, create_defaults, exclusive, replace)."""
    name = module.params["name"]
    if module.params["state"] == "absent":
        module.exit_json(**remove(module, family, name))
    module.exit_json(**ensure(module, family, name, desired_of(module), **how))


INFO_ARGUMENT_SPEC = dict(name=dict(type="str"), arn=dict(type="str"))


def run_info(module: ImageForgeModule, family: UpdatableFamily) -> None:
    """An _info module's main after its arguments (INFO_ARGUMENT_SPEC): every match as <plural>."""
    found = find(module, family, module.params["name"], module.params["arn"])
    module.exit_json(changed=False, **{family.plural: found})
