"""The command line every service shares: ``serve`` (default), ``migrate`` and, for services
with actors, ``worker``. Each service's ``__main__`` only describes itself."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportsuite.core import telemetry
from reportsuite.core.grpc_server import Service, run_until_signalled
from reportsuite.core.settings import Settings, SettingsError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtraCommand:
    """A service-specific subcommand that needs no settings (e.g. regenerating a doc)."""

    help: str
    configure: Callable[[argparse.ArgumentParser], object]  # what it returns is ignored
    run: Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class ServiceProgram:
    """How to run one service: its name, how to start, migrate and (optionally) work."""

    name: str
    start: Callable[[Settings], Service]
    migrate: Callable[[Settings], None]
    queue_name: str = ""
    run_worker: Callable[[Settings, int, int], int] | None = None
    extra: dict[str, ExtraCommand] = field(default_factory=dict)

    def parser(self) -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog=f"reportsuite-{self.name}",
                                         description=f"The ReportSuite {self.name} service.")
        commands = parser.add_subparsers(dest="command")
        commands.add_parser("serve", help=f"serve the {self.name}'s gRPC API (the default; migrates first)")
        commands.add_parser("migrate", help=f"bring the {self.name} schema to its newest revision")
        if self.run_worker is not None:
            worker = commands.add_parser("worker", help=f"run Dramatiq workers on the {self.queue_name!r} queue")
            worker.add_argument("--processes", type=int, default=1, help="worker processes (default 1)")
            worker.add_argument("--threads", type=int, default=2, help="threads per process (default 2)")
        for name, extra in self.extra.items():
            extra.configure(commands.add_parser(name, help=extra.help))
        return parser

    def main(self, argv: Sequence[str] | None = None) -> int:
        """Runs one subcommand and returns the process exit status."""
        arguments = self.parser().parse_args(argv)
        command = arguments.command or "serve"
        if command in self.extra:
            return self.extra[command].run(arguments)
        try:
            settings = Settings.from_env()
        except SettingsError as error:
            print(f"reportsuite-{self.name}: configuration error: {error}", file=sys.stderr)
            return 2
        telemetry.configure_logging(settings.log_level)
        if command == "migrate":
            self.migrate(settings)
            log.info("%s schema is up to date", self.name)
            return 0
        telemetry.configure(self.name, settings.otlp_endpoint)
        if command == "worker":
            assert self.run_worker is not None
            return self.run_worker(settings, arguments.processes, arguments.threads)
        try:
            service = self.start(settings)
        except SettingsError as error:  # found only when starting: a TLS file that cannot be read, ...
            print(f"reportsuite-{self.name}: configuration error: {error}", file=sys.stderr)
            return 2
        log.info("%s serving on port %s", self.name, service.port)
        # Spans are flushed after the server stopped, so the last calls' spans are kept.
        service.stop_hooks.append(telemetry.shutdown)
        run_until_signalled([service], settings.shutdown_grace_seconds)
        return 0
