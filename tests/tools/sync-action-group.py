"""Rewrite meta/runtime.yml's `aws` action group from the AWS modules in plugins/modules."""

import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
modules = sorted(
    p.stem for p in (root / "plugins" / "modules").glob("*.py")
    if re.search(r"\bImageForgeModule\(|\bAnsibleAWSModule\(", p.read_text())
)
lines = ["---", 'requires_ansible: ">=2.17.0"', "action_groups:", "  aws:", "    - metadata:",
         "        extend_group:", "          - amazon.aws.aws"] + [f"    - {m}" for m in modules]
(root / "meta" / "runtime.yml").write_text("\n".join(lines) + "\n")
print(f"{len(modules)} modules in the aws group")
