"""Which request members a resource stores, read from botocore's model rather than kept by hand.

Image Builder's Get returns every member that its Create or Update accepted (the API reference of each
Update call: "updates ... the whole resource"; botocore's Get output shapes list the same members), so
a record keeps each member of the call's input that the Get output shape also has."""

import functools

import botocore.session

REQUEST_ONLY = ("clientToken", "dryRun", "name", "tags")


@functools.lru_cache(maxsize=None)
def stored_fields(operation, get_operation, get_key):
    """Members of `operation`'s input that `get_operation` returns under `get_key`, in model order."""
    model = botocore.session.get_session().get_service_model("imagebuilder")
    accepted = model.operation_model(operation).input_shape.members
    returned = model.operation_model(get_operation).output_shape.members[get_key].members
    return tuple(m for m in accepted if m in returned and m not in REQUEST_ONLY)
