#!/usr/bin/env bash
# ansible-test sanity on a copy of the collection, with an empty ignore file.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
"$root/tests/tools/ansible-test-offline.sh" >/dev/null
dest=$(EMULATOR_PORT=sanity "$root/tests/tools/collection-copy.sh")
cd "$dest"
ansible-test sanity --python 3.11 --local --color no
