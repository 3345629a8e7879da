#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: component_run
short_description: Run an AWSTOE component document on a local target (container, chroot)
version_added: 0.1.0
description:
  - Runs the phases of an EC2 Image Builder (AWSTOE) component document on the task's host, through
    its Ansible connection (for example C(containers.podman.podman) or C(community.general.chroot)),
    so a component can be tried in seconds instead of a pipeline run.
  - This is an action plugin; the steps run on the target with the connection and C(become).
  - "Supported actions: ExecuteBash, ExecuteBinary, CreateFile, AppendFile, DeleteFile, CopyFile, MoveFile,
    CreateFolder, DeleteFolder, CopyFolder, MoveFolder, CreateSymlink, SetFilePermissions, SetFolderPermissions,
    SetFileOwner, SetFolderOwner, ReadFile, ListFiles, S3Download, S3Upload, WebDownload, UpdateOS, Assert and Reboot."
  - S3Download and S3Upload transfer with boto3 on the controller (any S3 endpoint) and copy the files to or
    from the target. WebDownload downloads on the controller.
  - Reboot, and exit code 194 of a step, restart the container on a podman connection and resume at the same
    step; elsewhere Reboot is reported as skipped and exit code 194 fails the step.
  - Step outputs, parameters, constants, loops (C(for), C(forEach)), C(if), C(onFailure), C(maxAttempts) and
    C(timeoutSeconds) follow AWSTOE. Any other action is reported as skipped with a warning.
  - The document is validated with the local AWSTOE validator first.
author:
  - imageforge maintainers (@imageforge)
options:
  data:
    description: The document, as YAML text or a dictionary. Mutually exclusive with O(src).
    type: raw
  src:
    description: Path of the document on the controller.
    type: path
  parameters:
    description: Values of the document's parameters. Booleans become V(true)/V(false).
    type: dict
    default: {}
  phases:
    description: The phases to run, in document order. Default is every phase of the document.
    type: list
    elements: str
  allow_localhost:
    description: Allow running through a C(local) connection, that is on the controller itself.
    type: bool
    default: false
  junit_path:
    description: Write a JUnit XML report (one testsuite per phase, one testcase per step) to this controller path.
    type: path
  fail_on_error:
    description: Fail the task when the document fails. With V(false) the report is returned either way.
    type: bool
    default: true
  max_reboots:
    description: The most reboots (Reboot actions and exit codes 194) one run may make.
    type: int
    default: 5
  tail_lines:
    description: How many trailing lines of stdout and stderr each step keeps in the report.
    type: int
    default: 20
  workdir:
    description: A scratch folder on the target, removed at the end. Not under C(/tmp), which may be a tmpfs.
    type: str
    default: /var/tmp/imageforge-component-run
  container:
    description: The container to restart for a reboot. Defaults to C(ansible_host) or the inventory name.
    type: str
  endpoint_url:
    description: The S3 endpoint for S3Download and S3Upload.
    type: str
    aliases: [aws_endpoint_url]
  region:
    description: The AWS region for S3.
    type: str
    aliases: [aws_region]
  access_key:
    description: The AWS access key for S3. Defaults to the boto3 credential chain.
    type: str
    aliases: [aws_access_key_id, aws_access_key]
  secret_key:
    description: The AWS secret key for S3.
    type: str
    aliases: [aws_secret_access_key, aws_secret_key]
  session_token:
    description: The AWS session token for S3.
    type: str
    aliases: [aws_session_token]
  profile:
    description: The AWS profile for S3.
    type: str
    aliases: [aws_profile]
notes:
  - Check mode runs nothing and reports the phases that would run.
  - Needs C(bash) on the target; C(timeout) from coreutils for C(timeoutSeconds).
"""

EXAMPLES = r"""
- name: Try a component in a podman container
  hosts: build-container
  tasks:
    - name: Run the build and validate phases
      imageforge.image_builder.component_run:
        src: components/hardening.yml
        phases: [build, validate]
        parameters:
          SshPort: "2222"
        junit_path: reports/hardening.xml
      register: run

    - name: Show the failed steps
      ansible.builtin.debug:
        msg: "{{ run.steps | selectattr('status', 'eq', 'failed') | list }}"
"""

RETURN = r"""
status:
  description: V(success), or V(failed) when a step failed with onFailure Abort or Continue.
  returned: when run
  type: str
steps:
  description: One entry per step, in order.
  returned: when run
  type: list
  elements: dict
  contains:
    phase:
      description: The phase.
      type: str
    name:
      description: The step name.
      type: str
    action:
      description: The action.
      type: str
    status:
      description: V(success), V(failed), V(ignored), V(skipped) or V(not_run).
      type: str
    duration:
      description: Seconds.
      type: float
    attempts:
      description: How many attempts were made.
      type: int
    exit_code:
      description: The exit code of the last attempt.
      type: int
    outputs:
      description: The step outputs (for example C(stdout), C(content), C(files)).
      type: dict
    message:
      description: Why the step failed or was skipped.
      type: str
    stdout_tail:
      description: The last O(tail_lines) lines of stdout.
      type: str
    stderr_tail:
      description: The last O(tail_lines) lines of stderr.
      type: str
counts:
  description: The number of steps per status.
  returned: when run
  type: dict
duration:
  description: Seconds the run took.
  returned: when run
  type: float
reboots:
  description: How many times the target was restarted.
  returned: when run
  type: int
warnings:
  description: Skipped unsupported actions and similar notes.
  returned: when run
  type: list
  elements: str
junit_path:
  description: Where the JUnit report was written.
  returned: when O(junit_path) is set
  type: str
"""
