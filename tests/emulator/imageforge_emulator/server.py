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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="imageforge-emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", 5000)))
    args = parser.parse_args(argv)
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
