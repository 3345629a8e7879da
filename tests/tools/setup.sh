#!/usr/bin/env bash
# Create .venv with the pinned dependencies and expose the collection to Ansible.
# Safe to rerun: it reinstalls only when tests/requirements.txt changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat tests/requirements.txt tests/emulator/pyproject.toml 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r tests/requirements.txt
  if [ -f tests/emulator/pyproject.toml ]; then
    .venv/bin/pip install -q --disable-pip-version-check -e tests/emulator
  fi
  echo "$want" > "$stamp"
fi
# Ansible finds the collection through this link; the tree itself stays flat.
mkdir -p .tmp/collections/ansible_collections/imageforge
ln -sfn "$root" .tmp/collections/ansible_collections/imageforge/image_builder
