# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documents (component, workflow) given inline, from a local file or by S3 URI.

Content is compared as data: two texts that differ only in formatting or key
order are the same document.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING
from typing import Any

try:
    import yaml

    HAS_YAML = True
except ImportError:
    HAS_YAML = False

from .errors import AWS_ERRORS
from .errors import is_not_found

if TYPE_CHECKING:
    from .base import ImageForgeModule

INLINE_LIMIT = 16000  # characters Image Builder accepts in `data`


class DocumentError(ValueError):
    pass


def load_text(data: Any = None, src: Any = None) -> Any:
    """The document text from `data` (a string or a dict) or from the local file `src`."""
    if src is not None:
        if not os.path.isfile(src):
            raise DocumentError(f"src: no such file: {src}")
        with open(src, encoding="utf-8") as handle:
            return handle.read()
    if isinstance(data, (dict, list)):
        return dump(data)
    return data


def parse(text: str) -> Any:
    """YAML or JSON text -> data; a parse error names the line."""
    if not HAS_YAML:
        raise DocumentError("PyYAML is required to read documents")
    if not isinstance(text, (str, bytes)):
        raise DocumentError("no document was given: set data, src or uri")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DocumentError(f"the document is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None


def dump(doc: Any) -> str:
    """Data -> the YAML text we send and show in diffs (stable key order)."""
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=False, width=120)


def split_s3_uri(uri: str) -> tuple[Any, ...]:
    if not isinstance(uri, str) or not uri.startswith("s3://") or "/" not in uri[5:]:
        raise DocumentError(f"uri must look like s3://bucket/key, got {uri!r}")
    bucket, key = uri[5:].split("/", 1)
    if not bucket or not key:
        raise DocumentError(f"uri must look like s3://bucket/key, got {uri!r}")
    return bucket, key


def read_s3(module: ImageForgeModule, uri: str) -> str:
    bucket, key = split_s3_uri(uri)
    try:
        body = module.client_for("s3").get_object(aws_retry=True, Bucket=bucket, Key=key)["Body"].read()
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"read the document at {uri}")
    return body.decode("utf-8")


def upload_if_needed(module: ImageForgeModule, text: str, bucket: str, prefix: str, name: str) -> str:
    """Put a too-long document in S3 under a key addressed by its content; returns its s3:// URI."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = f"{prefix.rstrip('/') + '/' if prefix else ''}{name}/{digest}.yml"
    uri = f"s3://{bucket}/{key}"
    if module.check_mode:
        return uri
    s3 = module.client_for("s3")
    try:
        s3.head_object(aws_retry=True, Bucket=bucket, Key=key)
        return uri
    except AWS_ERRORS as exc:
        if not is_not_found(exc):
            module.fail_aws(exc, f"check {uri}")
    try:
        s3.put_object(aws_retry=True, Bucket=bucket, Key=key, Body=text.encode("utf-8"))
    except AWS_ERRORS as exc:
        module.fail_aws(exc, f"upload the document to {uri}")
    return uri
