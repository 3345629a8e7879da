# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One botocore data loader for every client that a module makes.

amazon.aws makes a new boto3 session for each client, and each session has its own loader, so
a task that works in five regions parses the EC2 service model (about 0.15 s) six times. The
loader only reads botocore's own data files, so sharing it changes nothing but the time.
"""

from __future__ import annotations

from typing import Any

try:
    import botocore.loaders
    import botocore.session
except ImportError:  # AnsibleAWSModule reports the missing botocore
    botocore = None

_LOADERS: dict[str, Any] = {}


def _register_shared_data_loader(session: Any) -> None:
    def shared() -> Any:
        path = session.get_config_variable("data_path")
        if path not in _LOADERS:
            _LOADERS[path] = botocore.loaders.create_loader(path)
        return _LOADERS[path]

    session._components.lazy_register_component("data_loader", shared)  # pylint: disable=protected-access


def share_data_loader() -> None:
    if botocore is not None and hasattr(botocore.session.Session, "_register_data_loader"):
        botocore.session.Session._register_data_loader = _register_shared_data_loader  # pylint: disable=protected-access
