# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconciler for immutable, versioned resources (components, recipes, workflows).

A new version is created only when the desired content differs from the newest
version the version spec may reuse (content equal to an older version rolls
forward into a new newest version). Check mode makes no write call.
"""

from __future__ import annotations

from .._core.errors import AWS_ERRORS
from .._core.errors import error_code
from .._core.paginate import paginate
from .._core.planned import planned_arn
from .._core.tags import desired_tags
from .._core.tags import reconcile_tags
from .._core.transforms import canonical_json
from .._core.versions import VersionSpec
from .._core.versions import parse_version


class VersionedReconciler:
    def __init__(self, module, family, name, content_of, render=None):
        """content_of(resource) -> the comparable content of a resource returned by Get."""
        self.module = module
        self.family = family
        self.name = name
        self.content_of = content_of
        self.render = render or canonical_json
        self._versions = None

    # ---- reads
    def versions(self):
        """{semantic version: version ARN} of the caller's own versions of this name."""
        if self._versions is None:
            fam = self.family
            params = dict(owner="Self", filters=[{"name": "name", "values": [self.name]}], **fam.list_extra)
            try:
                items = paginate(self.module.imagebuilder, fam.list_op, fam.list_key, **params)
            except AWS_ERRORS as exc:
                self.module.fail_aws(exc, f"list the versions of {fam.kind} {self.name}")
            # Recipe summaries carry no version field: it is the last part of their ARN.
            self._versions = {i.get("version") or i["arn"].rsplit("/", 1)[1]: i["arn"] for i in items if self.owns(i)}
        return self._versions

    def owns(self, item):
        """Is a list item one of this resource's versions? Subclasses narrow it (e.g. by workflow type)."""
        return item.get("name") == self.name

    def build_arns(self, version):
        """Build version ARNs of one version, oldest first (a single ARN for families without builds)."""
        fam = self.family
        arn = self.versions()[version]
        if not fam.builds_op:
            return [arn]
        try:
            builds = paginate(self.module.imagebuilder, fam.builds_op, fam.builds_key, **{fam.builds_param: arn})
        except AWS_ERRORS as exc:
            self.module.fail_aws(exc, f"list the builds of {fam.kind} {self.name} {version}")
        return sorted((b["arn"] for b in builds), key=lambda a: int(a.rsplit("/", 1)[1]))

    def fetch(self, arn):
        fam = self.family
        result = self.module.call(self.module.imagebuilder, fam.get_op, f"read {fam.kind} {arn}", **{fam.get_param: arn})
        return result[fam.get_key]

    def fetch_version(self, version):
        builds = self.build_arns(version)
        return self.fetch(builds[-1]) if builds else None

    # ---- present
    def ensure(self, version_text, desired, create_params, tags=None, purge_tags=True):
        """Make a version with `desired` content exist. Returns a dict for exit_json."""
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
                    msg=(
                        f"{self.family.kind} {self.name} version {version} already exists with different content; "
                        "bump the version or use version: auto"
                    ),
                    diff=self._diff(resource, desired, version),
                )
            if not self.family.same_version_new_build or not spec.is_exact:
                # Roll forward: only the newest matching version may be reused. A document that matches an
                # older version makes a new newest one, so every consumer of "1.2.x" or "auto" follows it.
                break
        version = spec.next_version(existing)
        return self._create(version, desired, create_params, tags, newest_seen)

    def _unchanged(self, resource, tags, purge_tags):
        current_tags = resource.get("tags") or {}
        changed = reconcile_tags(self.module, resource["arn"], current_tags, tags, purge_tags)
        if changed:
            resource = dict(resource, tags=desired_tags(current_tags, tags, purge_tags))
        diff = {"before": {"tags": current_tags}, "after": {"tags": resource.get("tags") or {}}} if changed else None
        return dict(changed=changed, created=False, arn=resource["arn"], version=resource["version"], resource=resource, diff=diff)

    def _create(self, version, desired, create_params, tags, before):
        fam = self.family
        if callable(create_params):  # built from the newest matching version, e.g. to keep options the task omits
            create_params = create_params(before)
        diff = self._diff(before, desired, version)
        if self.module.check_mode:
            return dict(changed=True, created=True, arn=self.planned_arn(version), version=version, resource=None, diff=diff)
        params = dict(create_params, semanticVersion=version, clientToken=self.module.client_token())
        if tags:
            params["tags"] = {str(k): str(v) for k, v in tags.items()}
        result = self.module.call(self.module.imagebuilder, fam.create_op, f"create {fam.kind} {self.name} {version}", **params)
        arn = result[fam.create_arn_key]
        return dict(changed=True, created=True, arn=arn, version=version, resource=self.fetch(arn), diff=diff)

    def planned_arn(self, version):
        """The ARN a create of `version` would return (check mode); build 1 for families with builds."""
        return planned_arn(self.module, self.arn_type(), self.name, version, 1 if self.family.builds_op else None)

    def arn_type(self):
        """The resource type part of this family's ARNs."""
        return self.family.kind

    def _diff(self, before, desired, version):
        before_text = self.render(self.content_of(before)) if before else ""
        return {
            "before_header": f"{self.family.kind} {self.name} {before['version']}" if before else "(none)",
            "after_header": f"{self.family.kind} {self.name} {version}",
            "before": before_text,
            "after": self.render(desired),
        }

    # ---- absent / retention
    def delete_versions(self, versions, keep_in_use=False):
        """Delete every build of the given versions. Returns (deleted ARNs, {ARN: reason kept})."""
        deleted, kept = [], {}
        for version in sorted(versions, key=parse_version):
            for arn in self.build_arns(version):
                if self.module.check_mode:
                    deleted.append(arn)
                    continue
                try:
                    getattr(self.module.imagebuilder, self.family.delete_op)(aws_retry=True, **{self.family.delete_param: arn})
                    deleted.append(arn)
                except AWS_ERRORS as exc:
                    if error_code(exc) == "ResourceNotFoundException":
                        continue
                    if error_code(exc) == "ResourceDependencyException" and keep_in_use:
                        kept[arn] = str(exc.response["Error"].get("Message", "in use"))
                        continue
                    self.module.fail_aws(exc, f"delete {self.family.kind} {arn}", deleted=deleted)
        return deleted, kept

    def retention_victims(self, keep):
        """Versions beyond the newest `keep`."""
        ordered = sorted(self.versions(), key=parse_version, reverse=True)
        return ordered[keep:]
