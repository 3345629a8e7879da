# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWSTOE actions on a target reached through an Ansible connection (controller side of component_run).

Commands run with the connection (and become); files move with put_file/fetch_file; S3 and web
transfers happen on the controller with boto3 / open_url and are copied to or from the target.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import tempfile
from typing import Any

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.paginate import all_pages
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import TIMEOUT_EXIT_CODE
from ansible_collections.imageforge.image_builder.plugins.plugin_utils.toe_runner import ActionResult

q = shlex.quote
FILE_ACTIONS = ("AppendFile", "CopyFile", "CopyFolder", "CreateFile", "CreateFolder", "CreateSymlink", "DeleteFile",
                "DeleteFolder", "ListFiles", "MoveFile", "MoveFolder", "ReadFile", "SetFileOwner", "SetFolderOwner",
                "SetFilePermissions", "SetFolderPermissions")
ALWAYS = ("ExecuteBash", "ExecuteBinary", "S3Download", "S3Upload", "WebDownload", "UpdateOS", *FILE_ACTIONS)
HASH_TOOLS = {"fileMD5Equals": "md5sum", "fileSHA1Equals": "sha1sum", "fileSHA256Equals": "sha256sum",
              "fileSHA512Equals": "sha512sum"}
UPDATE_OS = r"""set -e
inc="$1"; exc="$2"
if command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  [ -n "$exc" ] && apt-mark hold $exc
  if [ -n "$inc" ]; then apt-get install -y -q --only-upgrade $inc; else apt-get -y -q upgrade; fi
  [ -n "$exc" ] && apt-mark unhold $exc
elif command -v dnf >/dev/null || command -v yum >/dev/null; then
  pm=$(command -v dnf || command -v yum)
  x=""; for p in $exc; do x="$x --exclude=$p"; done
  $pm -y $x update $inc
elif command -v zypper >/dev/null; then
  zypper --non-interactive update $inc
else
  echo "no known package manager" >&2; exit 1
fi
"""


class TargetExecutor:
    def __init__(self, action: Any, task_vars: dict[str, Any], args: Any) -> None:
        self.action = action
        self.args = args
        self.workdir = args["workdir"].rstrip("/")
        transport = str(getattr(action._connection, "transport", ""))
        self.is_podman = transport.rsplit(".", maxsplit=1)[-1] == "podman"
        self.container = args.get("container") or task_vars.get("ansible_host") or task_vars.get("inventory_hostname")
        self.has_timeout = True
        self._s3 = None
        self._counter = 0

    # ---- lifecycle
    def prepare(self) -> None:
        rc, _out, err = self.action.target_command(f"mkdir -p {q(self.workdir)} && chmod 0700 {q(self.workdir)}")
        if rc != 0:
            raise RuntimeError(f"cannot create {self.workdir} on the target: {err.strip()}")
        self.has_timeout = self.action.target_command("command -v timeout >/dev/null")[0] == 0

    def cleanup(self) -> None:
        self.action.target_command(f"rm -rf {q(self.workdir)}")

    def supports(self, action: Any) -> bool:
        return action in ALWAYS or (action == "Reboot" and self.is_podman)

    def reboot(self) -> bool:
        if not self.is_podman:
            return False
        ok = self.action.restart_container(self.container)
        if ok:
            self.prepare()
        return ok

    def check(self, operator: Any, operand: Any) -> bool:
        if operator == "fileExists":
            return self._sh(f"test -f {q(operand)}").ok
        if operator == "folderExists":
            return self._sh(f"test -d {q(operand)}").ok
        if operator == "binaryExists":
            return self._sh(f"command -v {q(operand)}").ok
        path, expected = operand
        res = self._sh(f"{HASH_TOOLS[operator]} {q(path)}")
        return res.ok and res.stdout.split()[0].lower() == str(expected).lower()

    # ---- dispatch
    def run(self, action: Any, inputs: dict[str, Any], timeout: float) -> ActionResult:
        if action == "Reboot":
            self.reboot()
            return ActionResult()
        if action in FILE_ACTIONS or action in ("S3Download", "S3Upload", "WebDownload"):
            result = ActionResult()
            files = []
            for item in inputs or []:
                result = getattr(self, "_" + action)(item, timeout)
                if not result.ok:
                    return result
                files += result.outputs.get("files", [])
            if action == "ListFiles":
                result.outputs = {"files": files}
            return result
        return getattr(self, "_" + action)(inputs or {}, timeout)

    def _sh(self, cmd: str, timeout: float | None = None) -> ActionResult:
        if timeout and self.has_timeout:
            cmd = f"timeout -k 10 {int(timeout)} /bin/sh -c {q(cmd)}"
        rc, out, err = self.action.target_command(cmd)
        timed_out = bool(timeout and self.has_timeout and rc in (TIMEOUT_EXIT_CODE, 137))
        return ActionResult(rc=rc, stdout=out, stderr=err, timed_out=timed_out,
                            message=f"timed out after {timeout} seconds" if timed_out else "")

    def _upload(self, data: Any = None, local: Any = None) -> str:
        """Copy bytes or a local file into the target's workdir; returns the target path."""
        self._counter += 1
        remote = f"{self.workdir}/upload-{self._counter}"
        if local is None:
            with tempfile.NamedTemporaryFile(delete=False) as handle:
                handle.write(data)
            try:
                self.action.put_file(handle.name, remote)
            finally:
                os.unlink(handle.name)
        else:
            self.action.put_file(local, remote)
        return remote

    # ---- execution
    def _ExecuteBash(self, inputs: dict[str, Any], timeout: float) -> ActionResult:
        script = self._upload(("\n".join(str(c) for c in inputs["commands"]) + "\n").encode("utf-8"))
        res = self._sh(f"/bin/bash {q(script)}", timeout)
        res.outputs = {"stdout": res.stdout.rstrip("\n")}
        return res

    def _ExecuteBinary(self, inputs: dict[str, Any], timeout: float) -> ActionResult:
        argv = [str(inputs["path"])] + [str(a) for a in inputs.get("arguments") or []]
        res = self._sh(" ".join(q(a) for a in argv), timeout)
        res.outputs = {"stdout": res.stdout.rstrip("\n")}
        return res

    def _UpdateOS(self, inputs: dict[str, Any], timeout: float) -> ActionResult:
        script = self._upload(UPDATE_OS.encode("utf-8"))
        inc, exc = " ".join(inputs.get("include") or []), " ".join(inputs.get("exclude") or [])
        return self._sh(f"/bin/bash {q(script)} {q(inc)} {q(exc)}", timeout)

    # ---- files
    @staticmethod
    def _no_clobber(item: dict[str, Any], dest: Any) -> str:
        return "" if item.get("overwrite", True) else f"if [ -e {q(dest)} ]; then echo {q(dest + ' exists')} >&2; exit 1; fi; "

    def _attrs(self, item: dict[str, Any], recursive: str = "") -> str:
        path, parts = q(item["path"]), []
        if item.get("permissions"):
            parts.append(f"chmod {recursive}{q(str(item['permissions']))} {path}")
        if item.get("owner"):
            owner = str(item["owner"]) + (f":{item['group']}" if item.get("group") else "")
            parts.append(f"chown {recursive}{q(owner)} {path}")
        elif item.get("group"):
            parts.append(f"chgrp {recursive}{q(str(item['group']))} {path}")
        return "".join(" && " + p for p in parts)

    def _CreateFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        src = self._upload(str(item.get("content", "")).encode("utf-8"))
        dest = item["path"]
        cmd = f"{self._no_clobber(item, dest)}mkdir -p \"$(dirname {q(dest)})\" && mv -f {q(src)} {q(dest)} && chmod 0644 {q(dest)}"
        return self._sh(cmd + self._attrs(item), timeout)

    def _AppendFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        src = self._upload(str(item.get("content", "")).encode("utf-8"))
        return self._sh(f"cat {q(src)} >> {q(item['path'])} && rm -f {q(src)}", timeout)

    def _CreateFolder(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"mkdir -p {q(item['path'])}" + self._attrs(item), timeout)

    def _CreateSymlink(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"ln -s{'f' if item.get('force') else ''} {q(item['target'])} {q(item['path'])}", timeout)

    def _DeleteFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"test ! -d {q(item['path'])} && rm -f {q(item['path'])}", timeout)

    def _DeleteFolder(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"rm -rf {q(item['path'])}" if item.get("force") else f"rmdir {q(item['path'])}", timeout)

    def _copy_or_move(self, item: dict[str, Any], timeout: float, verb: Any) -> ActionResult:
        src, dest = item["source"], item["destination"]
        return self._sh(f"{self._no_clobber(item, dest)}mkdir -p \"$(dirname {q(dest)})\" && {verb} {q(src)} {q(dest)}", timeout)

    def _CopyFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._copy_or_move(item, timeout, "cp -f")

    def _CopyFolder(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._copy_or_move(item, timeout, "cp -rf")

    def _MoveFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._copy_or_move(item, timeout, "mv -f")

    def _MoveFolder(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._copy_or_move(item, timeout, "mv -f")

    def _SetFilePermissions(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"chmod {q(str(item['permissions']))} {q(item['path'])}", timeout)

    def _SetFolderPermissions(self, item: dict[str, Any], timeout: float) -> ActionResult:
        flag = "-R " if item.get("recursive") else ""
        return self._sh(f"chmod {flag}{q(str(item['permissions']))} {q(item['path'])}", timeout)

    def _SetFileOwner(self, item: dict[str, Any], timeout: float) -> ActionResult:
        return self._sh(f"true{self._attrs({'path': item['path'], 'owner': item['owner'], 'group': item.get('group')})}", timeout)

    def _SetFolderOwner(self, item: dict[str, Any], timeout: float) -> ActionResult:
        flag = "-R " if item.get("recursive") else ""
        return self._sh(f"true{self._attrs({'path': item['path'], 'owner': item['owner'], 'group': item.get('group')}, flag)}", timeout)

    def _ReadFile(self, item: dict[str, Any], timeout: float) -> ActionResult:
        res = self._sh(f"cat {q(item['path'])}", timeout)
        res.outputs = {"content": res.stdout}
        if not item.get("printFileContent", True):
            res.stdout = ""
        return res

    def _ListFiles(self, item: dict[str, Any], timeout: float) -> ActionResult:
        depth = "" if item.get("recursive") else "-maxdepth 1 "
        pattern = f"-name {q(item['fileNamePattern'])} " if item.get("fileNamePattern") else ""
        res = self._sh(f"find {q(item['path'])} {depth}-type f {pattern}| sort", timeout)
        res.outputs = {"files": [line for line in res.stdout.splitlines() if line]}
        return res

    # ---- transfers (controller side)
    def s3(self) -> Any:
        if self._s3 is None:
            import boto3  # only needed for S3 actions
            from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper

            from ansible_collections.imageforge.image_builder.plugins.module_utils._core.retries import default_retry

            a = self.args
            session = boto3.session.Session(profile_name=a.get("profile"), region_name=a.get("region"),
                                            aws_access_key_id=a.get("access_key"), aws_secret_access_key=a.get("secret_key"),
                                            aws_session_token=a.get("session_token"))
            self._s3 = RetryingBotoClientWrapper(session.client("s3", endpoint_url=a.get("endpoint_url")), default_retry())
        return self._s3

    @staticmethod
    def _split(uri: str) -> list[str]:
        if not str(uri).startswith("s3://") or "/" not in uri[5:]:
            raise ValueError(f"{uri!r} is not an s3://bucket/key URI")
        return uri[5:].split("/", 1)

    def _S3Download(self, item: dict[str, Any], timeout: float) -> ActionResult:
        try:
            bucket, key = self._split(item["source"])
            dest = item["destination"]
            if key.endswith("*"):
                prefix = key[:-1]
                listed = all_pages(self.s3(), "list_objects_v2", Bucket=bucket, Prefix=prefix).get("Contents") or []
                pairs = [(o["Key"], dest.rstrip("/") + "/" + o["Key"][len(prefix):])
                         for o in listed if not o["Key"].endswith("/")]
            else:
                pairs = [(key, dest.rstrip("/") + "/" + key.rsplit("/", 1)[-1] if dest.endswith("/") else dest)]
            for obj_key, target in pairs:
                with tempfile.TemporaryDirectory() as tmp:
                    local = os.path.join(tmp, "object")
                    self.s3().download_file(bucket, obj_key, local)
                    remote = self._upload(local=local)
                res = self._sh(f"{self._no_clobber(item, target)}mkdir -p \"$(dirname {q(target)})\" && mv -f {q(remote)} {q(target)}",
                               timeout)
                if not res.ok:
                    return res
        except Exception as exc:  # boto errors, missing objects: the step fails with the reason
            return ActionResult(rc=1, message=f"S3Download {item.get('source')}: {exc}")
        return ActionResult(stdout="\n".join(t for _k, t in pairs))

    def _S3Upload(self, item: dict[str, Any], timeout: float) -> ActionResult:
        try:
            bucket, key = self._split(item["destination"])
            src = item["source"].rstrip("/")
            listing = self._sh(f"if [ -d {q(src)} ]; then find {q(src)} {'' if item.get('recurse') else '-maxdepth 1 '}-type f; "
                               f"else ls -d {src}; fi", timeout)
            if not listing.ok:
                return listing
            paths = [p for p in listing.stdout.splitlines() if p]
            is_dir = self._sh(f"test -d {q(src)}").ok
            uploaded = []
            for path in paths:
                if is_dir:
                    obj_key = key.rstrip("/") + "/" + path[len(src) + 1:]
                elif key.endswith("/") or len(paths) > 1:
                    obj_key = key.rstrip("/") + "/" + path.rsplit("/", 1)[-1]
                else:
                    obj_key = key
                with tempfile.TemporaryDirectory() as tmp:
                    local = os.path.join(tmp, "object")
                    self.action.fetch_file(path, local)
                    self.s3().upload_file(local, bucket, obj_key)
                uploaded.append(f"s3://{bucket}/{obj_key}")
        except Exception as exc:
            return ActionResult(rc=1, message=f"S3Upload {item.get('source')}: {exc}")
        return ActionResult(stdout="\n".join(uploaded))

    def _WebDownload(self, item: dict[str, Any], timeout: float) -> ActionResult:
        from ansible.module_utils.urls import open_url

        dest = item["destination"]
        try:
            body = open_url(item["source"], validate_certs=not item.get("ignoreCertificateErrors"),
                            timeout=timeout or 7200).read()
        except Exception as exc:
            return ActionResult(rc=1, message=f"WebDownload {item['source']}: {exc}")
        if item.get("checksum"):
            digest = hashlib.new(str(item.get("algorithm", "SHA256")).lower(), body).hexdigest()
            if digest.lower() != str(item["checksum"]).lower():
                return ActionResult(rc=1, message=f"WebDownload {item['source']}: checksum {digest} is not {item['checksum']}")
        if dest.endswith("/"):
            dest += item["source"].rstrip("/").rsplit("/", 1)[-1]
        remote = self._upload(data=body)
        res = self._sh(f"{self._no_clobber(item, dest)}mkdir -p \"$(dirname {q(dest)})\" && mv -f {q(remote)} {q(dest)}", timeout)
        res.outputs = {"destination": dest}
        return res
