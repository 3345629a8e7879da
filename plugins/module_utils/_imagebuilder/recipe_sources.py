# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a recipe is built from: its parent image and its components, resolved to what AWS stores.

Every lookup is a read and happens before any write, so a bad reference fails
the task with nothing created.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from typing import Any

from .._core.arns import ArnError
from .._core.arns import parse_arn
from .._core.errors import AWS_ERRORS
from .._core.errors import error_code
from .._core.errors import is_not_found
from .._core.planned import may_be_planned
from .._core.planned import note
from .._core.planned import planned_arn
from .._core.versions import VersionError
from .._core.versions import VersionSpec
from .._core.versions import parse_version
from .._core.versions import sort_key

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

AMI_RE = re.compile(r"^ami-[0-9a-f]{8,17}$")
# An image name: a managed image's ARN slug (amazon-linux-2023-x86) or its display name (Amazon Linux 2023 x86),
# a Marketplace or shared image's name. Image Builder's ResourceName pattern: letters, digits, -, _ and spaces.
IMAGE_NAME_RE = re.compile(r"^[-_A-Za-z0-9](?:[-_A-Za-z0-9 ]*[-_A-Za-z0-9])?$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Who may own a component or parent image given by name, in the order they are tried.
NAME_OWNERS = ("Self", "Amazon", "Shared", "AWSMarketplace")
LATEST = (None, "", "latest", "x.x.x")


class SourceError(ValueError):
    pass


def component_spec(version: str | None) -> VersionSpec | None:
    """A component entry's version -> a VersionSpec, or None for "the newest"."""
    if version in LATEST:
        return None
    if version == "auto":
        raise SourceError("components: version 'auto' is not a component version; omit it for the newest")
    try:
        return VersionSpec(version)
    except VersionError as exc:
        raise SourceError(f"components: {exc}") from None


def check_component_entries(entries: list) -> None:
    """Input faults of the `components` option, before any call."""
    if not entries:
        raise SourceError("components: a recipe needs at least one component")
    for index, entry in enumerate(entries):
        where = f"components[{index}]"
        if bool(entry.get("name")) == bool(entry.get("arn")):
            raise SourceError(f"{where}: give exactly one of name or arn")
        if entry.get("arn"):
            try:
                parts = parse_arn(entry["arn"])
            except ArnError as exc:
                raise SourceError(f"{where}: {exc}") from None
            if parts["type"] != "component":
                raise SourceError(f"{where}: {entry['arn']} is not a component ARN")
            if entry.get("version"):
                raise SourceError(f"{where}: version goes with name; an ARN carries its own version")
        else:
            component_spec(entry.get("version"))


def parameters_of(entry: dict) -> list:
    """The entry's parameters in the API's form, sorted by name (their order has no meaning)."""
    params = entry.get("parameters") or {}
    result = []
    for name in sorted(params):
        value = params[name]
        values = value if isinstance(value, list) else [value]
        result.append({"name": str(name), "value": [_text(v) for v in values]})
    return result


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class ComponentResolver:
    """Names and ARNs -> the component ARNs a recipe stores. Lookups are batched by owner."""

    def __init__(self, module: ImageForgeModule) -> None:
        self.module = module
        self._versions: dict[tuple[str | None, str], list[dict[str, Any]]] = {}  # (owner, name) -> [ComponentVersion]

    def resolve(self, entries: list) -> tuple[list, list]:
        """[{componentArn, parameters}] plus a list of {requested, arn} resolutions, in the task's order."""
        names = sorted({e["name"] for e in entries if e.get("name")})
        for index, owner in enumerate(NAME_OWNERS):
            self._load(owner, [n for n in names if not any(self._versions.get((o, n)) for o in NAME_OWNERS[:index])])
        configs, resolutions = [], []
        for entry in entries:
            arn = self._entry_arn(entry)
            config: dict[str, Any] = {"componentArn": arn}
            if entry.get("parameters"):
                config["parameters"] = parameters_of(entry)
            configs.append(config)
            requested = entry.get("arn") or f"{entry['name']} {entry.get('version') or '(newest)'}"
            resolutions.append({"requested": requested, "arn": arn})
        return configs, resolutions

    def _load(self, owner: str, names: list[str]) -> None:
        for start in range(0, len(names), 10):  # a filter takes at most 10 values
            chunk = names[start:start + 10]
            items = self.module.paginate(self.module.imagebuilder, "list_components",
                                         f"list the {owner} components {', '.join(chunk)}",
                                         owner=owner, filters=[{"name": "name", "values": chunk}]).get("componentVersionList", [])
            for name in chunk:
                self._versions[(owner, name)] = [i for i in items if i.get("name") == name]

    def _entry_arn(self, entry: dict[str, Any]) -> str:
        if entry.get("arn"):
            self._check_arn(entry["arn"])
            return entry["arn"]
        name = entry["name"]
        owner = next((o for o in NAME_OWNERS if self._versions.get((o, name))), None)
        versions = self._versions.get((owner, name)) or []
        spec = component_spec(entry.get("version"))
        if not versions and self.module.check_mode:
            version = (spec or VersionSpec("auto")).next_version([])  # what a first create of that spec makes
            arn = planned_arn(self.module, "component", name, version, 1)
            note(self.module, f"components: {name} does not exist yet; taking {arn}, which an earlier task would create")
            return arn
        if not versions:
            self.module.fail_json(msg=f"components: no component named {name} exists: not yours, not Amazon-managed, "
                                      "not shared with you and not from an AWS Marketplace subscription")
        matching = [v for v in versions if spec is None or spec.matches(v["version"])]
        if not matching:
            found = ", ".join(sorted((v["version"] for v in versions), key=parse_version))
            self.module.fail_json(msg=f"components: {name} has no version matching {entry['version']} (found: {found})")
        chosen = max(matching, key=lambda v: parse_version(v["version"]))
        if owner == "Self":
            return self._newest_build(chosen["arn"])
        # ListComponentBuildVersions lists only components the account owns (API reference); GetComponent
        # on a version ARN answers its newest build for any component the caller may use.
        return get_component(self.module, chosen["arn"])["arn"]

    def _newest_build(self, version_arn: str) -> str:
        builds = self.module.paginate(self.module.imagebuilder, "list_component_build_versions",
                                      f"list the builds of {version_arn}",
                                      componentVersionArn=version_arn).get("componentSummaryList", [])
        if not builds:
            self.module.fail_json(msg=f"components: {version_arn} has no build version")
        return max((b["arn"] for b in builds), key=lambda a: int(a.rsplit("/", 1)[1]))

    def _check_arn(self, arn: str) -> None:
        """An ARN is used as given, but it must match a component (its version may be a pattern such as 1.0.x).
        GetComponent takes any of them, whoever owns the component; a name in a managed or Marketplace ARN
        need not be the component's name, so no List is used."""
        if get_component(self.module, arn, missing_ok=True) is None:
            if may_be_planned(self.module, arn):
                note(self.module, f"components: {arn} does not exist yet; taking it as created by an earlier task")
                return
            self.module.fail_json(msg=f"components: no component matches {arn}")


def get_component(module: ImageForgeModule, arn: str, missing_ok: bool = False) -> Any:
    """GetComponent of a build, version or wildcard ARN; None when it does not exist and missing_ok."""
    read = module.call_or_none if missing_ok else module.call
    found = read(module.imagebuilder, "get_component", f"read component {arn}", componentBuildVersionArn=arn)
    return found["component"] if found else None


def check_parent_image_syntax(parent: Any, container: bool = False) -> None:
    """Input faults of parent_image, before any call."""
    if not parent or not isinstance(parent, str):
        raise SourceError("parent_image is required")
    if parent.startswith("arn:"):
        try:
            parts = parse_arn(parent)
        except ArnError as exc:
            raise SourceError(f"parent_image: {exc}") from None
        if parts["type"] != "image":
            raise SourceError(f"parent_image: {parent} is not an Image Builder image ARN")
        return
    if container:
        return  # a container registry reference such as amazonlinux:2023
    if parent.startswith("ssm:"):
        if len(parent) < 5:
            raise SourceError("parent_image: an SSM parameter looks like ssm:/aws/service/...")
        return
    if parent.startswith("ami-"):
        if not AMI_RE.match(parent):
            raise SourceError(f"parent_image: {parent} is not an AMI id (ami- and 8 or 17 hex digits)")
        return
    if not IMAGE_NAME_RE.match(parent):
        raise SourceError(
            f"parent_image: {parent!r} is neither an AMI id, an ssm: parameter, an image ARN nor the name of an "
            "image such as amazon-linux-2023-x86 or Amazon Linux 2023 x86"
        )


def resolve_parent_image(module: ImageForgeModule, parent: str, container: bool = False) -> str:
    """The parent image as the recipe stores it; fails with a clear message when it does not exist."""
    if parent.startswith("arn:"):
        return _check_image_arn(module, parent)
    if container:
        return parent
    if parent.startswith("ami-"):
        try:
            images = module.client_for("ec2").describe_images(aws_retry=True, ImageIds=[parent])["Images"]
        except AWS_ERRORS as exc:
            if is_not_found(exc) or error_code(exc) in ("InvalidAMIID.Malformed", "InvalidAMIID.Unavailable"):
                module.fail_json(msg=f"parent_image: AMI {parent} does not exist or is not visible to this account (ec2:DescribeImages)")
            module.fail_aws(exc, f"read AMI {parent} (ec2:DescribeImages)")
        if not images:
            module.fail_json(msg=f"parent_image: AMI {parent} does not exist or is not visible to this account (ec2:DescribeImages)")
        return parent
    if parent.startswith("ssm:"):
        try:
            module.client_for("ssm").get_parameter(aws_retry=True, Name=parent[4:])
        except AWS_ERRORS as exc:
            if is_not_found(exc) or error_code(exc) == "ValidationException":
                module.fail_json(msg=f"parent_image: SSM parameter {parent[4:]} does not exist")
            module.fail_aws(exc, f"read SSM parameter {parent[4:]} (ssm:GetParameter)")
        return parent
    return _image_by_name(module, parent)


def _image_by_name(module: ImageForgeModule, name: str) -> str:
    """A managed image by its ARN slug (amazon-linux-2023-x86) or any image by its name as ListImages shows it
    (managed: the display name "Amazon Linux 2023 x86"; Marketplace, shared and own images: their name).
    Managed images answer `name` with the display name, so a slug is looked up by its x.x.x ARN."""
    region = module.region
    if SLUG_RE.match(name):
        for account in ("aws", "aws-marketplace"):
            arn = f"arn:{_partition(region)}:imagebuilder:{region}:{account}:image/{name}/x.x.x"
            if get_image(module, arn, missing_ok=True) is not None:
                return arn
    for owner in NAME_OWNERS[1:] + NAME_OWNERS[:1]:
        images = _list_images(module, owner, name)
        if images:
            return max(images, key=lambda i: sort_key(i["version"]))["arn"]
    return module.fail_json(msg=f"parent_image: no image named {name} exists: neither an Amazon-managed image (by "
                                "its ARN name or display name), an AWS Marketplace image, nor one shared with you or yours")


def _check_image_arn(module: ImageForgeModule, arn: str) -> str:
    """GetImage takes build, version and wildcard ARNs of any image the caller may use."""
    if get_image(module, arn, missing_ok=True) is None:
        if may_be_planned(module, arn):
            note(module, f"parent_image: {arn} does not exist yet; taking it as built by an earlier task")
            return arn
        module.fail_json(msg=f"parent_image: no image matches {arn}")
    return arn


def get_image(module: ImageForgeModule, arn: str, missing_ok: bool = False) -> Any:
    read = module.call_or_none if missing_ok else module.call
    found = read(module.imagebuilder, "get_image", f"read image {arn}", imageBuildVersionArn=arn)
    return found["image"] if found else None


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    return "aws-us-gov" if region.startswith("us-gov-") else "aws"


def _list_images(module: ImageForgeModule, owner: str, name: str) -> list[dict[str, Any]]:
    images = module.paginate(module.imagebuilder, "list_images", f"list the {owner} images named {name}", owner=owner,
                             filters=[{"name": "name", "values": [name]}]).get("imageVersionList", [])
    return [i for i in images if i.get("name") == name]
