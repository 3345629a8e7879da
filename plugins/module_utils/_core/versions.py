# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Semantic versions as Image Builder uses them, and the version specs users write.

A spec is one of:
  "1.2.3"  exactly that version;
  "1.2.x"  the newest 1.2.* whose content matches, else the next 1.2 patch;
  "1.x.x"  the same within major 1;
  "auto"   the newest version whose content matches, else the next patch of the newest.
"""

from __future__ import annotations

import re

_PART = r"(0|[1-9][0-9]*)"
_VERSION_RE = re.compile(rf"^{_PART}\.{_PART}\.{_PART}$")
_SPEC_RE = re.compile(rf"^{_PART}\.({_PART}|x)\.({_PART}|x)$")
# What AWS stores and returns may have leading zeros (botocore's VersionNumber is [0-9]+ per part; the CLI's
# ListComponentBuildVersions example holds 2019.12.02). Users still write versions without them.
_STORED_RE = re.compile(r"^([0-9]+)\.([0-9]+)\.([0-9]+)$")
MAX_PART = 2 ** 30 - 1  # Image Builder's documented ceiling for each part


class VersionError(ValueError):
    pass


def parse_version(text):
    """'1.2.3' (or a stored '2019.12.02') -> (1, 2, 3); anything else raises VersionError."""
    match = _STORED_RE.match(str(text)) if isinstance(text, str) else None
    if not match:
        raise VersionError(f"'{text}' is not a semantic version: use <major>.<minor>.<patch>, for example 1.0.0")
    parts = tuple(int(p) for p in match.groups())
    if any(p > MAX_PART for p in parts):
        raise VersionError(f"'{text}': each part of a version must be at most {MAX_PART}")
    return parts


def format_version(parts):
    return ".".join(str(p) for p in parts)


class VersionSpec:
    """What the task asked for in its `version` option."""

    def __init__(self, text):
        text = "auto" if text is None else str(text).strip()
        self.text = text
        self.exact = None
        self.prefix = ()
        if text == "auto":
            return
        if _VERSION_RE.match(text):
            self.exact = parse_version(text)
            return
        match = _SPEC_RE.match(text)
        if not match or (match.group(2) == "x" and match.group(4) != "x"):
            raise VersionError(
                f"version '{text}' is not valid: use an exact version such as 1.2.3, a pattern such as 1.2.x or 1.x.x, or auto"
            )
        self.prefix = tuple(int(p) for p in text.split(".") if p != "x")

    @property
    def is_exact(self):
        return self.exact is not None

    def matches(self, version):
        parts = parse_version(version) if isinstance(version, str) else tuple(version)
        if self.exact is not None:
            return parts == self.exact
        return parts[: len(self.prefix)] == self.prefix

    def candidates(self, versions):
        """The existing versions this spec may reuse, newest first."""
        return sorted((v for v in versions if self.matches(v)), key=_key, reverse=True)

    def next_version(self, versions):
        """The version to create when no existing one may be reused."""
        if self.exact is not None:
            return format_version(self.exact)
        pool = [parse_version(v) for v in versions if self.matches(v)] if self.prefix else [parse_version(v) for v in versions]
        if pool:
            newest = max(pool)
            return format_version((newest[0], newest[1], newest[2] + 1))
        base = self.prefix + (0,) * (3 - len(self.prefix))
        return format_version(base if self.prefix else (1, 0, 0))


def _key(version):
    return parse_version(version) if isinstance(version, str) else tuple(version)


def newest(versions):
    return max(versions, key=_key) if versions else None


def sort_key(version) -> tuple:
    """A sort key for a version as AWS returns it: a build suffix (1.2.3/4) is ignored, a part that is not a
    number (x) sorts first. For ordering only; parse_version() checks a version."""
    return tuple(int(p) if p.isdigit() else -1 for p in str(version).partition("/")[0].split("."))
