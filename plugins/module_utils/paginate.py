# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""nextToken pagination with retries on every page."""

from __future__ import annotations


def paginate(client, operation, result_key, **params):
    """Every item of every page of client.<operation>(**params)[result_key]."""
    items = []
    token = None
    while True:
        page_params = dict(params, nextToken=token) if token else dict(params)
        page = getattr(client, operation)(aws_retry=True, **page_params)
        items.extend(page.get(result_key) or [])
        token = page.get("nextToken")
        if not token:
            return items


def list_filters(filters=None, **exact):
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
