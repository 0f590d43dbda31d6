"""reportsuite-scheduler: ``serve`` (the default) runs the gRPC server with its relay and reaper loops,
``migrate`` updates the schema."""

from __future__ import annotations

from collections.abc import Sequence

from reportsuite.core import db
from reportsuite.core.service_main import ServiceProgram
from services.scheduler import bootstrap

PROGRAM = ServiceProgram(
    name=bootstrap.SERVICE, start=bootstrap.start,
    migrate=lambda settings: db.migrate_url(settings.database_url, bootstrap.SERVICE),
)


def main(argv: Sequence[str] | None = None) -> int:
    return PROGRAM.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
