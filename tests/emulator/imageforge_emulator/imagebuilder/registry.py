"""Resource-family modules register their backend mixin here; the backend is assembled from all
of them, so adding a family (e.g. images.py) needs no edit elsewhere."""

BACKEND_PARTS = []


def backend_part(cls):
    BACKEND_PARTS.append(cls)
    return cls
