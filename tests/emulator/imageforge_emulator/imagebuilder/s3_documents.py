"""Documents given by `uri`: Image Builder reads them from S3 when the resource is created."""

from . import errors


def read_document(account_id, uri):
    from moto.s3.models import s3_backends

    if not uri.startswith("s3://") or "/" not in uri[5:]:
        raise errors.invalid_request(f"The uri '{uri}' is not an S3 URI.")
    bucket, key = uri[5:].split("/", 1)
    try:
        return s3_backends[account_id]["aws"].get_object(bucket, key).value.decode("utf-8")
    except Exception:  # moto raises its own MissingBucket/MissingKey types
        raise errors.invalid_request(f"Image Builder could not read the document at {uri}.") from None
