"""`imageforge-emulator --port 5055`: moto's server app with our backends and middleware."""

import argparse
import os
import sys

from werkzeug.serving import make_server


def build_app():
    import imageforge_emulator
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .middleware import EmulatorMiddleware

    imageforge_emulator.install()
    return EmulatorMiddleware(DomainDispatcherApplication(create_backend_app))


# (option, environment variable, type, help): each option sets its variable, which the emulator reads.
SETTINGS = (
    ("--build-seconds", "EMULATOR_BUILD_SECONDS", float,
     "how long an Image Builder build (and a VM import or export task) takes to finish (default 4)"),
    ("--copy-seconds", "EMULATOR_COPY_SECONDS", float, "how long a copied AMI stays pending (default 1; 0: at once)"),
    ("--page-size", "EMULATOR_PAGE_SIZE", int, "the most items an Image Builder List call returns per page"),
    ("--list-images-delay", "EMULATOR_LIST_IMAGES_DELAY", float,
     "seconds before a new image shows in ListImages, as AWS documents (default 0)"),
    ("--throttle-rate", "EMULATOR_THROTTLE_RATE", float, "share of requests answered with throttling (0..1)"),
    ("--error-rate", "EMULATOR_ERROR_RATE", float, "share of requests answered with a 5xx error (0..1)"),
    ("--after-rate", "EMULATOR_AFTER_RATE", float, "share of 5xx errors sent after the backend already acted (0..1)"),
    ("--latency-ms", "EMULATOR_LATENCY_MS", float, "latency added to every request, in milliseconds"),
    ("--seed", "EMULATOR_SEED", int, "random seed of the faults, for repeatable runs"),
    ("--request-log", "EMULATOR_REQUEST_LOG", str, "a JSON-lines file that gets one line per request (the IAM check reads it)"),
)

EPILOG = """control endpoints, while it runs:
  GET  /_emulator/counters        reads, writes and calls per operation
  POST /_emulator/counters/reset  zero the counters
  GET  /_emulator/requests        the request log: service, operation, account, region
  GET  /_emulator/faults          the fault settings
  POST /_emulator/faults          {"throttle_rate": 0.2, "error_rate": 0.05, "latency_ms": 200, "seed": 1}
  POST /_emulator/build_seconds   {"seconds": 60}
  POST /moto-api/reset            forget every resource
Each setting can also be given as its environment variable (shown in brackets)."""


def main(argv=None):
    parser = argparse.ArgumentParser(prog="imageforge-emulator", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", 5000)),
                        help="the port to listen on [EMULATOR_PORT] (default 5000)")
    for option, variable, kind, text in SETTINGS:
        parser.add_argument(option, type=kind, help=f"{text} [{variable}]")
    args = parser.parse_args(argv)
    for option, variable, _kind, _text in SETTINGS:
        value = getattr(args, option[2:].replace("-", "_"))
        if value is not None:
            os.environ[variable] = str(value)
    os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    server = make_server(args.host, args.port, build_app(), threaded=True)
    print(f"imageforge-emulator ready on http://{args.host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
