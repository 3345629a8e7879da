import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._core.versions import VersionError
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.versions import VersionSpec
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.versions import parse_version


@pytest.mark.parametrize("text", ["1.0", "1.0.0.0", "01.0.0", "1.0.-1", "v1.0.0", "", "1.x.0", "x.x.x", "1..0", "1.0.0 "])
def test_malformed_versions_are_refused_with_an_example(text):
    with pytest.raises(VersionError) as err:
        VersionSpec(text) if text != "1.0.0 " else parse_version(text)
    assert "1.2.3" in str(err.value) or "1.0.0" in str(err.value)


def test_huge_parts_are_refused():
    with pytest.raises(VersionError, match="at most"):
        parse_version("1.0.9999999999")


def test_auto_on_a_new_resource_starts_at_1_0_0():
    assert VersionSpec("auto").next_version([]) == "1.0.0"


def test_auto_bumps_the_patch_of_the_newest_version():
    assert VersionSpec("auto").next_version(["1.0.9", "1.0.10", "0.9.0"]) == "1.0.11"


def test_pattern_bumps_within_its_prefix_only():
    existing = ["1.0.3", "1.1.0", "2.0.0"]
    assert VersionSpec("1.0.x").next_version(existing) == "1.0.4"
    assert VersionSpec("1.x.x").next_version(existing) == "1.1.1"
    assert VersionSpec("3.x.x").next_version(existing) == "3.0.0"
    assert VersionSpec("1.2.x").next_version(existing) == "1.2.0"


def test_candidates_are_newest_first_and_numeric():
    assert VersionSpec("1.0.x").candidates(["1.0.2", "1.0.10", "1.1.0", "1.0.9"]) == ["1.0.10", "1.0.9", "1.0.2"]


def test_exact_spec_matches_only_itself():
    spec = VersionSpec("1.2.3")
    assert spec.is_exact and spec.matches("1.2.3") and not spec.matches("1.2.4")
    assert spec.next_version(["9.9.9"]) == "1.2.3"


def test_versions_that_aws_returns_with_leading_zeros_are_read_but_not_written():
    assert parse_version("2019.12.02") == (2019, 12, 2)
    with pytest.raises(VersionError):
        VersionSpec("2019.12.02")
