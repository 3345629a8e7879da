# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The findings policy of the validation gate (module_utils/_imagebuilder/scan_findings.py POLICY_SPEC).
    DOCUMENTATION = r"""
options:
  findings_policy:
    description:
      - Refuse an image whose scan findings (ListImageScanFindings) include one this policy does not allow.
      - 'For example C({severities: [CRITICAL], only_with_fix: true}) means "no CRITICAL finding with a fix available".'
      - O(allow_unvalidated) does not override it.
      - Only images built with image scanning enabled have findings; an image without findings passes.
    type: dict
    suboptions:
      severities:
        description: The severities that refuse the image.
        type: list
        elements: str
        choices: [CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED]
        default: [CRITICAL]
      only_with_fix:
        description: Count only findings with a fix available (C(fixAvailable) V(YES) or V(PARTIAL)).
        type: bool
        default: true
"""
