"""Fault injection: throttling, 5xx (some after the backend already acted), latency."""

import json
import os
import random
import threading
import uuid
from collections import Counter

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
    return _error_body(protocol, status, code, message, sender=kind == "throttle")


# Targeted faults: one operation answers with a chosen error, for the modules' error-path tests.
# access_denied follows each service's common-errors page (Image Builder, KMS, RAM: AccessDeniedException;
# EC2: UnauthorizedOperation; S3, STS: AccessDenied); the others use the service's own error shapes.
TARGETED = {  # kind: {service or protocol: (status, code)}; "*" is every other service
    "access_denied": {"imagebuilder": (403, "AccessDeniedException"), "ec2": (403, "UnauthorizedOperation"),
                      "s3": (403, "AccessDenied"), "sts": (403, "AccessDenied"), "*": (400, "AccessDeniedException")},
    "not_found": {"imagebuilder": (404, "ResourceNotFoundException"), "ec2": (400, "InvalidAMIID.NotFound"),
                  "kms": (400, "NotFoundException"), "ram": (400, "UnknownResourceException"),
                  "s3": (404, "NoSuchKey"), "ssm": (400, "ParameterNotFound"), "*": (404, "ResourceNotFoundException")},
    "validation": {"imagebuilder": (400, "InvalidParameterValueException"), "ec2": (400, "InvalidParameterValue"),
                   "ram": (400, "InvalidParameterException"), "s3": (400, "InvalidArgument"), "*": (400, "ValidationException")},
}
EC2_NOT_FOUND = {"Snapshot": "InvalidSnapshot.NotFound", "LaunchTemplate": "InvalidLaunchTemplateId.NotFound",
                 "Instance": "InvalidInstanceID.NotFound", "ImportTask": "InvalidConversionTaskId.Malformed"}
TARGETED_KINDS = tuple(TARGETED) + ("throttle", "error")


class TargetedFaults:
    """{"service:Operation": kind}; each answered request counts as a hit. times=None: every call fails."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        with self.lock:
            self.rules, self.hits = {}, Counter()

    def add(self, operation, kind, times=None):
        if kind not in TARGETED_KINDS:
            raise ValueError(f"kind must be one of {', '.join(TARGETED_KINDS)}")
        if ":" not in operation:
            raise ValueError("operation must be service:Operation, for example imagebuilder:ListImages")
        with self.lock:
            self.rules[operation] = {"kind": kind, "times": times}

    def draw(self, service, operation):
        """The kind of error this request gets, or None."""
        key = f"{service}:{operation}"
        with self.lock:
            rule = self.rules.get(key)
            if not rule or (rule["times"] is not None and self.hits[key] >= rule["times"]):
                return None
            self.hits[key] += 1
            return rule["kind"]

    def settings(self):
        with self.lock:
            return {"rules": dict(self.rules), "hits": dict(self.hits)}


def targeted_response(service, protocol, operation, kind):
    """(status, headers, body) for a targeted fault of `kind` on `operation`."""
    if kind in ("throttle", "error"):
        return error_response(service, protocol, kind)
    table = TARGETED[kind]
    status, code = table.get(service, table["*"])
    if kind == "not_found" and service == "ec2":
        code = next((c for word, c in EC2_NOT_FOUND.items() if word in operation), code)
    message = {"access_denied": f"User: arn:aws:iam::123456789012:user/emulator is not authorized to perform: "
                                f"{service}:{operation} because no identity-based policy allows the {service}:{operation} action",
               "not_found": f"The resource that {operation} names does not exist (injected).",
               "validation": f"A parameter of {operation} is not valid (injected)."}[kind]
    return _error_body(protocol, status, code, message, sender=True)


def _error_body(protocol, status, code, message, sender):
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
        body = (f"<ErrorResponse><Error><Type>{'Sender' if sender else 'Receiver'}</Type><Code>{code}</Code>"
                f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>")
    return status, {"Content-Type": "text/xml", "x-amzn-requestid": request_id}, body
