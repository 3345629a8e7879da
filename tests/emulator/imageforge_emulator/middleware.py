"""WSGI middleware around moto's app: control endpoints, counters, request log, faults."""

import io
import json
import os
import re
import threading
import time
from collections import Counter

from werkzeug.wrappers import Request, Response

from . import faults, operations

CONTROL_PREFIX = "/_emulator/"
# the collection's modules name themselves in the User-Agent (module_utils/_core/base.py)
_MODULE_AGENT = re.compile(r"imageforge-module/([A-Za-z0-9_]+)")


class EmulatorMiddleware:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.faults = faults.Faults()
        self.targeted = faults.TargetedFaults()
        # EMULATOR_REQUEST_LOG: a JSON-lines file of every request, kept across counter resets
        # (the least-privilege check reads it after the integration targets).
        self.request_log = os.environ.get("EMULATOR_REQUEST_LOG")
        self.reset_counters()

    def reset_counters(self):
        with self.lock:
            self.operations = Counter()
            self.requests = []

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self.control(Request(environ))(environ, start_response)
        if path.startswith("/moto-api") or path == "/favicon.ico":
            return self.app(environ, start_response)
        body = self._read_body(environ)
        service, operation, account, region = operations.describe(environ, body)
        self.record(service, operation, account, region, environ.get("HTTP_USER_AGENT", ""))
        targeted = self.targeted.draw(service, operation)
        if targeted:
            status, headers, text = faults.targeted_response(service, operations.protocol(environ, service), operation, targeted)
            return Response(text, status=status, headers=headers)(environ, start_response)
        fault = self.faults.draw()
        if self.faults.latency_ms:
            time.sleep(self.faults.latency_ms / 1000)
        if fault in ("throttle", "error"):
            return self.fault(service, environ, fault)(environ, start_response)
        if fault == "error-after":
            # the backend acts, the client never sees its answer
            discarded = self.app(environ, lambda *args, **kwargs: None)
            b"".join(discarded)
            return self.fault(service, environ, fault)(environ, start_response)
        return self.app(environ, start_response)

    def record(self, service, operation, account, region, user_agent=""):
        module = _MODULE_AGENT.search(user_agent)
        with self.lock:
            self.operations[f"{service}:{operation}"] += 1
            entry = {"service": service, "operation": operation, "account": account, "region": region}
            if module:
                entry["module"] = module.group(1)
            self.requests.append(entry)
            if self.request_log:
                with open(self.request_log, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry) + "\n")

    def fault(self, service, environ, fault):
        status, headers, body = faults.error_response(service, operations.protocol(environ, service), fault)
        return Response(body, status=status, headers=headers)

    def counters(self):
        with self.lock:
            reads = sum(n for key, n in self.operations.items() if operations.is_read(key.split(":", 1)[1]))
            return {"reads": reads, "writes": sum(self.operations.values()) - reads,
                    "operations": dict(self.operations)}

    def control(self, request):
        route = (request.method, request.path[len(CONTROL_PREFIX):].strip("/"))
        if route == ("GET", "counters"):
            return _json(self.counters())
        if route == ("POST", "counters/reset"):
            self.reset_counters()
            return _json(self.counters())
        if route == ("GET", "requests"):
            with self.lock:
                return _json(list(self.requests))
        if route == ("GET", "faults"):
            return _json(self.faults.settings())
        if route == ("POST", "faults"):
            self.faults.configure(request.get_json(force=True, silent=True) or {})
            return _json(self.faults.settings())
        if route == ("GET", "faults/targeted"):
            return _json(self.targeted.settings())
        if route == ("POST", "faults/targeted"):  # {"operation": "imagebuilder:ListImages", "kind": "access_denied", "times": null}
            body = request.get_json(force=True, silent=True) or {}
            try:
                self.targeted.add(str(body.get("operation", "")), body.get("kind"), body.get("times"))
            except ValueError as exc:
                return _json({"error": str(exc)}, 400)
            return _json(self.targeted.settings())
        if route == ("DELETE", "faults/targeted"):
            self.targeted.clear()
            return _json(self.targeted.settings())
        if route[1] == "build_seconds":  # how long an Image Builder build and a VM import/export task take
            from .imagebuilder.image_timeline import build_seconds, set_build_seconds

            body = request.get_json(force=True, silent=True) or {}
            return _json({"seconds": set_build_seconds(body.get("seconds")) if request.method == "POST" else build_seconds()})
        return _json({"error": f"unknown control endpoint {request.method} {request.path}"}, 404)

    @staticmethod
    def _read_body(environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return body


def _json(data, status=200):
    return Response(json.dumps(data), status=status, mimetype="application/json")
