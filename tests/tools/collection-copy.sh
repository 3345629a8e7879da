#!/usr/bin/env bash
# Copy the working tree (tracked and new files) to $TMPDIR/imageforge-test-*/ansible_collections/imageforge/image_builder,
# the layout ansible-test needs, and print that path.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# Outside the repository: ansible-test asks git for the file list of the tree it sits in.
dest="${TMPDIR:-/tmp}/imageforge-test-$(echo "$root" | sha1sum | cut -c1-8)-${EMULATOR_PORT:-0}/ansible_collections/imageforge/image_builder"
rm -rf "$dest"
mkdir -p "$dest"
cd "$root"
git ls-files -co --exclude-standard -z | xargs -0 -I{} cp --parents {} "$dest" 2>/dev/null || true

# amazon.aws comes from the ansible package; ansible-test sanity only looks beside the collection.
site=$("$root/.venv/bin/python" -c 'import ansible_collections.amazon.aws as m, os; print(os.path.dirname(os.path.dirname(m.__path__[0])))')
ln -sfn "$site/amazon" "$(dirname "$(dirname "$dest")")/amazon"
echo "$dest"
