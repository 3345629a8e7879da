#!/usr/bin/env bash
# make aws-acceptance: the integration targets against a real AWS account (docs/aws-acceptance.md).
# DRY_RUN=1 prints the plan and the cost note and calls nothing. TARGETS="component image" runs a subset.
# Every resource is named with a unique prefix and deleted by that prefix at the end, also after a failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
py="$root/.venv/bin/python"
tool="$root/tests/tools/aws_acceptance.py"
prefix=${ACCEPTANCE_PREFIX:-ifacc-$(date -u +%m%d%H%M)-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')}
targets=${TARGETS:-$("$py" "$tool" targets)}
# shellcheck disable=SC2086
"$py" "$tool" plan "$prefix" $targets
if [ "${DRY_RUN:-0}" = 1 ]; then
  echo "dry run: nothing was called; run without DRY_RUN=1 to create and delete these resources"
  exit 0
fi
unset AWS_ENDPOINT_URL  # the real service, never a leftover emulator endpoint

home=$(mktemp -d)
teardown() {
  status=$?
  trap - EXIT INT TERM
  echo "=== teardown of $prefix (run status $status)"
  "$py" "$tool" teardown "$prefix" || { echo "teardown left resources behind: rerun: $tool teardown $prefix" >&2; status=1; }
  rm -rf "$home" "${ini:-}"
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

dest=$("$root/tests/tools/collection-copy.sh")
ini="$dest/tests/integration/cloud-config-aws.ini"
(umask 077; "$py" "$tool" config "$prefix" >"$ini")
cd "$dest"
# ansible-test --local refuses to run while ~/.aws exists: the credentials are in the config, so hide HOME.
# shellcheck disable=SC2086
HOME="$home" ${ACCEPTANCE_RUNNER:-ansible-test integration --python 3.11 --local --color no --continue-on-error} $targets
