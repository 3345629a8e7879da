"""tests/tools/ee_env.py: the checks that stop an execution environment built from an incomplete definition."""

import importlib.util

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("ee_env", ROOT / "tests/tools/ee_env.py")
ee_env = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ee_env)


def test_a_system_package_missing_here_is_named_with_the_install_command(tmp_path):
    bindep = tmp_path / "bindep.txt"
    bindep.write_text("tar [platform:dpkg]\nimageforge-no-such-package [platform:dpkg]\n")
    with pytest.raises(ee_env.EEError, match="apt-get install imageforge-no-such-package"):
        ee_env.check_bindep(bindep)


def test_a_version_floor_this_machine_misses_is_reported(tmp_path):
    bindep = tmp_path / "bindep.txt"
    bindep.write_text("tar [platform:dpkg] >=999\n")
    with pytest.raises(ee_env.EEError, match="tar version .* does not match >=999"):
        ee_env.check_bindep(bindep)


def test_a_list_with_nothing_for_this_platform_is_refused_rather_than_passed(tmp_path):
    bindep = tmp_path / "bindep.txt"
    bindep.write_text("openssh-clients [platform:rpm] >=9.6\n")
    with pytest.raises(ee_env.EEError, match="nothing would be checked"):
        ee_env.check_bindep(bindep)


def test_a_collection_version_the_ansible_package_lacks_is_refused(tmp_path):
    with pytest.raises(ee_env.EEError, match="amazon.aws 1.0.0 is declared, but the `ansible` package has"):
        ee_env.tarball_from_installed("amazon.aws", "1.0.0", tmp_path)
