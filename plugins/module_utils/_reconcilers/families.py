# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How each versioned Image Builder resource is listed, read, created and deleted.

The versioned reconciler works on any family; modules only pick theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field


@dataclass(frozen=True)
class VersionedFamily:
    kind: str  # the word in ARNs and messages: component, image-recipe, ...
    list_op: str
    list_key: str
    get_op: str
    get_param: str
    get_key: str
    create_op: str
    create_arn_key: str
    delete_op: str
    delete_param: str
    builds_op: str = None  # families with build versions (component, workflow)
    builds_param: str = None
    builds_key: str = None
    same_version_new_build: bool = False  # AWS makes /2 for the same version with new content
    list_extra: dict = field(default_factory=dict)


COMPONENT = VersionedFamily(
    kind="component",
    list_op="list_components",
    list_key="componentVersionList",
    get_op="get_component",
    get_param="componentBuildVersionArn",
    get_key="component",
    create_op="create_component",
    create_arn_key="componentBuildVersionArn",
    delete_op="delete_component",
    delete_param="componentBuildVersionArn",
    builds_op="list_component_build_versions",
    builds_param="componentVersionArn",
    builds_key="componentSummaryList",
)

IMAGE_RECIPE = VersionedFamily(
    kind="image-recipe",
    list_op="list_image_recipes",
    list_key="imageRecipeSummaryList",
    get_op="get_image_recipe",
    get_param="imageRecipeArn",
    get_key="imageRecipe",
    create_op="create_image_recipe",
    create_arn_key="imageRecipeArn",
    delete_op="delete_image_recipe",
    delete_param="imageRecipeArn",
)

CONTAINER_RECIPE = VersionedFamily(
    kind="container-recipe",
    list_op="list_container_recipes",
    list_key="containerRecipeSummaryList",
    get_op="get_container_recipe",
    get_param="containerRecipeArn",
    get_key="containerRecipe",
    create_op="create_container_recipe",
    create_arn_key="containerRecipeArn",
    delete_op="delete_container_recipe",
    delete_param="containerRecipeArn",
)

WORKFLOW = VersionedFamily(
    kind="workflow",
    list_op="list_workflows",
    list_key="workflowVersionList",
    get_op="get_workflow",
    get_param="workflowBuildVersionArn",
    get_key="workflow",
    create_op="create_workflow",
    create_arn_key="workflowBuildVersionArn",
    delete_op="delete_workflow",
    delete_param="workflowBuildVersionArn",
    builds_op="list_workflow_build_versions",
    builds_param="workflowVersionArn",
    builds_key="workflowSummaryList",
    same_version_new_build=True,
)
