# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options image and container recipes share (module_utils/_imagebuilder/recipe_specs.py).
    DOCUMENTATION = r"""
options:
  components:
    description:
      - The components, in the order they run. Required with O(state=present).
      - The resolved ARN of each entry is returned in RV(components) and shown in the diff.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The name of a component, looked up among your own, then Amazon-managed ones such as V(update-linux),
            then those shared with you, then AWS Marketplace ones. Resolved to a build version ARN.
            Mutually exclusive with O(components[].arn).
        type: str
      arn:
        description:
          - A component ARN (yours, Amazon-managed, shared or AWS Marketplace), used as given.
            Its version may use wildcards such as V(1.0.x).
        type: str
      version:
        description:
          - With O(components[].name), an exact version (V(1.2.3)) or a pattern (V(1.2.x)). Omitted means the newest.
        type: str
      parameters:
        description: Parameter values of the component, by parameter name. A list gives several values.
        type: dict
  description:
    description: The description of the recipe version.
    type: str
  working_directory:
    description: The working directory used during build and test. Image Builder's default is V(/tmp).
    type: str
"""
