#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the imageforge.image_builder collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: component_validate
short_description: Validate AWSTOE component documents locally
version_added: 0.1.0
description:
  - Checks EC2 Image Builder component documents (the AWSTOE YAML or JSON format) without calling AWS.
  - "Reports every problem it finds, each naming the document, the phase, the step and the fault,
    for example C(phase 'build', step 'InstallNginx': action 'ExecuteBash' requires input 'commands')."
  - Checks the schema version, phases, step names, every AWSTOE action and its inputs, C(onFailure),
    C(timeoutSeconds), C(maxAttempts), C(loop) and C(if) constructs, parameters and constants, and
    C({{ }}) references to parameters, loop variables and earlier steps.
  - Never changes anything; it reports C(changed=false) and behaves the same in check mode.
author:
  - imageforge maintainers (@imageforge)
options:
  data:
    description:
      - One component document, as YAML/JSON text or as an already parsed dictionary.
      - Text longer than 16000 characters is reported, because Image Builder accepts no more inline.
      - Mutually exclusive with O(path).
    type: raw
  path:
    description:
      - A component document file, or a folder whose C(*.yml), C(*.yaml) and C(*.json) files
        (not recursive) are each validated as one document.
      - Mutually exclusive with O(data).
    type: path
  platform:
    description:
      - The platform the component targets.
      - When set, actions the platform cannot run are reported, for example C(ExecuteBash) on Windows
        or C(ExecutePowerShell), C(InstallMSI) and C(SetRegistry) on Linux.
    type: str
    choices: [Linux, Windows, macOS]
  fail_on_problems:
    description:
      - Fail the task, with one line per problem, when any document has a problem.
      - When V(false), the task succeeds and returns RV(valid) and RV(problems) for later tasks to inspect.
    type: bool
    default: true
attributes:
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in diff_mode mode).
    support: none
extends_documentation_fragment:
  - imageforge.image_builder.attributes
notes:
  - This is a static check. It cannot tell whether commands succeed, files exist or S3 objects are readable.
seealso:
  - name: AWSTOE component document reference
    description: Phases, steps, action modules, loops and conditions of AWSTOE documents.
    link: https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html
"""

EXAMPLES = r"""
- name: Validate one component file before uploading it
  imageforge.image_builder.component_validate:
    path: files/components/nginx.yml
    platform: Linux

- name: Validate every document of a folder and keep going on problems
  imageforge.image_builder.component_validate:
    path: files/components/
    fail_on_problems: false
  register: checked

- name: Show what is wrong
  ansible.builtin.debug:
    msg: "{{ checked.problems | map(attribute='message') | list }}"
  when: not checked.valid

- name: Validate inline YAML
  imageforge.image_builder.component_validate:
    platform: Windows
    data: |
      schemaVersion: 1.0
      phases:
        - name: build
          steps:
            - name: SayHello
              action: ExecutePowerShell
              inputs:
                commands:
                  - Write-Host "hello"
"""

RETURN = r"""
valid:
  description: Whether every document is free of problems.
  returned: always
  type: bool
  sample: false
documents:
  description: How many documents were validated.
  returned: always
  type: int
  sample: 3
problems:
  description: Every problem found, in document order.
  returned: always
  type: list
  elements: dict
  contains:
    document:
      description: The file the problem is in, or C(data) for inline data.
      type: str
      sample: files/components/nginx.yml
    path:
      description: Where in the document the problem is.
      type: str
      sample: phases[build].steps[InstallNginx].inputs
    message:
      description: The problem, naming the phase and step when it is inside one.
      type: str
      sample: "phase 'build', step 'InstallNginx': action 'ExecuteBash' requires input 'commands'"
"""

import os
from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe.awstoe import parse_and_validate

DOCUMENT_SUFFIXES = (".yml", ".yaml", ".json")


def document_files(module: AnsibleModule, path: str) -> Any:
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.lower().endswith(DOCUMENT_SUFFIXES))
        files = [os.path.join(path, n) for n in names if os.path.isfile(os.path.join(path, n))]
        if not files:
            module.fail_json(msg="folder %s holds no *.yml, *.yaml or *.json documents" % path)
        return files
    if os.path.isfile(path):
        return [path]
    module.fail_json(msg="path %s is neither a file nor a folder" % path)
    return None


def validate_files(module: AnsibleModule, path: str, platform: str | None) -> list[tuple[str, list[Any]]]:
    results = []
    for name in document_files(module, path):
        try:
            with open(name, "rb") as handle:
                text = handle.read()
        except OSError as exc:
            results.append((name, [{"path": "", "message": "cannot read file: %s" % to_native(exc)}]))
            continue
        _doc, problems = parse_and_validate(text, platform, check_inline_limit=False)
        results.append((name, problems))
    return results


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(
            data=dict(type="raw"),
            path=dict(type="path"),
            platform=dict(type="str", choices=["Linux", "Windows", "macOS"]),
            fail_on_problems=dict(type="bool", default=True),
        ),
        mutually_exclusive=[("data", "path")],
        required_one_of=[("data", "path")],
        supports_check_mode=True,
    )
    platform = module.params["platform"]
    if module.params["path"] is not None:
        results = validate_files(module, module.params["path"], platform)
    else:
        _doc, problems = parse_and_validate(module.params["data"], platform)
        results = [("data", problems)]

    problems = []
    for document, found in results:
        for problem in found:
            if isinstance(problem, dict):
                problems.append(dict(problem, document=document))
            else:
                problems.append({"document": document, "path": problem.path, "message": str(problem)})
    result = dict(changed=False, valid=not problems, problems=problems, documents=len(results))
    if problems and module.params["fail_on_problems"]:
        lines = ["%s: %s" % (p["document"], p["message"]) for p in problems]
        summary = "%d problem(s) in %d document(s):\n%s" % (len(problems), len(results), "\n".join(lines))
        module.fail_json(msg=summary, **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
