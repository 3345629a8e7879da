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
