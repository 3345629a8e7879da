#!/usr/bin/env bash
# Put the pip bootstrap stand-in where ansible-test looks for its cached download.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$("$root/.venv/bin/python" -c '
from ansible_test._internal.python_requirements import get_venv_packages
from ansible_test._internal.host_configs import NativePythonConfig
print(get_venv_packages(NativePythonConfig(version="3.11", path="/usr/bin/python3"))["pip"])')
mkdir -p ~/.ansible/test/cache
cp "$root/tests/tools/get_pip_standin.py" ~/.ansible/test/cache/get_pip_"${version//./_}".py
echo "pip $version bootstrap stand-in in ~/.ansible/test/cache"
