# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWSTOE documents that run a role bundle with ansible-playbook on the instance being built.

Build component: install python3 and a pinned ansible-core (the distro package when its version
matches the pin, else pip in a venv), S3Download the bundle, write the variables (component
parameters, JSON values) and run the playbook with `-c local`; the validate phase runs the
validation playbook; the last step removes what the component installed unless KeepAnsible is true.
Test component: the same setup, the validation playbook with the JUnit callback, S3Upload of the report.
"""

from __future__ import annotations

import json
import re
from typing import Any

STATE_ROOT = "/var/lib/imageforge/role-component"
VARIABLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{2,127}$")
TAG_RE = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
RESERVED = ("KeepAnsible",)

INSTALL = r"""set -euo pipefail
state=__STATE__
pin=__PIN__
mkdir -p "$state"
touch "$state/installed"
exec 3>&1 1>&2
matches() { case "$1" in "$pin"|"$pin".*) return 0;; *) return 1;; esac; }
record() { for p in "$@"; do echo "pkg:$p" >> "$state/installed"; done; }
pm=""
for c in apt-get dnf yum zypper; do if command -v "$c" >/dev/null; then pm=$c; break; fi; done
pkg_install() {
  case "$pm" in
    apt-get) DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" ;;
    dnf|yum) "$pm" install -y "$@" ;;
    zypper) zypper --non-interactive install "$@" ;;
    *) echo "no package manager to install $*"; return 1 ;;
  esac
}
if [ "$pm" = apt-get ]; then apt-get update -q; fi
if ! command -v python3 >/dev/null; then pkg_install python3; record python3; fi
existing=$(command -v ansible-playbook || true)
if [ -n "$existing" ] && matches "$("$existing" --version 2>/dev/null | sed -n '1s/.*core \([0-9][0-9.]*\).*/\1/p')"; then
  echo "$existing" > "$state/ansible-playbook"
else
  candidate=""
  case "$pm" in
    apt-get) candidate=$(apt-cache policy ansible-core 2>/dev/null | awk '/Candidate:/ {print $2}') ;;
    dnf|yum) candidate=$("$pm" -q list --available ansible-core 2>/dev/null | awk '/^ansible-core/ {print $2}' | tail -n1) ;;
  esac
  candidate=${candidate#*:}; candidate=${candidate%%-*}
  if [ -n "$candidate" ] && matches "$candidate"; then
    pkg_install ansible-core; record ansible-core
    echo /usr/bin/ansible-playbook > "$state/ansible-playbook"
  else
    if ! python3 -m venv "$state/venv"; then
      if [ "$pm" = apt-get ]; then pkg_install python3-venv python3-pip; record python3-venv python3-pip; else pkg_install python3-pip; record python3-pip; fi
      python3 -m venv "$state/venv"
    fi
    spec="ansible-core==$pin"
    case "$pin" in *.*.*) ;; *) spec="ansible-core==$pin.*" ;; esac
    "$state/venv/bin/pip" install -q "$spec"
    echo "$state/venv/bin/ansible-playbook" > "$state/ansible-playbook"
  fi
fi
cat "$state/ansible-playbook" >&3
"""

UNPACK = """set -euo pipefail
state=__STATE__
rm -rf "$state/bundle"
mkdir -p "$state/bundle"
tar -xzf "$state/bundle.tar.gz" -C "$state/bundle"
"""

PLAYBOOK = """set -euo pipefail
state=__STATE__
cd "$state/bundle"
export ANSIBLE_CONFIG="$state/bundle/ansible.cfg"
__ENV__"$(cat "$state/ansible-playbook")" -i inventory.ini __PLAYBOOK__ -e @"$state/vars.json"__AFTER__
"""

CLEANUP = """set -euo pipefail
state=__STATE__
keep='{{ KeepAnsible }}'
if [ "$keep" = true ]; then rm -rf "$state/bundle" "$state/bundle.tar.gz" "$state/report"; exit 0; fi
pkgs=$(sed -n 's/^pkg://p' "$state/installed" 2>/dev/null | tr '\\n' ' ')
if [ -n "$pkgs" ]; then
  if command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $pkgs
    DEBIAN_FRONTEND=noninteractive apt-get autoremove -y -q --purge
  elif command -v dnf >/dev/null; then dnf remove -y $pkgs
  elif command -v yum >/dev/null; then yum remove -y $pkgs
  elif command -v zypper >/dev/null; then zypper --non-interactive remove $pkgs
  fi
fi
rm -rf "$state"
rmdir "$(dirname "$state")" 2>/dev/null || true
"""

ANSIBLE_CFG = """[defaults]
roles_path = ./roles
collections_path = ./collections
interpreter_python = auto_silent
retry_files_enabled = false
stdout_callback = default

[connection]
pipelining = true
"""
INVENTORY = "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n"


def check_variables(variables: dict[str, Any]) -> list[Any]:
    """Problems with Ansible variable names as AWSTOE parameter names."""
    faults = []
    for name in variables or {}:
        if not VARIABLE_RE.match(str(name)):
            faults.append(f"variables: {name!r} cannot be a component parameter (3 to 128 letters, digits or '_', "
                          "not starting with a digit)")
        elif name in RESERVED:
            faults.append(f"variables: {name!r} is reserved by the generated document")
    return faults


def check_tags(run_tags: Any, skip_tags: Any) -> list[Any]:
    """Problems with Ansible tags that go on the ansible-playbook command line of the build phase."""
    return [f"{option}: {tag!r} is not a tag (letters, digits, '_', '.' and '-', at most 128)"
            for option, tags in (("run_tags", run_tags), ("skip_tags", skip_tags))
            for tag in tags or [] if not TAG_RE.match(str(tag))]


def tag_arguments(run_tags: Any = None, skip_tags: Any = None) -> str:
    """The --tags/--skip-tags arguments (checked by check_tags, so safe in a shell command)."""
    out = ""
    if run_tags:
        out += " --tags " + ",".join(run_tags)
    if skip_tags:
        out += " --skip-tags " + ",".join(skip_tags)
    return out


# Validation inside a build runs on a live instance (and the test stage on one booted from the
# image), which has host keys and a machine-id by then: check the hardening, not image hygiene.
VALIDATION_VARS = {"image_validation_profile": "host"}


def playbook(title: Any, roles: Any, variables: dict[str, Any] | None = None) -> str:
    """The playbook text: one play on localhost applying `roles` in order."""
    lines = ["---", f"- name: {json.dumps(title)}", "  hosts: all", "  gather_facts: true"]
    if variables:
        lines += ["  vars:"] + [f"    {key}: {json.dumps(value)}" for key, value in sorted(variables.items())]
    lines += ["  roles:"]
    lines += [f"    - role: {role}" for role in roles]
    return "\n".join(lines) + "\n"


def bundle_files(name: str, roles: list[str], validation_role: str | None) -> dict[str, str]:
    files = {"ansible.cfg": ANSIBLE_CFG, "inventory.ini": INVENTORY, "playbook.yml": playbook(name, roles)}
    if validation_role:
        files["validate.yml"] = playbook(f"{name} validation", [validation_role], VALIDATION_VARS)
    return files


def _script(template: Any, state: Any, **values: Any) -> str:
    text = template.replace("__STATE__", state)
    for key, value in values.items():
        text = text.replace(f"__{key}__", value)
    return text


def _setup_steps(state: Any, pin: Any, bundle_uri: str, variables: dict[str, Any], phase: Any) -> list[Any]:
    content = "{" + ", ".join(f"{json.dumps(name)}: {{{{ {name} }}}}" for name in sorted(variables)) + "}"
    return [
        dict(name="InstallAnsible", action="ExecuteBash", timeoutSeconds=1800, maxAttempts=2,
             inputs={"commands": [_script(INSTALL, state, PIN=_shell_word(pin))]}),
        dict(name="DownloadBundle", action="S3Download", maxAttempts=3,
             inputs=[{"source": bundle_uri, "destination": f"{state}/bundle.tar.gz", "overwrite": True}]),
        dict(name="WriteVariables", action="CreateFile",
             inputs=[{"path": f"{state}/vars.json", "content": content, "permissions": "0600", "overwrite": True}]),
        dict(name="UnpackBundle", action="ExecuteBash", inputs={"commands": [_script(UNPACK, state)]}),
    ]


def _run_step(name: str, state: Any, playbook_file: Any, env: str = "", after: str = "") -> dict[str, Any]:
    return dict(name=name, action="ExecuteBash", timeoutSeconds=7200,
                inputs={"commands": [_script(PLAYBOOK, state, PLAYBOOK=playbook_file, ENV=env, AFTER=after)]})


def _parameters(variables: dict[str, Any], keep: Any) -> list[Any]:
    params = [{name: {"type": "string", "default": json.dumps(variables[name], sort_keys=True),
                      "description": f"Ansible variable {name}, as a JSON value"}} for name in sorted(variables)]
    params.append({"KeepAnsible": {"type": "string", "default": "true" if keep else "false",
                                   "description": "true keeps ansible-core and the bundle on the image"}})
    return params


def _shell_word(text: str) -> str:
    return "'" + str(text).replace("'", "'\\''") + "'"


def build_document(name: str, bundle_uri: str, variables: dict[str, Any], pin: Any, keep: Any, validation_role: str | None,
                   description: str | None = None, run_tags: Any = None, skip_tags: Any = None) -> dict[str, Any]:
    state = f"{STATE_ROOT}/{name}"
    build_steps = [*_setup_steps(state, pin, bundle_uri, variables, "build"),
                   _run_step("RunPlaybook", state, "playbook.yml", after=tag_arguments(run_tags, skip_tags))]
    cleanup = dict(name="RemoveAnsible", action="ExecuteBash", inputs={"commands": [_script(CLEANUP, state)]})
    phases = [{"name": "build", "steps": build_steps}]
    if validation_role:
        phases.append({"name": "validate", "steps": [_run_step("RunValidation", state, "validate.yml"), cleanup]})
    else:
        build_steps.append(cleanup)
    return dict(name=name, description=description or f"Runs the Ansible roles of {name} with ansible-core {pin}",
                schemaVersion=1.0, parameters=_parameters(variables, keep), phases=phases)


def test_document(name: str, bundle_uri: str, variables: dict[str, Any], pin: Any, report_uri: Any, description: str | None = None) -> dict[str, Any]:
    state = f"{STATE_ROOT}/{name}"
    env = 'export ANSIBLE_CALLBACKS_ENABLED=junit JUNIT_OUTPUT_DIR="$state/report" JUNIT_TASK_CLASS=yes\nmkdir -p "$state/report"\n'
    run = _run_step("RunValidation", state, "validate.yml", env=env,
                    after=' && echo 0 > "$state/rc" || echo $? > "$state/rc"')
    steps = [
        *_setup_steps(state, pin, bundle_uri, variables, "test"),
        run,
        dict(name="UploadReport", action="S3Upload", onFailure="Continue",
             inputs=[{"source": f"{state}/report", "destination": report_uri.rstrip("/") + "/", "recurse": True}]),
        dict(name="ValidationResult", action="ExecuteBash", onFailure="Continue",
             inputs={"commands": [f'exit "$(cat {state}/rc)"']}),
        dict(name="RemoveAnsible", action="ExecuteBash", inputs={"commands": [_script(CLEANUP, state)]}),
    ]
    return dict(name=name, description=description or f"Tests an image with the validation role of {name}",
                schemaVersion=1.0, parameters=_parameters(variables, False), phases=[{"name": "test", "steps": steps}])
