"""Which service, operation, account and region a raw WSGI request is for."""

import re
from urllib.parse import parse_qs

from werkzeug.wrappers import Request

SCOPE_RE = re.compile(r"Credential=(?P<key>[^/]+)/\d{8}/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request")
READ_PREFIXES = ("Get", "List", "Describe", "Search", "BatchGet", "Head")
# An operation moto could not name is "METHOD /path"; GET and HEAD requests only read.
READ_METHODS = ("GET ", "HEAD ")
IMAGEBUILDER_TAG_OPERATIONS = {"GET": "ListTagsForResource", "POST": "TagResource", "DELETE": "UntagResource"}


def is_read(operation):
    return operation.startswith(READ_PREFIXES + READ_METHODS)


def describe(environ, body):
    """(service, operation, account, region) for the request; body is the raw request body."""
    scope = SCOPE_RE.search(environ.get("HTTP_AUTHORIZATION", ""))
    service = scope["service"] if scope else "unknown"
    region = scope["region"] if scope else "us-east-1"
    account = _account(scope["key"]) if scope else None
    return service, _operation(environ, body, service), account, region


def protocol(environ, service):
    if environ.get("HTTP_X_AMZ_TARGET"):
        return "json"
    if service == "ec2":
        return "ec2"
    if service == "s3":
        return "rest-xml"
    if "form-urlencoded" in environ.get("CONTENT_TYPE", "") or "Action=" in environ.get("QUERY_STRING", ""):
        return "query"
    return "rest-json"


def _account(access_key):
    from moto.iam.models import get_account_id_from

    try:
        return get_account_id_from(access_key)
    except Exception:  # an unknown key is the default account in moto
        return None


def _operation(environ, body, service):
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.split(".")[-1]
    action = parse_qs(environ.get("QUERY_STRING", "")).get("Action")
    if not action and "form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        action = parse_qs(body.decode("utf-8", "replace")).get("Action")
    if action:
        return action[0]
    path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
    if service == "imagebuilder":
        if path.startswith("/tags/"):
            return IMAGEBUILDER_TAG_OPERATIONS.get(method, f"{method} {path}")
        return path.strip("/") or f"{method} {path}"
    return _routed(environ, service) or _from_model(service, method, path) or f"{method} {path}"


def _routed(environ, service):
    """Other REST services: let botocore's model (through moto's router) name the operation."""
    try:
        from moto.core.responses import get_service_router

        operation, _params = get_service_router(service).match(Request(dict(environ)))
        return operation.name
    except Exception:
        return None


_URI_PATTERNS = {}


def _from_model(service, method, path):
    """REST services that moto's router does not name (RAM): match botocore's requestUri patterns."""
    if service not in _URI_PATTERNS:
        try:
            import botocore.session

            model = botocore.session.get_session().get_service_model(service)
        except Exception:
            _URI_PATTERNS[service] = []
        else:
            patterns = []
            for name in model.operation_names:
                http = model.operation_model(name).http
                uri = http.get("requestUri", "/").split("?")[0]
                regex = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(uri).replace("\\{", "\\{").replace("\\}", "\\}"))
                patterns.append((http.get("method"), re.compile(f"^{regex}/?$"), name))
            _URI_PATTERNS[service] = patterns
    for http_method, pattern, name in _URI_PATTERNS[service]:
        if http_method == method and pattern.match(path):
            return name
    return None
