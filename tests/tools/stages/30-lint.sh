#!/usr/bin/env bash
# ansible-lint (production profile) and yamllint on roles, playbooks and the collection metadata.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
yamllint -s .
ANSIBLE_LINT_SKIP_SCHEMA_UPDATE=1 ansible-lint --offline --profile production
