"""reportsuite-delivery: ``serve`` (gRPC, the default), ``worker`` (Dramatiq) or ``migrate``."""

from __future__ import annotations

from collections.abc import Sequence

from reportsuite.core.queue import DELIVER
from reportsuite.core.service_main import ServiceProgram
from services.delivery import bootstrap

PROGRAM = ServiceProgram(
    name=bootstrap.SERVICE, start=bootstrap.start, migrate=bootstrap.migrate,
    queue_name=DELIVER.queue_name, run_worker=bootstrap.run_worker,
)


def main(argv: Sequence[str] | None = None) -> int:
    return PROGRAM.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
