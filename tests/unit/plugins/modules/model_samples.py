"""Values generated from botocore's model: the first enum value, the shortest string a pattern accepts
(found by hypothesis), the smallest valid number, False for booleans, every member of a structure."""

import functools

from hypothesis import find
from hypothesis import settings
from hypothesis import strategies as st

# member name -> value, where the model allows text that does not name a real thing.
FIXED = {"region": "us-east-1", "scheduleExpression": "cron(0 3 * * ? *)", "timezone": "Europe/Paris",
         "resourceType": "AMI_IMAGE", "service": "ECR"}


@functools.lru_cache(maxsize=None)
def matching(pattern, low, high):
    """The shortest string that hypothesis finds for a pattern and length range."""
    return find(st.from_regex(pattern, fullmatch=True), lambda v: low <= len(v) <= high,
                settings=settings(database=None, max_examples=200, deadline=None))


def sample(shape, name, references=None):
    """A value of `shape` that the model accepts, with every member of every structure set."""
    references = references or {}
    if name in references:
        return references[name]
    if name in FIXED:
        return FIXED[name]
    kind, meta = shape.type_name, shape.metadata
    if kind == "structure":
        return {member: sample(inner, member, references) for member, inner in shape.members.items()}
    if kind == "list":
        return [sample(shape.member, name, references)]
    if kind == "map":
        return {"key1": "value1"}
    if kind == "boolean":
        return False
    if kind in ("integer", "long"):
        return max(int(meta.get("min", 1)), 1)
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        low, high = meta.get("min", 1), meta.get("max", 1024)
        if meta.get("pattern"):
            return matching(meta["pattern"], low, high)
        return f"{name}-value"[:high].ljust(low, "x")
    raise AssertionError(f"{name}: no sample for {kind}")
