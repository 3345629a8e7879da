"""Fault injection: throttling, 5xx (some after the backend already acted), latency."""

import json
import os
import random
import threading
import uuid

SETTINGS = ("throttle_rate", "error_rate", "latency_ms", "seed", "after_rate")


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.configure({name: os.environ.get(f"EMULATOR_{name.upper()}") for name in SETTINGS})

    def configure(self, settings):
        with self.lock:
            self.throttle_rate = float(settings.get("throttle_rate") or 0)
            self.error_rate = float(settings.get("error_rate") or 0)
            self.latency_ms = float(settings.get("latency_ms") or 0)
            self.after_rate = float(settings.get("after_rate") or 0)
            self.seed = settings.get("seed")
            self.random = random.Random(int(self.seed) if self.seed not in (None, "") else None)

    def settings(self):
        return {"throttle_rate": self.throttle_rate, "error_rate": self.error_rate,
                "latency_ms": self.latency_ms, "seed": self.seed, "after_rate": self.after_rate}

    def draw(self):
        """None, 'throttle', 'error' (before the backend) or 'error-after' (response lost)."""
        with self.lock:
            roll = self.random.random()
            if roll < self.throttle_rate:
                return "throttle"
            if roll < self.throttle_rate + self.error_rate:
                return "error-after" if self.random.random() < self.after_rate else "error"
            return None


ERRORS = {  # protocol: {fault: (status, code)}
    "rest-json": {"throttle": (429, "ThrottlingException"), "error": (500, "InternalServerException")},
    "json": {"throttle": (400, "ThrottlingException"), "error": (500, "InternalFailure")},
    "query": {"throttle": (400, "Throttling"), "error": (500, "InternalFailure")},
    "ec2": {"throttle": (503, "RequestLimitExceeded"), "error": (500, "InternalError")},
    "rest-xml": {"throttle": (503, "SlowDown"), "error": (500, "InternalError")},
}
IMAGEBUILDER = {"throttle": (429, "CallRateLimitExceededException"), "error": (500, "ServiceException")}


def error_response(service, protocol, fault):
    """(status, headers, body) of the service's own throttling/internal error."""
    kind = "throttle" if fault == "throttle" else "error"
    status, code = (IMAGEBUILDER if service == "imagebuilder" else ERRORS[protocol])[kind]
    message = "Rate exceeded" if kind == "throttle" else "An internal error occurred (injected)."
    request_id = str(uuid.uuid4())
    if protocol in ("rest-json", "json"):
        body = {"message": message}
        if protocol == "json":
            body["__type"] = code
        headers = {"Content-Type": "application/x-amz-json-1.1" if protocol == "json" else "application/json",
                   "x-amzn-errortype": code, "x-amzn-requestid": request_id}
        return status, headers, json.dumps(body)
    if protocol == "ec2":
        body = (f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>")
    elif protocol == "rest-xml":
        body = f"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{request_id}</RequestId></Error>"
    else:
        kind_type = "Sender" if kind == "throttle" else "Receiver"
        body = (f"<ErrorResponse><Error><Type>{kind_type}</Type><Code>{code}</Code><Message>{message}</Message>"
                f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>")
    return status, {"Content-Type": "text/xml", "x-amzn-requestid": request_id}, body
