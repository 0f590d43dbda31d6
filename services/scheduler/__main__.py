"""The scheduler's command line: ``serve`` (the default) runs the gRPC server and its loops,
``migrate`` updates the schema."""

from __future__ import annotations

import argparse
import logging

from reportsuite.core import db, grpc_server, telemetry
from reportsuite.core.settings import Settings
from services.scheduler import bootstrap

log = logging.getLogger(__name__)


def _serve(settings: Settings) -> int:
    telemetry.configure(bootstrap.SERVICE, settings.otlp_endpoint)
    service = bootstrap.start(settings)
    log.info("scheduler serving on %s (port %s)", settings.scheduler_addr, service.port)
    grpc_server.run_until_signalled([service], settings.shutdown_grace_seconds)
    telemetry.shutdown()
    return 0


def _migrate(settings: Settings) -> int:
    engine = db.make_engine(settings.database_url)
    try:
        db.migrate(engine, bootstrap.SERVICE)
    finally:
        engine.dispose()
    log.info("scheduler schema is up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs a scheduler subcommand.

    Args:
        argv: the arguments after the program name; None reads sys.argv.

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(prog="reportsuite-scheduler", description=__doc__)
    parser.add_argument("command", nargs="?", choices=["serve", "migrate"], default="serve")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    telemetry.configure_logging(settings.log_level)
    return _serve(settings) if args.command == "serve" else _migrate(settings)


if __name__ == "__main__":
    raise SystemExit(main())
