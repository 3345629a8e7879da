"""The collection's metadata matches its modules, so module_defaults reach every AWS module."""

import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]


def aws_modules():
    """Modules built on ImageForgeModule (and so on AnsibleAWSModule)."""
    found = set()
    for path in (ROOT / "plugins" / "modules").glob("*.py"):
        if re.search(r"\bImageForgeModule\(|\bAnsibleAWSModule\(", path.read_text()):
            found.add(path.stem)
    return found


def test_the_aws_group_lists_every_aws_module_and_only_those():
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    group = runtime["action_groups"]["aws"]
    assert {"metadata": {"extend_group": ["amazon.aws.aws"]}} in group
    listed = {entry for entry in group if isinstance(entry, str)}
    assert listed == aws_modules()


def test_requires_ansible_2_17_and_depends_on_amazon_aws():
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    galaxy = yaml.safe_load((ROOT / "galaxy.yml").read_text())
    assert runtime["requires_ansible"] == ">=2.17.0"
    assert galaxy["namespace"] == "imageforge" and galaxy["name"] == "image_builder"
    assert galaxy["license"] == ["GPL-3.0-or-later"]
    assert galaxy["dependencies"]["amazon.aws"] == ">=9.0.0"
    assert {".venv", ".tmp"} <= set(galaxy["build_ignore"])
