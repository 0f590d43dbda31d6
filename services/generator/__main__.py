"""The generator's command line: `serve` (default), `worker`, `migrate` and `statuses-doc`."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from reportsuite.core import db, telemetry
from reportsuite.core.grpc_server import run_until_signalled
from reportsuite.core.settings import Settings
from services.generator import bootstrap
from services.generator.domain.status_doc import render_markdown

log = logging.getLogger("services.generator")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportsuite-generator", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="serve GeneratorService (migrates first)")
    worker = commands.add_parser("worker", help="run Dramatiq workers on the generate queue")
    worker.add_argument("--processes", type=int, default=1, help="worker processes (default 1)")
    worker.add_argument("--threads", type=int, default=2, help="threads per process (default 2)")
    commands.add_parser("migrate", help="migrate the generator schema and fill the statuses table")
    doc = commands.add_parser("statuses-doc", help="write docs/statuses.md from the status data")
    doc.add_argument("--output", type=Path, default=bootstrap.REPO_ROOT / "docs" / "statuses.md")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one subcommand; returns the process exit code."""
    arguments = _parser().parse_args(argv)
    command = arguments.command or "serve"
    if command == "statuses-doc":
        arguments.output.write_text(render_markdown(), encoding="utf-8")
        return 0
    settings = Settings.from_env()
    telemetry.configure_logging(settings.log_level)
    if command == "migrate":
        engine = db.make_engine(settings.database_url, pool_size=1)
        bootstrap.prepare_database(engine)
        engine.dispose()
        log.info("generator schema migrated")
        return 0
    telemetry.configure(bootstrap.SERVICE, settings.otlp_endpoint)
    if command == "worker":
        return bootstrap.run_worker(settings, arguments.processes, arguments.threads)
    service = bootstrap.start(settings)
    run_until_signalled([service], settings.shutdown_grace_seconds)
    telemetry.shutdown()  # after the server stopped, so in-flight calls' spans are flushed too
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
