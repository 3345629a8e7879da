# Sourced by the other scripts: the venv, the collection path and the emulator defaults.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$root/.venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$root/.tmp/collections"
export ANSIBLE_ROLES_PATH="$root/roles"
export PYTHONPATH="$root/.tmp/collections${PYTHONPATH:+:$PYTHONPATH}"
export EMULATOR_PORT=${EMULATOR_PORT:-5055}
export ANSIBLE_NOCOLOR=1
