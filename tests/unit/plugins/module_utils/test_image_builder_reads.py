"""Reads of Image Builder resources others own, and reads that fail: what the modules call and say."""

from __future__ import annotations

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import image_builds
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import image_queries
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import recipe_sources
from ansible_collections.imageforge.image_builder.plugins.module_utils._core.paginate import list_filters

from ...contract.corpus import Failed
from ...contract.corpus import ReplayModule

MANAGED = "arn:aws:imagebuilder:us-west-2:aws:image/amazon-linux-2023-x86/x.x.x"
IMAGE = {"arn": "arn:aws:imagebuilder:us-west-2:aws:image/amazon-linux-2023-x86/2025.1.1/1",
         "name": "Amazon Linux 2023 x86", "version": "2025.1.1/1"}


@pytest.fixture
def module():
    made = ReplayModule()
    yield made
    made.all_replayed()


def missing(module, operation):
    module.client_for("imagebuilder")
    module.stubbers["imagebuilder"].add_client_error(operation, "ResourceNotFoundException", "gone", 404)


def test_a_managed_parent_named_by_its_slug_is_read_by_its_wildcard_arn(module):
    module.answer("imagebuilder", "get_image", {"image": IMAGE}, {"imageBuildVersionArn": MANAGED})
    assert recipe_sources.resolve_parent_image(module, "amazon-linux-2023-x86") == MANAGED


def test_a_parent_named_by_its_display_name_is_listed_by_that_name(module):
    module.answer("imagebuilder", "list_images", {"imageVersionList": [
        {"arn": MANAGED, "name": "Amazon Linux 2023 x86", "version": "2025.1.1"}]},
        {"owner": "Amazon", "filters": [{"name": "name", "values": ["Amazon Linux 2023 x86"]}]})
    assert recipe_sources.resolve_parent_image(module, "Amazon Linux 2023 x86") == MANAGED


def test_an_unknown_parent_name_is_tried_everywhere_then_refused(module):
    for _account in ("aws", "aws-marketplace"):
        missing(module, "get_image")
    for owner in ("Amazon", "Shared", "AWSMarketplace", "Self"):
        module.answer("imagebuilder", "list_images", {"imageVersionList": []},
                      {"owner": owner, "filters": [{"name": "name", "values": ["no-such-image"]}]})
    with pytest.raises(Failed, match="no image named no-such-image"):
        recipe_sources.resolve_parent_image(module, "no-such-image")


def test_a_component_another_account_owns_is_read_with_get_component_not_its_build_list(module):
    version_arn = "arn:aws:imagebuilder:us-west-2:aws:component/update-linux/1.0.2"
    module.answer("imagebuilder", "list_components", {"componentVersionList": []},
                  {"owner": "Self", "filters": [{"name": "name", "values": ["update-linux"]}]})
    module.answer("imagebuilder", "list_components", {"componentVersionList": [
        {"arn": version_arn, "name": "update-linux", "version": "1.0.2"}]},
        {"owner": "Amazon", "filters": [{"name": "name", "values": ["update-linux"]}]})
    module.answer("imagebuilder", "get_component", {"component": {"arn": version_arn + "/1", "name": "update-linux"}},
                  {"componentBuildVersionArn": version_arn})
    configs, _resolutions = recipe_sources.ComponentResolver(module).resolve([{"name": "update-linux"}])
    assert configs == [{"componentArn": version_arn + "/1"}]


def test_access_denied_on_build_versions_names_the_operation(module):
    module.client_for("imagebuilder")
    module.stubbers["imagebuilder"].add_client_error("list_image_build_versions", "AccessDeniedException",
                                                     "not authorized", 403)
    with pytest.raises(Failed, match="ListImageBuildVersions"):
        image_builds.list_builds(module, "arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0")


def test_image_versions_with_a_build_match_a_version_without_one():
    assert image_queries.version_matches("1.0.0", "1.0.0/3")
    assert image_queries.version_matches("1.0.x", "1.0.7/1")
    assert not image_queries.version_matches("1.1.x", "1.0.7/1")
    assert image_builds.split_version("2019.12.03/7") == ("2019.12.03", 7)
    assert image_builds.split_version("2019.12.03") == ("2019.12.03", None)


def test_no_filter_is_no_filter_list():
    assert list_filters() == {}
    assert list_filters({}, name=None) == {}
    assert list_filters({"platform": "Linux", "osVersion": ["A", "B"]}, name="web") == {"filters": [
        {"name": "name", "values": ["web"]}, {"name": "osVersion", "values": ["A", "B"]},
        {"name": "platform", "values": ["Linux"]}]}
