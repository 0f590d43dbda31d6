"""``reportsuite dev``: the whole suite in one process on a bare machine, with a demo report.

It starts an embedded PostgreSQL (pgserver, on a unix socket only, so it never clashes with
another server), uses Dramatiq's in-process stub broker instead of RabbitMQ, starts the four
services and the generator and delivery workers in this process, then plays a platform service
and a user: it ingests the demo activity over gRPC, creates an All Attempts report over the demo
window with no destination (nothing leaves the machine), runs it, follows the job and copies the
saved report to ``<data-dir>/demo-report.csv``. Everything started is stopped in reverse order on
the way out, PostgreSQL last.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import signal
import sys
import uuid
import warnings
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from types import FrameType
from urllib.parse import parse_qs, urlsplit

import grpc
import sqlalchemy as sa

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.cli import demo, formatting, reportctl
from reportsuite.cli.ingest_files import KINDS, batches
from reportsuite.core import clients, grpc_server, telemetry
from reportsuite.core.security import tokens
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2

DATABASE = "reportsuite"
START_ORDER = ("catalog", "delivery", "generator", "scheduler")
WORKERS = ("generator", "delivery")
INGEST_TIMEOUT_SECONDS = 300.0
WATCH_TIMEOUT_SECONDS = 300.0
# Dev mode has nobody to wait for: calls in flight at shutdown get a short grace.
SHUTDOWN_GRACE_SECONDS = 2.0
DEV_OPERATOR = "dev-operator"
DEV_SERVICE = "dev-service"
OPERATOR_TOKEN_FILE = "operator.token"


class DevModeError(Exception):
    """A step of dev mode failed in a way the user can act on."""


def run(data_dir: Path, plan: demo.Plan, *, exit_after_demo: bool) -> int:
    """Starts everything, runs the demo, then waits for Ctrl-C/SIGTERM (or returns at once)."""
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, _interrupt)  # until the suite is up, SIGTERM unwinds like Ctrl-C
    with ExitStack() as stack:
        try:
            settings = start(data_dir, stack)
            definition, saved = run_demo(settings, plan, data_dir)
            print_next_steps(settings, definition, saved)
            if not exit_after_demo:
                _say("\nReportSuite is running; press Ctrl-C to stop it.")
                grpc_server.run_until_signalled([], SHUTDOWN_GRACE_SECONDS)
        except grpc.RpcError as error:
            reportctl.print_rpc_error(error, sys.stderr)
            return 1
        except DevModeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            _say("interrupted")
            return 130
        finally:
            _say("stopping workers, services and PostgreSQL")
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _say(text: str) -> None:
    print(text, flush=True)


def start(data_dir: Path, stack: ExitStack) -> Settings:
    """Starts PostgreSQL, the services and the workers; registers their stops on the stack."""
    database_url = start_postgres(data_dir / "pg", stack)
    settings = configure_environment(data_dir, database_url)
    _log_to_file(data_dir / "reportsuite.log", settings.log_level)
    telemetry.configure("reportsuite-dev", settings.otlp_endpoint)
    stack.callback(telemetry.shutdown)
    _say(f"ReportSuite dev mode: data in {data_dir}, logs in {data_dir / 'reportsuite.log'}")
    _say(f"  postgres   embedded, database {DATABASE!r} (unix socket only)")
    _say("  broker     in-process (stub://)")
    _say(f"  tokens     {settings.tokens_file} (operator token in {data_dir / OPERATOR_TOKEN_FILE}); "
         "TLS off on loopback")
    for name in START_ORDER:
        address = getattr(settings, f"{name}_addr")
        try:
            service = importlib.import_module(f"services.{name}.bootstrap").start(settings)
        except (OSError, RuntimeError) as error:
            raise DevModeError(
                f"the {name} service could not start on {address}: {error}. If another suite holds the "
                f"port, choose another with REPORTSUITE_{name.upper()}_ADDR."
            ) from error
        stack.callback(service.stop, SHUTDOWN_GRACE_SECONDS)
        _say(f"  {name:<10} {address}")
    for name in WORKERS:
        stack.callback(importlib.import_module(f"services.{name}.bootstrap").start_worker(settings))
    _say(f"  workers    {', '.join(WORKERS)} (in-process)")
    return settings


def start_postgres(pgdata: Path, stack: ExitStack) -> str:
    """Starts (or reuses) the embedded server and returns the SQLAlchemy URL of our database."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, as on a bare machine; harmless here.
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    stack.callback(server.cleanup)
    ensure_database(sqlalchemy_url(server.get_uri(), "postgres"), DATABASE)
    return sqlalchemy_url(server.get_uri(), DATABASE)


def sqlalchemy_url(libpq_uri: str, database: str) -> str:
    """Turns pgserver's ``postgresql://user:@/db?host=/socket/dir`` into a psycopg2 SQLAlchemy URL."""
    parts = urlsplit(libpq_uri)
    socket_dir = parse_qs(parts.query).get("host", [""])[0]
    url = sa.engine.URL.create(
        "postgresql+psycopg2", username=parts.username or "postgres", password=parts.password or None,
        host=parts.hostname, port=parts.port, database=database,
        query={"host": socket_dir} if socket_dir else {},
    )
    return url.render_as_string(hide_password=False)


def ensure_database(admin_url: str, name: str) -> None:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if found.scalar() is None:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def configure_environment(data_dir: Path, database_url: str) -> Settings:
    """Points this process's REPORTSUITE_* variables at the embedded pieces and reads the settings.

    Dev mode owns the database, broker and file store; addresses and everything else keep what
    the environment says, so several dev suites can run side by side on other ports.
    """
    os.environ["REPORTSUITE_DATABASE_URL"] = database_url
    os.environ["REPORTSUITE_BROKER_URL"] = "stub://"
    os.environ["REPORTSUITE_FILE_STORE"] = str(data_dir / "files")
    os.environ.setdefault("REPORTSUITE_SFTP_KNOWN_HOSTS", str(data_dir / "known_hosts"))
    issue_tokens(data_dir)
    # Everything listens on loopback only: dev mode is the one place gRPC runs without TLS.
    for name in ("CERT", "KEY", "CA"):
        os.environ[f"REPORTSUITE_TLS_{name}_FILE"] = ""
    os.environ["REPORTSUITE_TLS_CLIENT_AUTH"] = "none"
    return Settings.from_env()


def issue_tokens(data_dir: Path) -> Path:
    """Issues this run's operator and service tokens; returns the file holding the operator's.

    Dev mode owns its token registry (``<data-dir>/tokens.json``): each start revokes the previous
    run's dev tokens and issues fresh ones, and the operator's is kept (owner-readable only) for
    ``reportctl --token-file``.
    """
    registry = data_dir / "tokens.json"
    for principal in (DEV_OPERATOR, DEV_SERVICE):
        tokens.revoke(registry, principal=principal)
    operator, _ = tokens.issue(registry, DEV_OPERATOR, tokens.OPERATOR, "*")
    service, _ = tokens.issue(registry, DEV_SERVICE, tokens.SERVICE, "*")
    token_file = data_dir / OPERATOR_TOKEN_FILE
    token_file.unlink(missing_ok=True)
    with os.fdopen(os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        handle.write(operator + "\n")
    os.environ.update({"REPORTSUITE_TOKENS_FILE": str(registry), "REPORTSUITE_TOKEN": operator,
                       "REPORTSUITE_SERVICE_TOKEN": service})
    return token_file


def _log_to_file(path: Path, level: str) -> None:
    logging.basicConfig(filename=str(path), level=level, force=True,
                        format="%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")


def run_demo(settings: Settings, plan: demo.Plan, data_dir: Path) -> tuple[str, catalog_pb2.SavedReport]:
    """Ingests, defines, runs and downloads the demo report; returns the definition and saved report."""
    ingest_demo(settings, plan)
    definition = create_demo_report(settings, plan)
    job = run_and_watch(settings, definition.name)
    saved = save_copy(settings, job.saved_report, data_dir / "demo-report.csv")
    return definition.name, saved


def ingest_demo(settings: Settings, plan: demo.Plan) -> None:
    start, end, zone = plan.explicit_dates()
    _say(f"\nIngesting demo activity for {start} to {end} {zone} through the GeneratorService:")
    stub = clients.generator(settings.generator_addr)
    streams = (("accounts", [demo.account()]), ("campaigns", [demo.campaign(plan)]),
               ("attempts", demo.attempts(plan)))
    for kind_name, records in streams:
        kind = KINDS[kind_name]
        response = getattr(stub, kind.rpc)(batches(kind, records), timeout=INGEST_TIMEOUT_SECONDS)
        counts = f"received {response.received}, stored {response.stored}"
        if kind_name == "attempts":
            counts += f", duplicates {response.duplicates}"
        _say(f"  {kind_name:<10} {counts}, rejected {len(response.rejected)}")
        for record in response.rejected[:5]:
            _say(f"    record {record.position} id={record.id} field={record.field}: {record.reason}")


def create_demo_report(settings: Settings, plan: demo.Plan) -> catalog_pb2.ReportDefinition:
    """An All Attempts report on the demo campaign over the demo window, with no destination."""
    start, end, zone = plan.explicit_dates()
    first, end_midnight = plan.window()
    last = end_midnight - timedelta(days=1)  # the window's end is exclusive: name its last day
    definition = catalog_pb2.ReportDefinition(
        display_name=f"Spring Renewals All Attempts {first:%Y-%m-%d} to {last:%Y-%m-%d}",
        description="Made by reportsuite dev from the demo activity.",
        report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS, level=catalog_pb2.LEVEL_CAMPAIGN,
        target=demo.CAMPAIGN_ID,
        time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, start=start, end=end,
                                         time_zone=zone),
    )
    request = catalog_pb2.CreateReportDefinitionRequest(
        parent=f"accounts/{demo.ACCOUNT_ID}", report_definition=definition,
        # The same demo window on the same data dir reuses its definition.
        request_id=f"dev-demo-{plan.seed}-{end_midnight:%Y%m%d}-{plan.days}",
    )
    created = clients.catalog(settings.catalog_addr).CreateReportDefinition(
        request, timeout=reportctl.CALL_TIMEOUT).report_definition
    _say(f"\nCreated report definition {created.name}")
    _say(f"  {formatting.report_type(created.report_type)}, campaign {created.target}, "
         f"{formatting.time_frame(created.time_frame)}")
    return created


def run_and_watch(settings: Settings, definition: str) -> scheduler_pb2.Job:
    stub = clients.scheduler(settings.scheduler_addr)
    job = stub.RunReport(
        scheduler_pb2.RunReportRequest(report_definition=definition, request_id=f"dev-{uuid.uuid4().hex}"),
        timeout=reportctl.CALL_TIMEOUT,
    ).job
    _say(f"\nRunning it as job {job.name}")
    final = reportctl.watch_job(stub, job.name, lambda j: _say(f"  {formatting.job_state_line(j)}"),
                                timeout=WATCH_TIMEOUT_SECONDS)
    if final is None or final.state != scheduler_pb2.Job.STATE_SUCCEEDED:
        state = formatting.state_label(final.state) if final else "unknown"
        reason = final.failure_reason if final else ""
        raise DevModeError(f"the demo job {job.name} ended {state} {reason}".rstrip())
    return final


def save_copy(settings: Settings, name: str, target: Path) -> catalog_pb2.SavedReport:
    """Downloads the saved report over gRPC, as a user would, to target."""
    stub = clients.catalog(settings.catalog_addr)
    saved = stub.GetSavedReport(catalog_pb2.GetSavedReportRequest(name=name),
                                timeout=reportctl.CALL_TIMEOUT).saved_report
    partial = target.with_name(f".{target.name}.part")
    with open(partial, "wb") as sink:
        size, sha256 = reportctl.download(stub, name, sink)
    if saved.sha256 and saved.sha256 != sha256:
        partial.unlink()
        raise DevModeError(f"the download of {name} does not match its SHA-256")
    os.replace(partial, target)
    _say(f"\nSaved report {saved.name}")
    _say(formatting.fields([("  file name", saved.file_name), ("  rows", str(saved.row_count)),
                            ("  size bytes", str(size)), ("  copied to", str(target))]))
    return saved


def _reportctl_command() -> str:
    """``reportctl`` when it is on PATH, else its path beside this Python (a venv not activated)."""
    beside = Path(sys.executable).parent / "reportctl"
    return "reportctl" if shutil.which("reportctl") or not beside.exists() else str(beside)


def print_next_steps(settings: Settings, definition: str, saved: catalog_pb2.SavedReport) -> None:
    tool = _reportctl_command()
    _say("\nPoint reportctl at this suite from another shell:")
    for name in ("catalog", "scheduler", "generator", "delivery"):
        _say(f"  export REPORTSUITE_{name.upper()}_ADDR={getattr(settings, f'{name}_addr')}")
    _say(f"  export REPORTSUITE_TOKEN=$(cat {settings.tokens_file.parent / OPERATOR_TOKEN_FILE})")
    _say("and try:")
    for command in (
        f"report list --account {demo.ACCOUNT_ID}",
        f"report run {definition} --watch",
        f"job list --account {demo.ACCOUNT_ID}",
        f"saved list --account {demo.ACCOUNT_ID}",
        f"saved download {saved.name} -o report.csv",
        "filename preview --format '<CAMPAIGN>_<DATE:yyyyMMdd>' --campaign Spring --tz Europe/London",
    ):
        _say(f"  {tool} {command}")
