# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A deterministic tar.gz of roles, the collections they use and generated playbooks.

The same content always gives the same bytes (sorted entries, fixed mtimes, owners and modes,
gzip without name or time), so the archive's SHA-256 addresses it in S3.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import sys
import tarfile
from typing import Any

try:
    import yaml
except ImportError:  # reported by the module through documents.HAS_YAML
    yaml = None

SKIP_DIRS = {"__pycache__", ".git", "tests", "molecule", "docs", "changelogs", ".github"}
FQCN_RE = re.compile(r"^([a-z0-9_]+)\.([a-z0-9_]+)\.[a-z0-9_.]+$")
BLOCK_KEYS = ("block", "rescue", "always")


class BundleError(ValueError):
    pass


def default_collections_paths() -> list[Any]:
    paths = []
    for var in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS"):
        paths += [p for p in os.environ.get(var, "").split(os.pathsep) if p]
    paths += [os.path.expanduser("~/.ansible/collections"), "/usr/share/ansible/collections"]
    paths += [p for p in sys.path if p.endswith("site-packages")]
    return paths


def resolve_role(spec: dict[str, Any], roles_path: Any) -> tuple[Any, ...]:
    """(name in the bundle, directory) of a role given by name, path or {name, path}."""
    if isinstance(spec, dict):
        name, path = spec.get("name"), spec.get("path")
    else:
        name, path = (os.path.basename(str(spec).rstrip("/")), spec) if "/" in str(spec) else (str(spec), None)
    if not name:
        raise BundleError(f"roles: every role needs a name, got {spec!r}")
    candidates = [path] if path else [os.path.join(p, name) for p in roles_path]
    for candidate in candidates:
        if candidate and os.path.isdir(os.path.join(candidate, "tasks")):
            return name.rsplit(".", 1)[-1], os.path.abspath(candidate)
    where = path or ", ".join(roles_path) or "(roles_path is empty)"
    raise BundleError(f"roles: role {name} not found (a role folder with tasks/) in {where}")


def used_collections(role_dirs: Any) -> list[Any]:
    """Collections referenced by fully qualified task keys (ns.coll.module) in the roles' tasks and handlers."""
    found = set()
    for role_dir in role_dirs:
        for sub in ("tasks", "handlers"):
            for root, _dirs, files in os.walk(os.path.join(role_dir, sub)):
                for name in files:
                    if name.endswith((".yml", ".yaml")):
                        with open(os.path.join(root, name), encoding="utf-8") as handle:
                            _collect(yaml.safe_load(handle), found)
        meta = os.path.join(role_dir, "meta", "main.yml")
        if os.path.isfile(meta):
            with open(meta, encoding="utf-8") as handle:
                found.update((yaml.safe_load(handle) or {}).get("collections") or [])
    return sorted(c for c in found if not c.startswith("ansible.builtin") and c != "ansible.legacy")


def _collect(tasks: Any, found: Any) -> None:
    for task in tasks if isinstance(tasks, list) else []:
        if not isinstance(task, dict):
            continue
        for key in task:
            match = FQCN_RE.match(str(key))
            if match and key not in BLOCK_KEYS:
                found.add(f"{match.group(1)}.{match.group(2)}")
        for key in BLOCK_KEYS:
            _collect(task.get(key), found)


def find_collection(name: str, collections_paths: Any) -> str:
    namespace, collection = name.split(".", 1)
    for base in collections_paths:
        for candidate in (os.path.join(base, "ansible_collections", namespace, collection),
                          os.path.join(base, namespace, collection)):
            if os.path.isfile(os.path.join(candidate, "MANIFEST.json")) or os.path.isfile(os.path.join(candidate, "galaxy.yml")):
                return os.path.abspath(candidate)
    raise BundleError(f"collection {name}, which the roles use, is not installed in {', '.join(collections_paths)}; "
                      "install it or set collections_path")


def build(roles: Any, collections: Any, files: Any) -> bytes:
    """roles: [(name, dir)], collections: [(fqcn, dir)], files: {archive path: text}. Returns the archive bytes."""
    entries = []
    for name, directory in roles:
        entries += _tree(directory, f"roles/{name}")
    for fqcn, directory in collections:
        entries += _tree(directory, "collections/ansible_collections/" + fqcn.replace(".", "/"))
    for path, text in files.items():
        entries.append((path, None, text.encode("utf-8")))
    entries.sort(key=lambda e: e[0])
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for arcname, source, text in entries:
            if text is None:
                with open(source, "rb") as handle:
                    data = handle.read()
                executable = os.access(source, os.X_OK)
            else:
                data, executable = text, False
            info = tarfile.TarInfo(arcname)
            info.size, info.mtime, info.uid, info.gid, info.uname, info.gname = len(data), 0, 0, 0, "", ""
            info.mode = 0o755 if executable else 0o644
            tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def _tree(directory: Any, prefix: str) -> list[Any]:
    out = []
    for root, dirs, files in os.walk(directory, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".retry")):
                continue
            source = os.path.join(root, name)
            out.append((prefix + "/" + os.path.relpath(source, directory).replace(os.sep, "/"), source, None))
    return out


def sha256(data: Any) -> str:
    return hashlib.sha256(data).hexdigest()
