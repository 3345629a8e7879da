"""DescribeImageReferences (moto 5.2.5 has none): which instances, launch template versions, SSM
parameters and Image Builder recipes of this account and region refer to the AMIs.

Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImageReferences.html and
API_ResourceTypeOption.html (ImageIds required; IncludeAllResourceTypes or ResourceTypes; options
`state-name` for instances, default all states, and `version-depth` for launch templates, the most
recent versions, default 10); botocore ec2 2016-11-15 ImageReferenceResourceType.
"""

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.responses import EC2Response

ALL_TYPES = ("ec2:Instance", "ec2:LaunchTemplate", "ssm:Parameter", "imagebuilder:ImageRecipe",
             "imagebuilder:ContainerRecipe")


def _options(entry):
    return {o.get("OptionName"): o.get("OptionValues") or [] for o in entry.get("ResourceTypeOptions") or []}


def _instances(backend, ids, options):
    states = set(options.get("state-name") or [])
    for reservation in backend.reservations.values():
        for instance in reservation.instances:
            if instance.image_id in ids and (not states or instance.state in states):
                yield instance.image_id, f"arn:aws:ec2:{backend.region_name}:{backend.account_id}:instance/{instance.id}"


def _launch_templates(backend, ids, options):
    depth = int((options.get("version-depth") or [10])[0])
    for template in backend.launch_templates.values():
        for version in template.versions[-depth:]:
            image_id = (version.data or {}).get("ImageId")
            if image_id in ids:
                yield image_id, (f"arn:aws:ec2:{backend.region_name}:{backend.account_id}:launch-template/"
                                 f"{template.id}")
                break


def _parameters(backend, ids, _options):
    from moto.ssm.models import ssm_backends

    store = ssm_backends[backend.account_id][backend.region_name]
    for name, versions in store._parameters.items():
        value = versions[-1].value if versions else None
        if value in ids:
            yield value, f"arn:aws:ssm:{backend.region_name}:{backend.account_id}:parameter/{name.lstrip('/')}"


def _recipes(kind):
    def find(backend, ids, _options):
        from ..imagebuilder import imagebuilder_backends

        regions = imagebuilder_backends[backend.account_id]
        if not dict.__contains__(regions, backend.region_name):
            return
        for recipe in regions[backend.region_name].store.get(kind, {}).values():
            if recipe.get("parentImage") in ids:
                yield recipe["parentImage"], recipe["arn"]
    return find


FINDERS = {"ec2:Instance": _instances, "ec2:LaunchTemplate": _launch_templates, "ssm:Parameter": _parameters,
           "imagebuilder:ImageRecipe": _recipes("image-recipe"),
           "imagebuilder:ContainerRecipe": _recipes("container-recipe")}


def describe_image_references(self):
    self.error_on_dryrun()
    ids = set(self._get_param("ImageIds", []) or [])
    wanted = self._get_param("ResourceTypes", []) or []
    if self._get_param("IncludeAllResourceTypes"):
        wanted = [{"ResourceType": t} for t in ALL_TYPES]
    if not ids or not wanted:
        raise EC2ClientError("InvalidParameterCombination",
                             "Specify ImageIds and either IncludeAllResourceTypes or ResourceTypes.")
    references = []
    for entry in wanted:
        kind = entry.get("ResourceType")
        for image_id, arn in FINDERS[kind](self.ec2_backend, ids, _options(entry)):
            references.append({"ImageId": image_id, "ResourceType": kind, "Arn": arn})
    return ActionResult({"ImageReferences": references})


def apply():
    EC2Response.describe_image_references = describe_image_references
