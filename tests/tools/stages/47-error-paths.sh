#!/usr/bin/env bash
# Generated error-path tests (tests/error_paths/): every API call of every scenario answers AccessDenied,
# not found, a validation error, throttling past the retries and 5xx past the retries in turn, on an emulator
# per pytest worker; each task must fail with the operation named, no traceback, nothing half-done as success.
# Report per scenario in .tmp/error-paths/. Known findings are in tests/error_paths/known_failures.txt.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
python -m pytest -q -p no:cacheprovider -n "${ERROR_PATHS_JOBS:-2}" tests/error_paths
