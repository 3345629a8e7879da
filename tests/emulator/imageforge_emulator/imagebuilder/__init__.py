"""The imagebuilder backend, registered into moto at run time (moto 5.2.5 has none)."""

import importlib
import pkgutil
import re
import sys

from botocore.session import get_session
from moto import backend_index
from moto.core.base_backend import BackendDict
from moto.core.utils import camelcase_to_underscores

from . import urls
from .registry import BACKEND_PARTS
from .responses import add_operation
from .validation import service_model

INFRASTRUCTURE = {"amazon", "arns", "core", "errors", "registry", "responses", "urls", "validation"}


def _load_parts():
    for module in pkgutil.iter_modules(__path__):
        if module.name not in INFRASTRUCTURE:
            importlib.import_module(f"{__name__}.{module.name}")


_load_parts()


class ImageBuilderBackend(*BACKEND_PARTS):
    # moto derives this with rstrip("models"), which strips characters, not a suffix
    @property
    def _url_module(self):
        return urls


def _regions():
    # get_available_regions("imagebuilder") is empty: use EC2's regions of every partition
    session = get_session()
    return [r for p in session.get_available_partitions() for r in session.get_available_regions("ec2", p)]


imagebuilder_backends = BackendDict(ImageBuilderBackend, "imagebuilder", additional_regions=_regions(),
                                    use_boto3_regions=False)

for _op in service_model().operation_names:
    _name = camelcase_to_underscores(_op)
    if hasattr(ImageBuilderBackend, _name):
        add_operation(_op, _name)


def register():
    sys.modules["moto.imagebuilder"] = sys.modules[__name__]
    sys.modules["moto.imagebuilder.urls"] = urls
    pattern = re.compile(r"https?://imagebuilder\.(.+)\.amazonaws\.com")
    if not any(name == "imagebuilder" for name, _pattern in backend_index.backend_url_patterns):
        backend_index.backend_url_patterns.insert(0, ("imagebuilder", pattern))
