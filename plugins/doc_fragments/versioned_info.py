# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The filters of the _info modules of versioned resources (module_utils/_reconcilers/versioned.py find()).
    DOCUMENTATION = r"""
options:
  owner:
    description: Whose versions to list.
    type: str
    choices: [Self, Shared, Amazon, ThirdParty, AWSMarketplace]
    default: Self
  version:
    description: An exact version (V(1.2.3)) or a pattern (V(1.2.x), V(1.x.x)).
    type: str
"""

    # Modules whose list answers only summaries: component_info and workflow_info.
    INCLUDE_DATA = r"""
options:
  include_data:
    description: Read each build version to return its document. One extra call per build version.
    type: bool
    default: false
"""
