# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options of module_utils/_reconcilers/versioned.py (ARGUMENT_SPEC), shared by the modules of
    # immutable, versioned resources: component, image_recipe, container_recipe, workflow.
    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(present) makes a version with the given content exist.
      - V(absent) deletes the exact O(version) (every build of it), or every version with O(all_versions=true).
        A version still in use (by a recipe, for a component; by a pipeline, for a recipe or a workflow) is not
        deleted and the task fails, naming the users.
    type: str
    choices: [present, absent]
    default: present
  version:
    description:
      - V(1.2.3) requires that version. If it exists with different content the task fails; bump the
        version or use V(auto).
      - V(1.2.x) or V(1.x.x) reuses the newest matching version when its content is identical, or else
        creates the next patch version within that pattern.
      - V(auto) reuses the newest version when its content is identical, or else creates the next patch
        version after the newest one (V(1.0.0) for a new resource).
      - Roll forward. With a pattern or V(auto), only the newest version is reused. Content equal to an
        older version (a revert) becomes a new newest version, so everything that follows the pattern takes it.
    type: str
    default: auto
  all_versions:
    description: With O(state=absent), delete every version.
    type: bool
    default: false
  retain_versions:
    description:
      - With O(state=present), keep only this many of the newest versions, the task's own included.
        Older versions that are still in use are kept and reported in RV(kept_in_use).
    type: int
notes:
  - Every create call sends a client token, so a retried request never makes a duplicate.
  - Check mode makes no write call and reports the version that would be created.
"""
