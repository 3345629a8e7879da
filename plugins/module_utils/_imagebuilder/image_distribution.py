# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DistributeImage: send a built image to more regions and accounts, once, and only when the
validation gate lets it through."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .image_builds import DONE
from .image_builds import RUNNING
from .image_builds import get_image
from .image_builds import list_builds
from .validation_gate import require_validated

if TYPE_CHECKING:
    from .._core.base import ImageForgeModule

SOURCE_TAG = "imageforge:distributed-from"


def previous_distribution(module: ImageForgeModule, image: dict[str, Any], distribution_arn: str) -> Any:
    """A build made by an earlier DistributeImage of `image` with the same configuration, or None."""
    version_arn = image["arn"].rsplit("/", 1)[0]
    summaries = list_builds(module, version_arn)
    for summary in summaries:
        if (summary.get("tags") or {}).get(SOURCE_TAG) != image["arn"]:
            continue
        if (summary.get("state") or {}).get("status") not in DONE + RUNNING:
            continue
        found = get_image(module, summary["arn"])
        if (found.get("distributionConfiguration") or {}).get("arn") == distribution_arn:
            return found
    return None


def distribute(module: ImageForgeModule, image: dict[str, Any], distribution_arn: str) -> tuple[Any, ...]:
    """(changed, gate result, ARN of the distribution build or None in check mode)."""
    gate = require_validated(module, image=image, allow_unvalidated=module.params["allow_unvalidated"],
                             findings_policy=module.params.get("findings_policy"))
    previous = previous_distribution(module, image, distribution_arn)
    if previous:
        return False, gate, previous["arn"]
    if module.check_mode:
        return True, gate, None
    if not module.params.get("execution_role"):
        module.fail_json(msg="distribute needs execution_role: the IAM role Image Builder assumes to distribute.")
    tags = dict(module.params.get("tags") or {}, **{SOURCE_TAG: image["arn"]})
    response = module.call(module.imagebuilder, "distribute_image", f"distribute {image['arn']}",
                           sourceImage=image["arn"], distributionConfigurationArn=distribution_arn,
                           executionRole=module.params["execution_role"], tags=tags, clientToken=module.client_token())
    return True, gate, response["imageBuildVersionArn"]
