# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Role bundles are byte-for-byte reproducible; generated documents pass the AWSTOE validator."""

from __future__ import annotations

import io
import os
import tarfile
import time

import pytest

from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe import awstoe
from ansible_collections.imageforge.image_builder.plugins.module_utils._imagebuilder import role_bundle
from ansible_collections.imageforge.image_builder.plugins.module_utils._awstoe import toe_documents


def make_role(base, name, tasks):
    os.makedirs(base / name / "tasks")
    (base / name / "tasks" / "main.yml").write_text(tasks)
    return base / name


def make_collection(base, fqcn):
    path = base / "ansible_collections" / fqcn.replace(".", "/")
    os.makedirs(path / "plugins" / "modules")
    os.makedirs(path / "tests")
    (path / "MANIFEST.json").write_text("{}")
    (path / "plugins" / "modules" / "thing.py").write_text("# module\n")
    (path / "tests" / "big.txt").write_text("not bundled\n")
    return path


TASKS = """
- name: builtin
  ansible.builtin.copy: {dest: /x, content: y}
- block:
    - name: nested
      ansible.posix.sysctl: {name: kernel.yama.ptrace_scope, value: "1"}
  rescue:
    - community.general.ini_file: {path: /x}
"""


def test_used_collections_reads_task_keys_not_values(tmp_path):
    role = make_role(tmp_path, "r", TASKS)
    assert role_bundle.used_collections([str(role)]) == ["ansible.posix", "community.general"]


def test_same_content_same_bytes_despite_mtimes(tmp_path):
    role = make_role(tmp_path, "r", TASKS)
    coll = make_collection(tmp_path / "c", "ansible.posix")
    args = ([("r", str(role))], [("ansible.posix", str(coll))], {"playbook.yml": "---\n"})
    first = role_bundle.build(*args)
    os.utime(role / "tasks" / "main.yml", (time.time() + 1000, time.time() + 1000))
    assert role_bundle.build(*args) == first
    (role / "tasks" / "main.yml").write_text(TASKS + "\n# changed\n")
    assert role_bundle.sha256(role_bundle.build(*args)) != role_bundle.sha256(first)


def test_archive_layout_sorted_and_without_tests(tmp_path):
    role = make_role(tmp_path, "r", TASKS)
    coll = make_collection(tmp_path / "c", "ansible.posix")
    data = role_bundle.build([("r", str(role))], [("ansible.posix", str(coll))], {"playbook.yml": "---\n"})
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        names = tar.getnames()
        assert all(m.mtime == 0 and m.uid == 0 for m in tar.getmembers())
    assert names == sorted(names)
    assert "roles/r/tasks/main.yml" in names and "playbook.yml" in names
    assert "collections/ansible_collections/ansible/posix/plugins/modules/thing.py" in names
    assert not any("/tests/" in n for n in names)


def test_missing_role_and_collection_are_named(tmp_path):
    with pytest.raises(role_bundle.BundleError, match="role nope not found"):
        role_bundle.resolve_role("nope", [str(tmp_path)])
    with pytest.raises(role_bundle.BundleError, match="collection ansible.posix"):
        role_bundle.find_collection("ansible.posix", [str(tmp_path)])


def test_role_by_name_path_and_dict(tmp_path):
    role = make_role(tmp_path, "hardening", TASKS)
    assert role_bundle.resolve_role("hardening", [str(tmp_path)]) == ("hardening", str(role))
    assert role_bundle.resolve_role(str(role), []) == ("hardening", str(role))
    assert role_bundle.resolve_role({"name": "h2", "path": str(role)}, []) == ("h2", str(role))


def test_generated_documents_are_valid_and_carry_variables():
    doc = toe_documents.build_document("hard", "s3://b/k.tar.gz", {"ssh_port": 2222, "pkgs": ["a"]}, "2.14", False,
                                       "image_validation")
    assert awstoe.validate_document(doc, "Linux") == []
    params = {k: v for p in doc["parameters"] for k, v in p.items()}
    assert params["ssh_port"]["default"] == "2222" and params["pkgs"]["default"] == '["a"]'
    assert params["KeepAnsible"]["default"] == "false"
    assert [p["name"] for p in doc["phases"]] == ["build", "validate"]
    assert doc["phases"][1]["steps"][-1]["name"] == "RemoveAnsible"
    test = toe_documents.test_document("hard-test", "s3://b/k.tar.gz", {}, "2.14", "s3://b/reports/hard")
    assert awstoe.validate_document(test, "Linux") == []
    assert [s["action"] for s in test["phases"][0]["steps"]].count("S3Upload") == 1


def test_without_validation_the_build_phase_cleans_up():
    doc = toe_documents.build_document("hard", "s3://b/k.tar.gz", {}, "2.14.18", True, None)
    assert [p["name"] for p in doc["phases"]] == ["build"]
    assert doc["phases"][0]["steps"][-1]["name"] == "RemoveAnsible"


def test_variable_names_that_cannot_be_parameters():
    assert toe_documents.check_variables({"ok_name": 1}) == []
    assert len(toe_documents.check_variables({"ab": 1, "1abc": 2, "KeepAnsible": 3})) == 3


def test_run_and_skip_tags_reach_the_build_playbook_only():
    doc = toe_documents.build_document("cis-l1", "s3://b/k.tar.gz", {"hardening_rule_5_1_20_enabled": False}, "2.14", False,
                                       "image_validation", run_tags=["level1"], skip_tags=["cis_5.1.20", "lynis"])
    assert awstoe.validate_document(doc, "Linux") == []
    build = doc["phases"][0]["steps"][-1]["inputs"]["commands"][0]
    assert "playbook.yml -e @\"$state/vars.json\" --tags level1 --skip-tags cis_5.1.20,lynis" in build
    validate = doc["phases"][1]["steps"][0]["inputs"]["commands"][0]
    assert "--tags" not in validate and "--skip-tags" not in validate
    params = {k: v for p in doc["parameters"] for k, v in p.items()}
    assert params["hardening_rule_5_1_20_enabled"]["default"] == "false"
    plain = toe_documents.build_document("cis-l1", "s3://b/k.tar.gz", {}, "2.14", False, "image_validation")
    assert "--tags" not in plain["phases"][0]["steps"][-1]["inputs"]["commands"][0]


def test_tags_that_could_break_the_command_line_are_refused():
    assert toe_documents.check_tags(["level1", "cis_5.1.20"], ["nist_ac"]) == []
    faults = toe_documents.check_tags(["level1; rm -rf /"], ["a b", ""])
    assert len(faults) == 3 and faults[0].startswith("run_tags: 'level1; rm -rf /'")
