#!/usr/bin/env bash
# make check: the fast loop for an edit. On the files changed since the branch left main (committed or not,
# and new files): unit tests that touch them, ruff (lint and format), mypy, and ansible-test sanity.
# Every step runs; one summary line each; nonzero exit if any failed. CHECK_BASE=<ref> compares with another base.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tests/tools/setup.sh" >/dev/null || exit 1
source "$root/tests/tools/env.sh"
cd "$root"
t0=$(date +%s)
base=$(git merge-base HEAD "${CHECK_BASE:-main}" 2>/dev/null || git rev-parse HEAD)
mapfile -t changed < <( { git diff --name-only --diff-filter=d "$base"; git ls-files --others --exclude-standard; } | sort -u)
mapfile -t python < <(printf '%s\n' "${changed[@]}" | grep -E '\.py$' || true)
echo "check: ${#changed[@]} changed files since $(git rev-parse --short "$base") (${#python[@]} Python)"
report=(); failed=0
step() {  # step <name> <command...>
  local name=$1 start; shift
  start=$(date +%s)
  echo "=== $name"
  if "$@"; then report+=("check $name passed in $(( $(date +%s) - start )) s")
  else report+=("check $name FAILED in $(( $(date +%s) - start )) s"); failed=$((failed + 1)); fi
}

unit_tests() {  # the unit tests that changed, or that name a changed module; all of them when shared test code changed
  local file stem
  for file in "${changed[@]}"; do
    case "$file" in
      tests/unit/*conftest.py|tests/unit/fixtures/*) echo tests/unit; return ;;
      tests/unit/*test_*.py) echo "$file" ;;
      tests/emulator/*.py)
        stem=$(basename "$file" .py)
        [ "$stem" = __init__ ] || grep -rlw --include='test_*.py' -e "$stem" tests/unit ;;
      plugins/*.py|roles/*.py)  # tests/unit/emulator imports only the emulator and boto3: it cannot reach these
        stem=$(basename "$file" .py)
        [ "$stem" = __init__ ] || grep -rlw --include='test_*.py' --exclude-dir=emulator -e "$stem" tests/unit ;;
    esac
  done
  # and every test that imports a changed plugin file, directly or through other plugin files and helpers
  mapfile -t plugin_files < <(printf '%s\n' "${changed[@]}" | grep -E '^(plugins|tests/unit)/.*\.py$' || true)
  [ ${#plugin_files[@]} -eq 0 ] || python "$root/tests/tools/affected_tests.py" "${plugin_files[@]}"
}
mapfile -t tests < <(unit_tests | sort -u)

if [ ${#tests[@]} -gt 0 ]; then
  step unit python -m pytest -q -p no:cacheprovider -n 2 "${tests[@]}"
else
  report+=("check unit skipped: no unit test touches the changed files")
fi
if [ ${#python[@]} -gt 0 ]; then
  step ruff ruff check --force-exclude "${python[@]}"
  step ruff-format ruff format --check --force-exclude "${python[@]}"
  step mypy mypy  # incremental (.mypy_cache); its scope and the older files' list are in pyproject.toml
fi
sanity_targets() {  # what ansible-test sanity looks at: the collection's files, not the venv or the tools' caches
  printf '%s\n' "${changed[@]}" | grep -vE '^(\.venv|\.tmp|tests/output)/' || true
}
mapfile -t targets < <(sanity_targets)
if [ ${#targets[@]} -gt 0 ]; then
  sanity() {
    "$root/tests/tools/ansible-test-offline.sh" >/dev/null
    local dest
    dest=$(EMULATOR_PORT=check "$root/tests/tools/collection-copy.sh")
    (cd "$dest" && ansible-test sanity --python 3.11 --local --color no "${targets[@]}")
  }
  step sanity sanity
fi

echo
printf '%s\n' "${report[@]}"
echo "check: ${#report[@]} steps, $failed failed, in $(( $(date +%s) - t0 )) s"
[ "$failed" -eq 0 ]
