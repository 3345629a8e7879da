# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""camelCase <-> snake_case and canonical forms, kept in one place."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Collection
from collections.abc import Iterable
from typing import Any

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible.module_utils.common.dict_transformations import snake_dict_to_camel_dict

# Keys whose values are user data (tag maps, parameters) and must not be renamed.
USER_DATA_KEYS = ("tags", "amiTags", "ami_tags", "resourceTags", "resource_tags", "containerTags",
                  "imageTags", "image_tags", "parameters", "tagMap", "tag_map")


def to_snake(value: Any, ignore_list: Collection[str] = USER_DATA_KEYS) -> Any:
    """API result -> Ansible result: snake_case keys, dates as ISO strings; user data kept at any depth."""
    if isinstance(value, list):
        return [to_snake(item, ignore_list) for item in value]
    if not isinstance(value, dict):
        return _plain(value)
    renamed = {}
    for key, inner in value.items():
        snake = camel_dict_to_snake_dict({key: None}).popitem()[0]
        renamed[snake] = _plain(inner) if key in ignore_list else to_snake(inner, ignore_list)
    return renamed


def to_camel(value: Any, ignore_list: Collection[str] = USER_DATA_KEYS) -> Any:
    """Ansible options -> API request: camelCase keys with a lower-case first letter.

    Keys in ignore_list are renamed but their values (user data such as tag maps) are kept
    as they are, at any depth.
    """
    if isinstance(value, list):
        return [to_camel(item, ignore_list) for item in value]
    if not isinstance(value, dict):
        return value
    renamed = {}
    for key, inner in value.items():
        camel = _camel_key(key)
        renamed[camel] = inner if key in ignore_list or camel in ignore_list else to_camel(inner, ignore_list)
    return renamed


def _camel_key(key: str) -> str:
    return snake_dict_to_camel_dict({key: None}).popitem()[0]


def strip_none(value: Any) -> Any:
    """Drop None values (options the task did not set) recursively."""
    if isinstance(value, dict):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_none(v) for v in value]
    return value


def request_from(params: dict, options: Iterable[tuple[str, str]]) -> dict:
    """The options the task set, under their request keys and in camelCase; the ones it did not set are absent."""
    return {key: to_camel(strip_none(params[option])) for option, key in options if params.get(option) is not None}


def canonical_json(value: Any) -> str:
    """A stable text form: sorted keys, no whitespace differences."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def content_hash(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value
