# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options of module_utils/_reconcilers/updatable.py ARGUMENT_SPEC beside name and tags, shared by the
    # modules of named, updatable resources: the two configurations, image_pipeline and lifecycle_policy.
    DOCUMENTATION = r"""
options:
  state:
    description: Whether the resource exists.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: The description.
    type: str
notes:
  - Every create and update call sends a client token.
  - Check mode makes no write call; with diff mode the result shows each changed field.
"""
