#!/usr/bin/env bash
# Build the collection tarball, install it into an empty collections path, and render every module's docs.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
out="$root/.tmp/dist"; installed="$root/.tmp/installed"
rm -rf "$out" "$installed"; mkdir -p "$out" "$installed"
ansible-galaxy collection build --force --output-path "$out" . >/dev/null
tarball=$(ls "$out"/imageforge-image_builder-*.tar.gz)
echo "built $(basename "$tarball") ($(du -h "$tarball" | cut -f1))"
# Only the installed copy may be visible: no PYTHONPATH, no repository link, and a neutral directory.
unset PYTHONPATH
export ANSIBLE_COLLECTIONS_PATH="$installed"
cd "$installed"
ansible-galaxy collection install --force --no-deps -p "$installed" "$tarball" >/dev/null
test -f "$installed/ansible_collections/imageforge/image_builder/MANIFEST.json"
count=0
for module in "$root"/plugins/modules/*.py; do
  name=$(basename "$module" .py)
  ansible-doc "imageforge.image_builder.$name" >/dev/null || { echo "ansible-doc failed for $name"; exit 1; }
  count=$((count + 1))
done
echo "ansible-doc rendered $count modules from the installed tarball"
