# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading an API operation with retries: one call, or every page of it."""

from __future__ import annotations

from typing import Any


def one_call(client: Any, operation: str, **params: Any) -> dict:
    """client.<operation>(**params), retried."""
    return getattr(client, operation)(aws_retry=True, **params)


# (request parameter, response member) of the token styles the collection's services use
TOKENS = (("nextToken", "nextToken"), ("NextToken", "NextToken"), ("Marker", "NextMarker"),
          ("ContinuationToken", "NextContinuationToken"))


def all_pages(client: Any, operation: str, **params: Any) -> dict:
    """client.<operation>(**params) page after page, each page retried; one response whose lists hold every page's items."""
    merged: dict = {}
    page_params = dict(params)
    while True:
        page = getattr(client, operation)(aws_retry=True, **page_params)
        for key, value in page.items():
            if key == "ResponseMetadata" or any(key == out for _in, out in TOKENS):
                continue
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, value)
        following = next(((name, page[out]) for name, out in TOKENS if page.get(out)), None)
        if not following:
            return merged
        page_params = dict(params, **{following[0]: following[1]})


def list_filters(filters: dict[str, Any] | None = None, **exact: Any) -> dict[str, Any]:
    """`filters` (a dict of filter name -> value or list of values, like Terraform's filter blocks) plus exact
    values, as List* calls take them: {"filters": [...]}, or {} when nothing filters (the API and botocore
    refuse an empty filter list)."""
    wanted = dict(filters or {})
    wanted.update({k: v for k, v in exact.items() if v})
    result = []
    for name in sorted(wanted):
        values = wanted[name] if isinstance(wanted[name], list) else [wanted[name]]
        result.append({"name": str(name), "values": [str(v) for v in values]})
    return {"filters": result} if result else {}
