"""Stand-in for the pip bootstrap script that ansible-test downloads from a host this machine cannot reach.

ansible-test runs it as __main__ inside a new, pip-less virtual environment, with pip's install
options and the packages to install as arguments. It installs the bundled pip with ensurepip, then
the requested packages from the index that pip is configured to use.
"""

import os
import subprocess
import sys

GET_PIP_ONLY = ("--no-setuptools", "--no-wheel")

# ensurepip hides pip's configuration from itself; run it apart so the next call sees the machine's index.
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"], stdout=subprocess.DEVNULL)
env = {k: v for k, v in os.environ.items() if k != "PIP_CONFIG_FILE"}
args = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY]
subprocess.check_call([sys.executable, "-m", "pip", "install", *args], env=env)
