"""make check runs the unit tests a change can break: tests/tools/affected_tests.py follows imports."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("affected_tests", ROOT / "tests" / "tools" / "affected_tests.py")
affected = importlib.util.module_from_spec(spec)
spec.loader.exec_module(affected)


def test_a_core_file_selects_the_tests_that_reach_it_through_other_files():
    selected = affected.affected_tests(["plugins/module_utils/_core/base.py"])
    assert "tests/unit/plugins/module_utils/test_paginate_and_errors.py" in selected  # imports base directly
    assert "tests/unit/plugins/module_utils/test_ami_retention.py" in selected  # through _amis/ami_retention.py
    assert "tests/unit/plugins/modules/test_every_option_reaches_its_call.py" in selected  # imports every module by name
    assert "tests/unit/plugins/module_utils/test_versions.py" not in selected


def test_a_module_file_selects_only_the_tests_that_load_it():
    selected = affected.affected_tests(["plugins/modules/component.py"])
    assert "tests/unit/plugins/modules/test_component.py" in selected
    assert "tests/unit/plugins/module_utils/test_paginate_and_errors.py" not in selected


def test_files_that_are_not_python_or_not_imported_select_nothing():
    assert affected.affected_tests(["plugins/doc_fragments/waiter.py", "README.md"]) == []


def test_tests_that_read_the_module_files_as_text_follow_any_module():
    selected = affected.affected_tests(["plugins/modules/component.py"])
    assert "tests/unit/test_collection_metadata.py" in selected
    assert "tests/unit/playbooks/test_iam_policies.py" in selected


def test_a_test_helper_selects_the_tests_that_use_it():
    selected = affected.affected_tests(["tests/unit/plugins/module_utils/ami_fakes.py"])
    assert "tests/unit/plugins/module_utils/test_ami_copies.py" in selected
    assert "tests/unit/plugins/module_utils/test_versions.py" not in selected
