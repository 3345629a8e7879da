# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Named, updatable Image Builder resources (configurations, pipelines, lifecycle policies):
find by name, create, update with the current values merged in, tag, delete, list."""

from __future__ import annotations

from dataclasses import dataclass

from .._core.errors import AWS_ERRORS
from .._core.model_checks import check_call
from .._core.paginate import list_filters
from .._core.paginate import paginate
from .._core.planned import planned_arn
from .._core.removal import remove as remove_resource
from .._core.tags import desired_tags
from .._core.tags import reconcile_tags
from .._core.transforms import to_snake
from .updatable import REPLACED_KEYS
from .updatable import UpdatableReconciler
from .updatable import update_shape


@dataclass(frozen=True)
class UpdatableFamily:
    kind: str  # words for messages: "infrastructure configuration"
    result_key: str  # snake_case key of the module result
    arn_key: str  # request/response key of the ARN
    list_op: str
    list_key: str
    get_op: str
    get_key: str
    create_op: str
    update_op: str
    delete_op: str
    required: tuple = ()  # (request key, option name) a create needs


def find_arn(module, family, name):
    """The ARN of the caller's resource with this exact name, or None."""
    try:
        items = paginate(module.imagebuilder, family.list_op, family.list_key, filters=[{"name": "name", "values": [name]}])
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"find {family.kind} {name}")
    for item in items:
        if item.get("name") == name:
            return item["arn"]
    return None


def fetch(module, family, arn):
    return module.call(module.imagebuilder, family.get_op, f"read {family.kind} {arn}", **{family.arn_key: arn})[family.get_key]


def ensure(module, family, name, desired, normalise=None, create_defaults=None, exclusive=(), replace=REPLACED_KEYS):
    """Create or update the resource so the options the task set have their values. Returns exit_json kwargs."""
    params = module.params
    arn = find_arn(module, family, name)
    resource = fetch(module, family, arn) if arn else None
    rec = UpdatableReconciler(module, family.kind, update_shape(module.imagebuilder, family.update_op), normalise,
                              create_defaults, exclusive, replace, request_only=(family.arn_key, "clientToken"))
    action, request, diff = rec.plan(resource, desired)
    if action == "create":
        missing = [option for key, option in family.required if request.get(key) in (None, [], {})]
        if missing:
            module.fail_json(msg=f"{family.kind} {name} does not exist; to create it set {', '.join(missing)}")
        check_call(module, module.imagebuilder, family.create_op, dict(request, name=name, **_tags_param(params)), family.kind)
    elif action == "update":
        check_call(module, module.imagebuilder, family.update_op, dict(request, **{family.arn_key: arn}), family.kind)

    current_tags = (resource or {}).get("tags") or {}
    tags_after = desired_tags(current_tags, params.get("tags"), params.get("purge_tags", True))
    tags_changed = resource is not None and tags_after != current_tags
    changed = action != "none" or tags_changed
    if not module.check_mode:
        if action == "create":
            arn = module.call(module.imagebuilder, family.create_op, f"create {family.kind} {name}", name=name,
                              clientToken=module.client_token(), **_tags_param(params), **request)[family.arn_key]
        elif action == "update":
            module.call(module.imagebuilder, family.update_op, f"update {family.kind} {name}",
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


def remove(module, family, name):
    arn = find_arn(module, family, name)
    if arn and not module.check_mode:
        remove_resource(module, module.imagebuilder, family.delete_op, f"delete {family.kind} {name}", **{family.arn_key: arn})
    return dict(changed=bool(arn), arn=arn)


def find(module, family, name=None, arn=None):
    """_info: full resources (snake_case), filtered by exact name or ARN, sorted by name."""
    if arn:
        arns = [arn]
    else:
        try:
            items = paginate(module.imagebuilder, family.list_op, family.list_key, **list_filters(name=name))
        except AWS_ERRORS as exc:
            module.fail_aws(exc, f"list {family.kind} resources")
        arns = [i["arn"] for i in sorted(items, key=lambda i: i.get("name", "")) if not name or i.get("name") == name]
    found = [module.call_or_none(module.imagebuilder, family.get_op, f"read {family.kind} {a}", **{family.arn_key: a})
             for a in arns]
    return [to_snake(f[family.get_key]) for f in found if f]  # a missing `arn` is an empty list


def _tags_param(params):
    tags = params.get("tags")
    return {"tags": {str(k): str(v) for k, v in tags.items()}} if tags else {}
