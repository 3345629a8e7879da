# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The options of module_utils/_core/waiters.py, shared by every long operation.
    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Wait until the operation has finished.
      - With V(false), the task returns as soon as the operation has started.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait before the task gives up.
      - The operation goes on in AWS; the result says what is known, so that a later task can resume waiting.
    type: int
    default: 3600
  wait_delay:
    description: Seconds between two checks while waiting.
    type: int
    default: 15
"""
