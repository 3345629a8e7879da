#!/usr/bin/env bash
# pytest, in-process: module_utils, modules, the emulator, roles' data.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
python -m pytest -q -n 2 -p no:cacheprovider tests/unit
