"""reportsuite-generator: ``serve`` (default), ``worker``, ``migrate`` and ``statuses-doc``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from reportsuite.core import db
from reportsuite.core.queue import GENERATE
from reportsuite.core.service_main import ExtraCommand, ServiceProgram
from reportsuite.core.settings import Settings
from services.generator import bootstrap
from services.generator.domain.status_doc import render_markdown


def _migrate(settings: Settings) -> None:
    engine = db.make_engine(settings.database_url, pool_size=1)
    try:
        bootstrap.prepare_database(engine)
    finally:
        engine.dispose()


def _write_statuses_doc(arguments: argparse.Namespace) -> int:
    arguments.output.write_text(render_markdown(), encoding="utf-8")
    return 0


STATUSES_DOC = ExtraCommand(
    help="write docs/statuses.md from the status data",
    configure=lambda parser: parser.add_argument(
        "--output", type=Path, default=bootstrap.REPO_ROOT / "docs" / "statuses.md"),
    run=_write_statuses_doc,
)

PROGRAM = ServiceProgram(
    name=bootstrap.SERVICE, start=bootstrap.start, migrate=_migrate,
    queue_name=GENERATE.queue_name, run_worker=bootstrap.run_worker,
    extra={"statuses-doc": STATUSES_DOC},
)


def main(argv: Sequence[str] | None = None) -> int:
    return PROGRAM.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
