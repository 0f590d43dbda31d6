"""reportsuite-delivery: ``serve`` (gRPC, the default), ``worker`` (Dramatiq) or ``migrate``."""

from __future__ import annotations

import argparse

from reportsuite.core import telemetry
from reportsuite.core.grpc_server import run_until_signalled
from reportsuite.core.settings import Settings
from services.delivery import bootstrap


def main(argv: list[str] | None = None) -> int:
    """Runs the delivery service's command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="reportsuite-delivery", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="serve DeliveryService over gRPC (default)")
    commands.add_parser("migrate", help="bring the delivery schema to its newest revision")
    worker = commands.add_parser("worker", help="consume the 'deliver' queue")
    worker.add_argument("--processes", type=int, default=1)
    worker.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    telemetry.configure_logging(settings.log_level)
    if args.command == "migrate":
        bootstrap.migrate(settings)
        return 0
    telemetry.configure(bootstrap.SERVICE, settings.otlp_endpoint)
    if args.command == "worker":
        return bootstrap.run_worker(settings, args.processes, args.threads)
    service = bootstrap.start(settings)
    # Spans are flushed after the server has stopped, so the last calls' spans are kept.
    service.stop_hooks.append(telemetry.shutdown)
    run_until_signalled([service], settings.shutdown_grace_seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
