"""reportctl and the reportsuite CLI: arguments, output, ingest files, demo data, and what a user sees
when a server answers (small fake servicers on real gRPC servers at port 0)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import grpc
import pytest
import sqlalchemy as sa
from google.protobuf.timestamp_pb2 import Timestamp

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.cli import demo, formatting, report_args, reportctl, suite
from reportsuite.cli.devmode import sqlalchemy_url
from reportsuite.cli.ingest_files import KINDS, InputFileError, Upload, read_records
from reportsuite.core import grpc_server
from reportsuite.core.errors import InvalidArgument, NotFound
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc
from reportsuite.scheduler.v1 import scheduler_pb2, scheduler_pb2_grpc

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT.parent / "shared" / "seed" / "reports-guide.txt"
Job = scheduler_pb2.Job


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Runs reportctl in-process; returns exit code, stdout and stderr."""
    try:
        code = reportctl.main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def parse(argv: list[str]) -> Any:
    return reportctl.build_parser().parse_args(argv)


# --- arguments ------------------------------------------------------------------------------

CREATE = ["report", "create", "--account", "acme", "--name", "Daily", "--type", "all-attempts",
          "--level", "campaign", "--target", "spring"]


def test_report_create_with_explicit_dates_builds_the_definition_the_user_described() -> None:
    args = parse([*CREATE, "--start", "2026-11-01T00:00", "--end", "2026-11-02T00:00", "--tz", "Europe/London",
                  "--emails", "a@x.com, b@y.com", "--sftp", "u:p@host:2222/in", "--file-name-format",
                  "<CAMPAIGN>_<DATE:yyyyMMdd>", "--zip", "--pgp"])

    definition = reportctl.build_report_definition(args)

    assert definition.report_type == catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS
    assert definition.level == catalog_pb2.LEVEL_CAMPAIGN
    assert definition.target == "spring"
    assert definition.time_frame == catalog_pb2.TimeFrame(
        kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES, start="2026-11-01T00:00", end="2026-11-02T00:00",
        time_zone="Europe/London")
    assert definition.output.email_addresses == "a@x.com, b@y.com"
    assert definition.output.file_transfer == catalog_pb2.FileTransfer(
        protocol=catalog_pb2.FileTransfer.PROTOCOL_SFTP, destination="u:p@host:2222/in")
    assert definition.output.file_name_format == "<CAMPAIGN>_<DATE:yyyyMMdd>"
    assert definition.output.zip and definition.output.pgp_encrypt


@pytest.mark.parametrize(("option", "kind"), [
    ("yesterday", catalog_pb2.TimeFrame.KIND_YESTERDAY),
    ("last-7-days", catalog_pb2.TimeFrame.KIND_LAST_7_DAYS),
    ("entire-campaign", catalog_pb2.TimeFrame.KIND_ENTIRE_CAMPAIGN),
    ("incremental", catalog_pb2.TimeFrame.KIND_INCREMENTAL),
])
def test_time_frame_keywords_name_the_guides_options(option: str, kind: int) -> None:
    definition = reportctl.build_report_definition(parse([*CREATE, "--time-frame", option, "--ftp", "u:p@h/"]))

    assert definition.time_frame.kind == kind
    assert definition.output.file_transfer.protocol == catalog_pb2.FileTransfer.PROTOCOL_FTP


@pytest.mark.parametrize(("extra", "message"), [
    (["--start", "2026-11-01T00:00"], "--start and --end go together"),
    (["--time-frame", "today", "--tz", "UTC"], "--tz applies to --start/--end only"),
    (["--time-frame", "today", "--start", "2026-11-01T00:00", "--end", "2026-11-02T00:00"], "leave out --time-frame"),
    (["--time-frame", "explicit-dates"], "needs --start and --end"),
    ([], "give --time-frame or --start/--end"),
    (["--time-frame", "today", "--sftp", "a:b@h/", "--ftp", "a:b@h/"], "not allowed with argument"),
    (["--time-frame", "fortnight"], "invalid choice"),
])
def test_contradictory_report_options_are_usage_errors(extra: list[str], message: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([*CREATE, *extra], capsys)

    assert code == 2
    assert message in err


def test_run_as_of_needs_an_offset(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["report", "run", "accounts/a/reports/r", "--as-of", "2026-11-01T00:00"], capsys)

    assert code == 2
    assert "needs a UTC offset" in err


def test_json_may_come_before_or_after_the_command() -> None:
    assert parse(["--json", "job", "get", "accounts/a/jobs/j"]).json
    assert parse(["job", "get", "accounts/a/jobs/j", "--json"]).json
    assert not parse(["job", "get", "accounts/a/jobs/j"]).json


def test_addresses_come_from_the_environment_then_the_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTSUITE_SCHEDULER_ADDR", raising=False)
    monkeypatch.setenv("REPORTSUITE_CATALOG_ADDR", "127.0.0.1:6001")

    assert reportctl.address("catalog") == "127.0.0.1:6001"
    assert reportctl.address("scheduler") == "127.0.0.1:50052"


# --- output ---------------------------------------------------------------------------------

def _stamp(text: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromJsonString(text)
    return stamp


def test_tables_align_columns_and_show_empty_cells_as_a_dash() -> None:
    text = formatting.table(["NAME", "STATE"], [["accounts/a/jobs/1", "QUEUED"], ["j2", ""]])

    assert text.splitlines() == [
        "NAME               STATE",
        "accounts/a/jobs/1  QUEUED",
        "j2                 -",
    ]


def test_job_state_lines_say_what_matters_in_each_state() -> None:
    succeeded = Job(state=Job.STATE_SUCCEEDED, row_count=42, saved_report="accounts/a/savedReports/s",
                    update_time=_stamp("2026-11-01T09:30:00Z"))
    failed = Job(state=Job.STATE_FAILED, failure_reason="no such campaign")

    assert formatting.job_state_line(succeeded) == (
        "SUCCEEDED   2026-11-01T09:30:00Z  rows=42 saved_report=accounts/a/savedReports/s")
    assert formatting.job_state_line(failed) == "FAILED      -  no such campaign"


def test_enum_labels_are_the_option_spelling() -> None:
    assert formatting.report_type(catalog_pb2.REPORT_TYPE_TEXT_OPT_OUT) == "text-opt-out"
    assert formatting.level(catalog_pb2.LEVEL_SUB_CAMPAIGN) == "sub-campaign"
    assert formatting.state_label(Job.STATE_DELIVERING) == "DELIVERING"
    assert "unspecified" not in report_args.REPORT_TYPES


def test_ingest_summary_lists_each_rejected_record_with_its_line() -> None:
    response = generator_pb2.IngestAttemptsResponse(received=3, stored=1, duplicates=1, rejected=[
        generator_pb2.RejectedRecord(position=2, id="a3", field="status", reason="unknown status")])

    text = formatting.ingest_summary(response, lines=[2, 3, 5])

    assert text.splitlines() == [
        "received:   3", "stored:     1", "duplicates: 1", "rejected:   1",
        "  record 2 (line 5) id=a3 field=status: unknown status",
    ]


# --- ingest files ---------------------------------------------------------------------------

ATTEMPT_HEADER = "attempt_id,account,campaign,client_id,channel,device,status,start_time,ring_seconds\n"


def test_csv_attempts_accept_short_enum_names_and_name_the_bad_field() -> None:
    text = ATTEMPT_HEADER + (
        "a1,acme,spring,C1,voice,+15550000001,BUSY,2026-11-01T09:00:00Z,2\n"
        "a2,acme,spring,C2,Text,+15550000002,TEXT_MSG_SENT,2026-11-01 09:00,0\n"
        "a3,acme,spring,C3,CHANNEL_EMAIL,c3@example.com,SENTEMAIL,,\n"
    )

    records = list(read_records(io.StringIO(text), KINDS["attempts"], "csv"))

    assert records[0].message is not None
    assert records[0].message.channel == generator_pb2.CHANNEL_VOICE
    assert records[0].message.ring_seconds == 2
    assert records[1].rejection is not None
    assert records[1].rejection == generator_pb2.RejectedRecord(
        position=1, id="a2", field="start_time", reason=records[1].rejection.reason)
    assert records[2].message is not None
    assert records[2].message.channel == generator_pb2.CHANNEL_EMAIL
    assert not records[2].message.HasField("start_time")
    assert [r.line for r in records] == [2, 3, 4]


def test_csv_with_an_unknown_column_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(InputFileError, match="colour"):
        read_records(io.StringIO("attempt_id,colour\na1,red\n"), KINDS["attempts"], "csv")


def test_jsonl_rejects_a_broken_line_and_keeps_the_rest_in_place() -> None:
    lines = ['{"name": "accounts/a", "display_name": "A"}', "", "{not json", '{"name": "accounts/b", "bogus": 1}',
             '{"name": "accounts/c"}']

    records = list(read_records(io.StringIO("\n".join(lines)), KINDS["accounts"], "jsonl"))

    assert [r.position for r in records] == [0, 1, 2, 3]
    assert [r.line for r in records] == [1, 3, 4, 5]
    assert records[1].rejection is not None
    assert records[1].rejection.reason.startswith("not JSON")
    assert records[2].rejection is not None
    assert records[2].rejection.field == "bogus" and records[2].rejection.id == "accounts/b"
    assert records[3].message is not None
    assert records[3].message.name == "accounts/c"


def test_upload_maps_server_positions_back_to_the_file() -> None:
    text = ATTEMPT_HEADER + "a0,x,c,C,voice,d,BUSY,bad-time,0\n" + "".join(
        f"a{i},x,c,C,voice,d,BUSY,2026-11-01T09:00:00Z,0\n" for i in range(1, 6))
    upload = Upload(KINDS["attempts"], read_records(io.StringIO(text), KINDS["attempts"], "csv"), size=2)

    sent = [len(request.attempts) for request in upload.requests()]
    result = upload.reconcile(generator_pb2.IngestAttemptsResponse(
        received=5, stored=4, rejected=[generator_pb2.RejectedRecord(position=2, id="a3", reason="dup")]))

    assert sent == [2, 2, 1]
    assert [(r.position, r.id) for r in result.rejected] == [(0, "a0"), (3, "a3")]
    assert result.received == 6


# --- against servers ------------------------------------------------------------------------

@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Any], None]]:
    """Starts a fake servicer on a real server at port 0 and points reportctl at it."""
    started: list[grpc_server.Service] = []
    adders = {
        "catalog": (catalog_pb2_grpc.add_CatalogServiceServicer_to_server, catalog_pb2, "CatalogService"),
        "scheduler": (scheduler_pb2_grpc.add_SchedulerServiceServicer_to_server, scheduler_pb2, "SchedulerService"),
        "generator": (generator_pb2_grpc.add_GeneratorServiceServicer_to_server, generator_pb2, "GeneratorService"),
    }

    def start(service: str, servicer: Any) -> None:
        add, module, name = adders[service]

        def register(server: grpc.Server) -> list[str]:
            add(servicer, server)
            return [module.DESCRIPTOR.services_by_name[name].full_name]

        running = grpc_server.create_server("127.0.0.1:0", register, workers=4)
        started.append(running)
        monkeypatch.setenv(f"REPORTSUITE_{service.upper()}_ADDR", f"127.0.0.1:{running.port}")

    yield start
    for running in started:
        running.stop(0)


class RefusingCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    def CreateReportDefinition(self, request: Any, context: Any) -> Any:
        raise InvalidArgument("target 'nowhere' is not a campaign of accounts/acme", field="report_definition.target",
                              rule="must name a campaign")

    def GetReportDefinition(self, request: Any, context: Any) -> Any:
        raise NotFound(f"{request.name} does not exist")


def test_a_refused_call_prints_code_message_and_field_and_exits_1(serve: Any, capsys: Any) -> None:
    serve("catalog", RefusingCatalog())

    code, out, err = run([*CREATE, "--time-frame", "yesterday"], capsys)

    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "error: INVALID_ARGUMENT: target 'nowhere' is not a campaign of accounts/acme",
        "field: report_definition.target",
    ]


def test_not_found_names_no_field(serve: Any, capsys: Any) -> None:
    serve("catalog", RefusingCatalog())

    code, _, err = run(["report", "get", "accounts/acme/reports/r1"], capsys)

    assert (code, err) == (1, "error: NOT_FOUND: accounts/acme/reports/r1 does not exist\n")


def test_an_unreachable_service_is_an_error_not_a_traceback(monkeypatch: Any, capsys: Any) -> None:
    closed = grpc_server.create_server("127.0.0.1:0", lambda server: [])
    closed.stop(0)
    monkeypatch.setenv("REPORTSUITE_SCHEDULER_ADDR", f"127.0.0.1:{closed.port}")

    code, _, err = run(["job", "get", "accounts/a/jobs/j"], capsys)

    assert code == 1
    assert err.startswith("error: UNAVAILABLE: ")


class StreamingScheduler(scheduler_pb2_grpc.SchedulerServiceServicer):
    def __init__(self, states: list[Job.State]) -> None:
        self.states = states
        self.listed: list[str] = []

    def WatchJob(self, request: Any, context: Any) -> Iterator[Any]:
        for state in self.states:
            yield scheduler_pb2.WatchJobResponse(job=Job(name=request.name, state=state, row_count=7,
                                                         failure_reason="boom" if state == Job.STATE_FAILED else ""))

    def RunReport(self, request: Any, context: Any) -> Any:
        return scheduler_pb2.RunReportResponse(job=Job(name="accounts/a/jobs/j9", state=Job.STATE_QUEUED))

    def ListJobs(self, request: Any, context: Any) -> Any:
        self.listed.append(request.page_token)
        if not request.page_token:
            return scheduler_pb2.ListJobsResponse(jobs=[Job(name="accounts/a/jobs/j1")], next_page_token="p2")
        return scheduler_pb2.ListJobsResponse(jobs=[Job(name="accounts/a/jobs/j2")])


def test_job_watch_prints_each_state_once_as_it_arrives(serve: Any, capsys: Any) -> None:
    serve("scheduler", StreamingScheduler([Job.STATE_QUEUED, Job.STATE_QUEUED, Job.STATE_GENERATING,
                                           Job.STATE_DELIVERING, Job.STATE_SUCCEEDED]))

    code, out, _ = run(["job", "watch", "accounts/a/jobs/j1"], capsys)

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["QUEUED", "GENERATING", "DELIVERING", "SUCCEEDED"]


def test_run_and_watch_exits_1_when_the_job_fails(serve: Any, capsys: Any) -> None:
    serve("scheduler", StreamingScheduler([Job.STATE_QUEUED, Job.STATE_GENERATING, Job.STATE_FAILED]))

    code, out, err = run(["report", "run", "accounts/a/reports/r", "--watch"], capsys)

    assert code == 1
    assert out.splitlines()[0] == "job accounts/a/jobs/j9"
    assert err == "error: job accounts/a/jobs/j9 ended FAILED: boom\n"


def test_watch_with_json_prints_one_json_object_per_state(serve: Any, capsys: Any) -> None:
    serve("scheduler", StreamingScheduler([Job.STATE_QUEUED, Job.STATE_SUCCEEDED]))

    code, out, _ = run(["job", "watch", "accounts/a/jobs/j1", "--json"], capsys)

    assert code == 0
    assert [json.loads(line)["state"] for line in out.splitlines()] == ["STATE_QUEUED", "STATE_SUCCEEDED"]


def test_lists_follow_every_page(serve: Any, capsys: Any) -> None:
    scheduler = StreamingScheduler([])
    serve("scheduler", scheduler)

    code, out, _ = run(["job", "list", "--account", "a"], capsys)

    assert code == 0
    assert scheduler.listed == ["", "p2"]
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["accounts/a/jobs/j1", "accounts/a/jobs/j2"]


class RecordingGenerator(generator_pb2_grpc.GeneratorServiceServicer):
    def __init__(self) -> None:
        self.batches: list[int] = []

    def IngestAttempts(self, request_iterator: Any, context: Any) -> Any:
        received = 0
        for request in request_iterator:
            self.batches.append(len(request.attempts))
            received += len(request.attempts)
        rejected = [generator_pb2.RejectedRecord(position=10_000, id="x", field="status", reason="unknown status")]
        return generator_pb2.IngestAttemptsResponse(received=received, stored=received - 1, rejected=rejected)


def test_ingest_streams_batches_of_5000_and_reports_rejections_by_file_position(
        serve: Any, capsys: Any, tmp_path: Path) -> None:
    generator = RecordingGenerator()
    serve("generator", generator)
    path = tmp_path / "attempts.jsonl"
    good = json.dumps({"attempt_id": "a", "account": "x", "status": "BUSY"})
    path.write_text("\n".join([good] * 5 + ['{"attempt_id": "bad", "ring_seconds": "many"}'] + [good] * 11_995))

    code, out, err = run(["ingest", "attempts", str(path)], capsys)

    assert generator.batches == [5000, 5000, 2000]
    assert code == 1
    assert "received:   12001" in out
    assert "record 5 (line 6) id=bad field=ring_seconds:" in out
    # the server's position 10,000 counts only what it was sent: the file's record 10,001
    assert "record 10001 (line 10002) id=x field=status: unknown status" in out
    assert err == "error: 2 of 12001 records rejected\n"


class FileCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    def __init__(self, content: bytes, sha256: str) -> None:
        self.content = content
        self.sha256 = sha256

    def GetSavedReport(self, request: Any, context: Any) -> Any:
        return catalog_pb2.GetSavedReportResponse(saved_report=catalog_pb2.SavedReport(
            name=request.name, sha256=self.sha256, row_count=2, file_name="r.csv"))

    def DownloadSavedReport(self, request: Any, context: Any) -> Iterator[Any]:
        for start in range(0, len(self.content), 4):
            yield catalog_pb2.DownloadSavedReportResponse(data=self.content[start:start + 4])


def test_download_writes_the_streamed_file(serve: Any, capsys: Any, tmp_path: Path) -> None:
    content = b"a,b\n1,2\n3,4\n"
    serve("catalog", FileCatalog(content, hashlib.sha256(content).hexdigest()))

    code, out, _ = run(["saved", "download", "accounts/a/savedReports/s", "-o", str(tmp_path / "r.csv")], capsys)

    assert code == 0
    assert (tmp_path / "r.csv").read_bytes() == content
    assert out == f"wrote {tmp_path / 'r.csv'} (12 bytes, 2 rows)\n"


def test_download_refuses_a_file_that_does_not_match_its_checksum(serve: Any, capsys: Any, tmp_path: Path) -> None:
    serve("catalog", FileCatalog(b"a,b\n", "0" * 64))

    code, _, err = run(["saved", "download", "accounts/a/savedReports/s", "-o", str(tmp_path / "r.csv")], capsys)

    assert code == 1
    assert "SHA-256" in err
    assert list(tmp_path.iterdir()) == []


def test_healthcheck_answers_0_only_while_serving(capsys: Any) -> None:
    running = grpc_server.create_server("127.0.0.1:0", lambda server: [])
    try:
        assert suite.main(["healthcheck", f"127.0.0.1:{running.port}"]) == 0
        running.set_serving(False)
        assert suite.main(["healthcheck", f"127.0.0.1:{running.port}"]) == 1
    finally:
        running.stop(0)
    assert "SERVING" in capsys.readouterr().out


# --- demo data and dev mode pieces ----------------------------------------------------------

PLAN = demo.Plan(as_of=datetime(2026, 10, 26, 12, 0, tzinfo=UTC), attempts=600, seed=3, days=3)


def test_demo_data_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    first = [a.SerializeToString() for a in demo.attempts(PLAN)]

    assert first == [a.SerializeToString() for a in demo.attempts(PLAN)]
    other = demo.Plan(as_of=PLAN.as_of, attempts=600, seed=4, days=3)
    assert first != [a.SerializeToString() for a in demo.attempts(other)]


def test_demo_attempts_fall_in_calling_hours_of_whole_report_days_before_the_instant() -> None:
    # 2026-10-25 is the autumn clock change in Europe/London: the window spans it.
    start, end = PLAN.window()
    attempts = list(demo.attempts(PLAN))
    per_client: dict[str, int] = {}

    assert PLAN.explicit_dates() == ("2026-10-23T00:00", "2026-10-26T00:00", "Europe/London")
    assert len(attempts) == 600 and len({a.attempt_id for a in attempts}) == 600
    for attempt in attempts:
        began = attempt.start_time.ToDatetime(tzinfo=UTC)
        assert start <= began < attempt.complete_time.ToDatetime(tzinfo=UTC) < end
        assert time(8) <= began.astimezone(start.tzinfo).time() < time(20, 30)
        per_client[attempt.client_id] = per_client.get(attempt.client_id, 0) + 1
    assert set(per_client.values()) <= {1, 2, 3, 4}
    assert {a.channel for a in attempts} == {generator_pb2.CHANNEL_VOICE, generator_pb2.CHANNEL_TEXT,
                                             generator_pb2.CHANNEL_EMAIL}


def _guide_statuses() -> dict[str, str]:
    if not GUIDE.is_file():
        pytest.skip(f"the product guide is not at {GUIDE}")
    table = GUIDE.read_text().split("Status | Channel Type | Rank | Description |", 1)[1]
    table = table.split("Direct Connect Statuses", 1)[0]
    return {m[0]: m[1] for m in re.findall(r"^([A-Z][A-Z0-9_]+) \| ([A-Za-z, ]*|\d+) \|", table, re.M)}


def test_demo_uses_only_statuses_from_the_guides_table_on_their_channels() -> None:
    guide = _guide_statuses()
    channel_words = {generator_pb2.CHANNEL_VOICE: "Voice", generator_pb2.CHANNEL_TEXT: "Text"}

    for channel, mix in demo.STATUS_MIX.items():
        for status, *_ in mix:
            assert status in guide, status
            if channel in channel_words:
                assert channel_words[channel] in guide[status], (status, guide[status])
            else:  # the guide's email rows have their rank where the channel belongs
                assert guide[status].isdigit() or "Email" in guide[status], status


def test_demo_jsonl_reads_back_through_reportctl_ingest(tmp_path: Path) -> None:
    written = demo.write_all(PLAN, tmp_path / "demo.jsonl")

    for kind, (path, count) in written.items():
        with open(path, encoding="utf-8") as handle:
            records = list(read_records(handle, KINDS[kind], "jsonl"))
        assert len(records) == count
        assert all(r.rejection is None for r in records)
    assert written["accounts"][0].name == "demo-accounts.jsonl"


def test_demo_csv_shaped_like_an_export_reads_back_too(tmp_path: Path) -> None:
    attempt = next(demo.attempts(PLAN))
    row = {"attempt_id": attempt.attempt_id, "channel": "voice", "start_time": "2026-10-23T09:00:00Z"}
    path = tmp_path / "a.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)

    with open(path, newline="") as handle:
        (record,) = read_records(handle, KINDS["attempts"], "csv")
    assert record.message is not None
    assert record.message.attempt_id == attempt.attempt_id


def test_pgserver_socket_uri_becomes_a_psycopg2_url_with_the_socket_as_host() -> None:
    url = sqlalchemy_url("postgresql://postgres:@/postgres?host=/var/dev/pg", "reportsuite")

    assert url == "postgresql+psycopg2://postgres@/reportsuite?host=%2Fvar%2Fdev%2Fpg"


def test_broker_check_passes_on_the_running_broker_and_fails_on_a_closed_port(capsys: Any) -> None:
    closed = grpc_server.create_server("127.0.0.1:0", lambda server: [])
    closed.stop(0)

    assert suite.check_broker(Settings.from_env().broker_url) == 0
    assert suite.check_broker(f"amqp://guest:guest@127.0.0.1:{closed.port}/%2F", timeout=2) == 1
    assert suite.check_broker("stub://") == 0
    assert "Connection" in capsys.readouterr().err


def test_migrate_brings_every_services_schema_up(capsys: Any) -> None:
    assert suite.main(["migrate"]) == 0

    assert capsys.readouterr().out.splitlines() == [f"{name}: migrated" for name in suite.SERVICES]
    engine = sa.create_engine(Settings.from_env().database_url)
    try:
        with engine.connect() as connection:
            versions = {
                name: connection.execute(sa.text(f'SELECT version_num FROM "{name}".alembic_version')).scalar()
                for name in suite.SERVICES
            }
    finally:
        engine.dispose()
    assert all(versions.values()), versions
