"""reportsuite: run the whole suite on one machine, write demo data, migrate, check health.

Commands:
  dev          the embedded default for a bare machine: PostgreSQL (pgserver), an in-process
               broker, the four services and their workers in one process, plus a demo report
  demo-data    write deterministic demo activity as JSON lines for ``reportctl ingest``
  synth        make deterministic synthetic activity at scale: CSV files, COPY into the database, or gRPC
  migrate      bring every service's schema to its newest revision
  healthcheck  exit 0 when a service's gRPC health check answers SERVING (container health checks)
  config       list the environment variables, their defaults and the values in effect
  token        issue, revoke and list the bearer tokens callers authenticate with
  tls-certs    write a private CA and a certificate for turning TLS on (docker-compose, trials)
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from reportsuite.cli import certs, demo, synth_command, tokens
from reportsuite.core.security.credentials import channel_credentials
from reportsuite.core.settings import SETTINGS, Settings, SettingsError

SERVICES = ("catalog", "scheduler", "generator", "delivery")


def main(argv: list[str] | None = None) -> int:
    """Runs one reportsuite command and returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportsuite", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(title="commands",
                                     metavar="{dev,demo-data,synth,migrate,healthcheck,config,token,tls-certs}")

    dev = commands.add_parser("dev", help="run the whole suite in one process with embedded PostgreSQL")
    dev.add_argument("--data-dir", type=Path, default=Path("var/dev"),
                     help="where PostgreSQL's data, report files and logs live (default: var/dev)")
    dev.add_argument("--exit-after-demo", action="store_true", help="stop once the demo report is saved")
    _demo_arguments(dev)
    dev.set_defaults(handler=_dev)

    data = commands.add_parser("demo-data", help="write demo activity as JSON lines")
    data.add_argument("--out", type=Path, required=True,
                      help="attempts file; the account and campaign go beside it (<stem>-accounts.jsonl, ...)")
    _demo_arguments(data)
    data.set_defaults(handler=_demo_data)

    synth_command.add_parser(commands, _aware_instant)

    migrate = commands.add_parser("migrate", help="migrate every service's schema")
    migrate.add_argument("--service", action="append", choices=SERVICES, help="only this service (repeatable)")
    migrate.set_defaults(handler=_migrate)

    check = commands.add_parser("healthcheck", help="check a service's gRPC health, or the broker")
    check.add_argument("address", nargs="?", help="HOST:PORT of a service")
    check.add_argument("--service", default="", help="the health service name to ask about (default: server)")
    check.add_argument("--broker", action="store_true",
                       help="check REPORTSUITE_BROKER_URL accepts a connection (for workers, which have no port)")
    check.add_argument("--timeout", type=float, default=3.0)
    check.set_defaults(handler=_healthcheck, parser=check)

    config = commands.add_parser("config", help="list the configuration variables")
    config.add_argument("--markdown", action="store_true", help="print README's configuration table")
    config.set_defaults(handler=_config)
    tokens.register(commands)
    certs.register(commands)
    return parser


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--attempts", type=int, default=demo.DEFAULT_ATTEMPTS, help="how many contact attempts")
    parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help="the same seed gives the same data")
    parser.add_argument("--days", type=int, default=demo.DEFAULT_DAYS, help="report days the attempts span")
    parser.add_argument("--as-of", type=_aware_instant, default=None,
                        help="ISO instant the activity ends before (default: now); the window is the "
                             "whole report days before it")


def _aware_instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs a UTC offset, such as 2026-11-20T12:00:00Z")
    return value


def demo_plan(args: argparse.Namespace) -> demo.Plan:
    return demo.Plan(as_of=args.as_of or datetime.now(UTC), attempts=args.attempts, seed=args.seed, days=args.days)


def _dev(args: argparse.Namespace) -> int:
    # Imported here: dev mode pulls in every service and pgserver, the other commands need neither.
    from reportsuite.cli import devmode

    return devmode.run(args.data_dir, demo_plan(args), exit_after_demo=args.exit_after_demo)


def _demo_data(args: argparse.Namespace) -> int:
    plan = demo_plan(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    written = demo.write_all(plan, args.out)
    start, end, zone = plan.explicit_dates()
    print(f"demo activity from {start} to {end} {zone}:")
    for kind, (path, count) in written.items():
        print(f"  {kind:<9} {count:>6}  {path}")
    print("load it with:")
    for kind, (path, _) in written.items():
        print(f"  reportctl ingest {kind} {path}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from reportsuite.core import db

    settings = Settings.from_env()
    engine = db.make_engine(settings.database_url, pool_size=1)
    try:
        for service in args.service or SERVICES:
            db.migrate(engine, service)
            print(f"{service}: migrated")
    finally:
        engine.dispose()
    return 0


def _healthcheck(args: argparse.Namespace) -> int:
    if bool(args.address) == args.broker:
        args.parser.error("give either HOST:PORT or --broker")
    if args.broker:
        return check_broker(Settings.from_env().broker_url, args.timeout)
    return check_health(args.address, args.service, args.timeout)


def check_health(address: str, service: str = "", timeout: float = 3.0) -> int:
    """Asks a server's gRPC health service (over TLS when configured); 0 when it answers SERVING."""
    tls = channel_credentials()
    with grpc.secure_channel(address, tls) if tls else grpc.insecure_channel(address) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as error:
            print(f"{address}: {error.code().name}: {error.details()}", file=sys.stderr)
            return 1
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    print(f"{address}: {status}")
    return 0 if reply.status == health_pb2.HealthCheckResponse.SERVING else 1


def check_broker(url: str, timeout: float = 3.0) -> int:
    """Opens and closes an AMQP connection to the broker; 0 when it succeeds (stub:// always does)."""
    if url.startswith("stub://"):
        return 0
    import pika
    from pika.exceptions import AMQPError

    parameters = pika.URLParameters(url)
    parameters.socket_timeout = timeout
    parameters.blocked_connection_timeout = timeout
    parameters.connection_attempts = 1
    try:
        pika.BlockingConnection(parameters).close()
    except (AMQPError, OSError) as error:
        print(f"broker {parameters.host}:{parameters.port}: {error!r}", file=sys.stderr)
        return 1
    return 0


def _config(args: argparse.Namespace) -> int:
    if args.markdown:
        print(configuration_table())
        return 0
    import os

    for variable in SETTINGS:
        value = os.environ.get(variable.name, variable.default)
        shown = "****" if variable.secret and value else value  # a secret is never printed
        print(f"{variable.name}={shown}" + ("" if value == variable.default else f"  (default {variable.default!r})"))
    return 0


def configuration_table() -> str:
    """README's configuration table: every variable in SETTINGS with its default and meaning."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable in SETTINGS:
        default = f"`{variable.default}`" if variable.default else "*(empty)*"
        meaning = variable.help.replace("|", "\\|")
        lines.append(f"| `{variable.name}` | {default} | {meaning} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
