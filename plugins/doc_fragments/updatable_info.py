# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options of module_utils/_reconcilers/updatable.py INFO_ARGUMENT_SPEC, shared by the _info modules of
    # named, updatable resources (configurations, image pipelines, lifecycle policies).
    DOCUMENTATION = r"""
options:
  name:
    description: Only the resource with this exact name.
    type: str
  arn:
    description: Only the resource with this ARN. O(name) is ignored.
    type: str
"""
