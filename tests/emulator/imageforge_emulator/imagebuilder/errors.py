"""Image Builder errors. Raise only codes that botocore's model lists for the operation."""

from moto.core.exceptions import ServiceException


class ImageBuilderError(ServiceException):
    def __init__(self, code, message):
        super().__init__(code, message)


def invalid_request(message):
    return ImageBuilderError("InvalidRequestException", message)


def invalid_parameter(message):
    return ImageBuilderError("InvalidParameterValueException", message)


def not_found(arn):
    """A missing resource in any Get/Delete/Update/List-by-ARN: ResourceNotFoundException, HTTP 404.

    terraform-provider-aws, whose acceptance tests run on real AWS, knows no other "gone" code for Image
    Builder: its finders (internal/service/imagebuilder/component.go and siblings), its CheckDestroy
    functions and resourceImageDelete (image.go) all test for it. botocore's per-operation error lists omit
    it, but its ResourceNotFoundException shape carries httpStatusCode 404."""
    return ImageBuilderError("ResourceNotFoundException", f"The resource '{arn}' does not exist.")


def forbidden(message):
    return ImageBuilderError("ForbiddenException", message)


def in_use(arn):
    return ImageBuilderError("ResourceInUseException", f"The following resource already exists: '{arn}'.")


def already_exists(arn):
    return ImageBuilderError("ResourceAlreadyExistsException", f"The following resource already exists: '{arn}'.")


def dependency(arn, users):
    return ImageBuilderError(
        "ResourceDependencyException",
        f"Resource dependency error: the resource '{arn}' is used by: {', '.join(sorted(users))}.",
    )


def idempotent_mismatch(token):
    return ImageBuilderError(
        "IdempotentParameterMismatchException",
        f"The client token '{token}' was already used with different parameters.",
    )
