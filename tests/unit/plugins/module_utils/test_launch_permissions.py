# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AMI launch permissions: input checks, the wanted set, and what to add or remove."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._amis import launch_permissions as lp

from .ami_fakes import ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, ORG, OU


def test_well_formed_entries_pass():
    assert lp.validate([ACCOUNT_A], [ORG], [OU]) == []
    assert lp.validate(None, None, None) == []


def test_a_malformed_account_is_named_with_the_expected_form():
    assert lp.validate(["12345", ACCOUNT_A, "12345678901a"], [], []) == [
        "accounts: 12345, 12345678901a not valid; expected the form 123456789012"]


@pytest.mark.parametrize("field, bad", [
    ("organizations", "o-abc1234567"),
    ("organizations", OU),
    ("organizational_units", "ou-ab12-cdef5678"),
    ("organizational_units", ORG),
])
def test_a_malformed_org_or_ou_arn_is_named(field, bad):
    kwargs = {"accounts": [], "organizations": [], "organizational_units": []}
    kwargs[field] = [bad]
    (message,) = lp.validate(**kwargs)
    assert message.startswith(f"{field}: {bad} not valid; expected the form arn:aws:organizations::123456789012:")


def test_every_bad_field_gets_its_own_message():
    assert [m.split(":")[0] for m in lp.validate(["1"], ["x"], ["y"])] == [
        "accounts", "organizations", "organizational_units"]


def test_desired_permissions_pair_each_kind_and_public_adds_group_all():
    assert lp.desired_permissions([ACCOUNT_A], [ORG], [OU], public=True) == {
        ("UserId", ACCOUNT_A), ("OrganizationArn", ORG), ("OrganizationalUnitArn", OU), ("Group", "all")}
    assert lp.desired_permissions([int(ACCOUNT_B)], None, None, public=False) == {("UserId", ACCOUNT_B)}


def test_plan_without_purge_only_adds():
    current = {("UserId", ACCOUNT_A), ("UserId", ACCOUNT_C)}
    assert lp.plan(current, {("UserId", ACCOUNT_A), ("UserId", ACCOUNT_B)}, purge=False) == (
        [("UserId", ACCOUNT_B)], [])


def test_plan_with_purge_removes_what_is_not_wanted():
    current = {("UserId", ACCOUNT_A), ("UserId", ACCOUNT_C), ("OrganizationArn", ORG)}
    assert lp.plan(current, {("UserId", ACCOUNT_A), ("UserId", ACCOUNT_B)}, purge=True) == (
        [("UserId", ACCOUNT_B)], [("OrganizationArn", ORG), ("UserId", ACCOUNT_C)])


def test_plan_of_what_is_already_there_is_empty():
    current = {("UserId", ACCOUNT_A), ("OrganizationalUnitArn", OU)}
    assert lp.plan(current, set(current), purge=True) == ([], [])
