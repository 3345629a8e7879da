# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ami_state: only what differs is changed, and bad input is refused before any call."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import ami_states


def params(**given):
    return dict({"image_ids": ["ami-1"], "state": None, "deprecate_at": None, "cancel_deprecation": False}, **given)


@pytest.mark.parametrize("image, given, changes", [
    ({"State": "available"}, {"state": "disabled"}, ["disabled"]),
    ({"State": "disabled"}, {"state": "disabled"}, []),
    ({"State": "disabled"}, {"state": "enabled", "deprecate_at": "2030-01-31T23:00:00Z"}, ["enabled", "deprecated"]),
    ({"State": "available", "DeprecationTime": "2030-01-31T23:00:00.000Z"}, {"deprecate_at": "2030-01-31T23:00:30Z"}, []),
    ({"State": "available", "DeprecationTime": "2030-01-31T23:00:00.000Z"}, {"cancel_deprecation": True},
     ["deprecation_cancelled"]),
    ({"State": "available"}, {"cancel_deprecation": True}, []),
])
def test_only_what_differs_is_changed(image, given, changes):
    plan = ami_states.plan_changes(dict(image, ImageId="ami-1"), params(**given))
    assert plan["changes"] == changes


@pytest.mark.parametrize("given, word", [
    ({}, "nothing to do"), ({"image_ids": ["i-123"], "state": "enabled"}, "ami-"),
    ({"deprecate_at": "next tuesday"}, "ISO 8601"),
])
def test_bad_input_is_refused(given, word):
    assert word in ami_states.validate(params(**given))
