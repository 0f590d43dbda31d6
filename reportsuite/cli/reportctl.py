"""reportctl: the suite's command-line client, over the services' gRPC APIs.

Service addresses come from REPORTSUITE_CATALOG_ADDR, _SCHEDULER_ADDR, _GENERATOR_ADDR and
_DELIVERY_ADDR (defaults as in reportsuite.core.settings.SETTINGS); every call carries the bearer
token in REPORTSUITE_TOKEN or the file given with --token-file. Output is aligned text, or
protobuf JSON with ``--json``. Exit codes: 0 done, 1 the server refused (``error: CODE: message``
on stderr, plus ``field: NAME`` when the server named one) or a job ended unsuccessfully,
2 a usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import grpc
from google.protobuf.message import Message

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.cli import (
    commands_audit,
    commands_hostkeys,
    commands_pgpkeys,
    commands_schedules,
    commands_specs,
    commands_trace,
    formatting,
)
from reportsuite.cli.ingest_files import FORMATS, KINDS, InputFileError, Upload, detect_format, read_records
from reportsuite.cli.report_args import UsageError, add_report_create_arguments, build_report_definition, instant
from reportsuite.core import clients
from reportsuite.core.errors import error_details
from reportsuite.core.settings import SETTINGS
from reportsuite.delivery.v1 import delivery_pb2
from reportsuite.scheduler.v1 import scheduler_pb2

CALL_TIMEOUT = clients.CALL_TIMEOUT_SECONDS
PAGE_SIZE = 500
_DEFAULTS = {variable.name: variable.default for variable in SETTINGS}
Job = scheduler_pb2.Job
TERMINAL_STATES = frozenset({Job.STATE_SUCCEEDED, Job.STATE_FAILED, Job.STATE_CANCELLED, Job.STATE_SKIPPED})


def address(service: str) -> str:
    """The host:port of a service, from REPORTSUITE_<SERVICE>_ADDR or its default."""
    name = f"REPORTSUITE_{service.upper()}_ADDR"
    return os.environ.get(name) or _DEFAULTS[name]


def main(argv: list[str] | None = None) -> int:
    """Runs one reportctl command and returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_usage(sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except UsageError as error:
        args.command_parser.error(str(error))  # exits 2
    except grpc.RpcError as error:
        print_rpc_error(error, sys.stderr)
    except (InputFileError, OSError, UnicodeDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


def print_rpc_error(error: grpc.RpcError, stream: TextIO) -> None:
    """Prints ``error: CODE: message`` and, when the server named the bad field, ``field: NAME``."""
    code = error.code() if hasattr(error, "code") else None
    message = error.details() if hasattr(error, "details") else str(error)
    print(f"error: {code.name if code else 'UNKNOWN'}: {message}", file=stream)
    try:
        field = error_details(error).get("field", "")
    except (AttributeError, ValueError):  # a transport error carries no status details
        field = ""
    if field:
        print(f"field: {field}", file=stream)


def _emit(args: argparse.Namespace, message: Message, text: Callable[[Any], str]) -> int:
    print(formatting.as_json(message) if args.json else text(message))
    return 0


def _account(account: str) -> str:
    return f"accounts/{account}"


def _all_pages(method: Callable[..., Any], request: Any, items: str) -> Message:
    """Calls a List method page after page; returns one response holding every item."""
    merged: Message | None = None
    while True:
        response = method(request, timeout=CALL_TIMEOUT)
        merged = merged or type(response)()
        getattr(merged, items).extend(getattr(response, items))
        if not response.next_page_token:
            return merged
        request.page_token = response.next_page_token


# --- report definitions ---------------------------------------------------------------------

def _report_create(args: argparse.Namespace) -> int:
    request = catalog_pb2.CreateReportDefinitionRequest(
        parent=_account(args.account), report_definition=build_report_definition(args),
        request_id=args.request_id or "",
    )
    response = clients.catalog(address("catalog")).CreateReportDefinition(request, timeout=CALL_TIMEOUT)
    return _emit(args, response.report_definition, formatting.report_definition)


def _report_list(args: argparse.Namespace) -> int:
    stub = clients.catalog(address("catalog"))
    request = catalog_pb2.ListReportDefinitionsRequest(parent=_account(args.account), page_size=PAGE_SIZE)
    merged = _all_pages(stub.ListReportDefinitions, request, "report_definitions")
    return _emit(args, merged, lambda m: formatting.report_definitions(m.report_definitions))


def _report_get(args: argparse.Namespace) -> int:
    request = catalog_pb2.GetReportDefinitionRequest(name=args.name)
    response = clients.catalog(address("catalog")).GetReportDefinition(request, timeout=CALL_TIMEOUT)
    return _emit(args, response.report_definition, formatting.report_definition)


def _report_delete(args: argparse.Namespace) -> int:
    request = catalog_pb2.DeleteReportDefinitionRequest(name=args.name, request_id=args.request_id or "")
    response = clients.catalog(address("catalog")).DeleteReportDefinition(request, timeout=CALL_TIMEOUT)
    return _emit(args, response, lambda _: f"deleted {args.name}")


def _report_run(args: argparse.Namespace) -> int:
    request = scheduler_pb2.RunReportRequest(
        report_definition=args.name, as_of=instant(args.as_of, "--as-of"), request_id=args.request_id or "",
    )
    job = clients.scheduler(address("scheduler")).RunReport(request, timeout=CALL_TIMEOUT).job
    if not args.watch:
        return _emit(args, job, formatting.job)
    if not args.json:
        print(f"job {job.name}")
    return _watch(args, job.name)


# --- jobs -----------------------------------------------------------------------------------

def watch_job(stub: Any, name: str, on_change: Callable[[Job], None], timeout: float | None = None) -> Job | None:
    """Follows WatchJob, calling on_change once per new state; returns the job as it ended.

    Returns the last job seen (None if none) when the stream closes before a final state.
    """
    call = stub.WatchJob(scheduler_pb2.WatchJobRequest(name=name), timeout=timeout)
    last: Job | None = None
    try:
        for response in call:
            if last is None or response.job.state != last.state:
                on_change(response.job)
            last = response.job
            if last.state in TERMINAL_STATES:
                break
    finally:
        # Stop the stream once the job has ended. A plain channel returns a Call, the traced
        # channel of reportsuite.core.clients a generator over one.
        stop = getattr(call, "cancel", None) or getattr(call, "close", None)
        if stop is not None:
            stop()
    return last


def _watch(args: argparse.Namespace, name: str) -> int:
    def show(job: Job) -> None:
        print(formatting.as_json(job, one_line=True) if args.json else formatting.job_state_line(job), flush=True)

    final = watch_job(clients.scheduler(address("scheduler")), name, show)
    if final is not None and final.state in (Job.STATE_SUCCEEDED, Job.STATE_SKIPPED):
        return 0
    if final is None or final.state not in TERMINAL_STATES:
        print(f"error: the watch of {name} ended before the job did", file=sys.stderr)
    else:
        reason = f": {final.failure_reason}" if final.failure_reason else ""
        print(f"error: job {name} ended {formatting.state_label(final.state)}{reason}", file=sys.stderr)
    return 1


def _job_get(args: argparse.Namespace) -> int:
    job = clients.scheduler(address("scheduler")).GetJob(
        scheduler_pb2.GetJobRequest(name=args.name), timeout=CALL_TIMEOUT).job
    return _emit(args, job, formatting.job)


def _job_watch(args: argparse.Namespace) -> int:
    return _watch(args, args.name)


def _job_cancel(args: argparse.Namespace) -> int:
    request = scheduler_pb2.CancelJobRequest(name=args.name, request_id=args.request_id or "")
    job = clients.scheduler(address("scheduler")).CancelJob(request, timeout=CALL_TIMEOUT).job
    return _emit(args, job, formatting.job)


def _job_list(args: argparse.Namespace) -> int:
    stub = clients.scheduler(address("scheduler"))
    request = scheduler_pb2.ListJobsRequest(parent=_account(args.account), page_size=PAGE_SIZE,
                                            report_definition=args.report or "")
    merged = _all_pages(stub.ListJobs, request, "jobs")
    return _emit(args, merged, lambda m: formatting.jobs(m.jobs))


# --- saved reports --------------------------------------------------------------------------

def _saved_list(args: argparse.Namespace) -> int:
    stub = clients.catalog(address("catalog"))
    request = catalog_pb2.ListSavedReportsRequest(parent=_account(args.account), page_size=PAGE_SIZE,
                                                  report_definition=args.report or "")
    merged = _all_pages(stub.ListSavedReports, request, "saved_reports")
    return _emit(args, merged, lambda m: formatting.saved_reports(m.saved_reports))


def _saved_get(args: argparse.Namespace) -> int:
    report = clients.catalog(address("catalog")).GetSavedReport(
        catalog_pb2.GetSavedReportRequest(name=args.name), timeout=CALL_TIMEOUT).saved_report
    return _emit(args, report, formatting.saved_report)


def download(stub: Any, name: str, sink: Any) -> tuple[int, str]:
    """Streams a saved report's file into a binary sink; returns its size and hex SHA-256."""
    digest = hashlib.sha256()
    size = 0
    for chunk in stub.DownloadSavedReport(catalog_pb2.DownloadSavedReportRequest(name=name)):
        sink.write(chunk.data)
        digest.update(chunk.data)
        size += len(chunk.data)
    return size, digest.hexdigest()


def _saved_download(args: argparse.Namespace) -> int:
    stub = clients.catalog(address("catalog"))
    report = stub.GetSavedReport(catalog_pb2.GetSavedReportRequest(name=args.name), timeout=CALL_TIMEOUT).saved_report
    if not args.output:
        _, sha256 = download(stub, args.name, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return _check_sha256(report, sha256)
    target = Path(args.output)
    partial = target.with_name(f".{target.name}.part")
    try:
        with open(partial, "wb") as sink:
            size, sha256 = download(stub, args.name, sink)
        if _check_sha256(report, sha256):
            return 1
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return _emit(args, report, lambda r: f"wrote {target} ({size} bytes, {r.row_count} rows)")


def _check_sha256(report: catalog_pb2.SavedReport, sha256: str) -> int:
    if report.sha256 and report.sha256 != sha256:
        print(f"error: the download's SHA-256 {sha256} differs from the saved report's {report.sha256}",
              file=sys.stderr)
        return 1
    return 0


# --- ingest and file names ------------------------------------------------------------------

def _ingest(args: argparse.Namespace) -> int:
    kind = KINDS[args.kind]
    if args.file == "-" and not args.format:
        raise UsageError("reading standard input needs --format csv|jsonl")
    file_format = detect_format(Path(args.file), args.format)
    stub = clients.generator(address("generator"))
    handle = sys.stdin if args.file == "-" else open(args.file, newline="", encoding="utf-8")  # noqa: SIM115
    with handle:
        upload = Upload(kind, read_records(handle, kind, file_format))
        try:
            response = getattr(stub, kind.rpc)(upload.requests())
        except grpc.RpcError:
            # A file that broke mid-stream cancels the call; say what broke, not "cancelled".
            if upload.error is not None:
                raise upload.error from None
            raise
    result = upload.reconcile(response)
    _emit(args, result, lambda r: formatting.ingest_summary(r, upload.lines))
    if result.rejected:
        print(f"error: {len(result.rejected)} of {result.received} records rejected", file=sys.stderr)
        return 1
    return 0


def _filename_preview(args: argparse.Namespace) -> int:
    context = delivery_pb2.FileNameContext(
        report=args.report or "", report_name=args.report_name or "", name_at_level_run=args.name_at_level_run or "",
        campaign=args.campaign or "", sub_campaign=args.sub_campaign or "", group=args.group or "",
        account=args.account or "", account_uid=args.account_uid or "", report_id=args.report_id or "",
        start_time=instant(args.campaign_start, "--campaign-start"),
        end_time=instant(args.campaign_end, "--campaign-end"),
    )
    request = delivery_pb2.PreviewFileNameRequest(
        file_name_format=args.format or "", context=context, instant=instant(args.instant, "--instant"),
        time_zone=args.tz or "", has_output_specification=args.output_spec,
    )
    response = clients.delivery(address("delivery")).PreviewFileName(request, timeout=CALL_TIMEOUT)
    return _emit(args, response, lambda r: r.file_name)


# --- the parser -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """reportctl's argument parser; each leaf command sets ``handler`` and ``command_parser``."""
    parser = argparse.ArgumentParser(prog="reportctl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print protobuf JSON instead of text")
    commands_audit.add_token_file_option(parser)
    # --json may also follow the command; SUPPRESS keeps the leaf from resetting a leading --json.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    groups = parser.add_subparsers(title="commands")

    def group(name: str, help_text: str) -> Any:
        return groups.add_parser(name, help=help_text).add_subparsers(title="commands", required=True)

    def command(within: Any, name: str, handler: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        leaf = within.add_parser(name, help=help_text, description=help_text, parents=[common])
        leaf.set_defaults(handler=handler, command_parser=leaf)
        return leaf

    reports = group("report", "report definitions")
    add_report_create_arguments(command(reports, "create", _report_create, "create a report definition"))
    command(reports, "list", _report_list, "list an account's report definitions").add_argument(
        "--account", required=True)
    command(reports, "get", _report_get, "show a report definition").add_argument("name")
    delete = command(reports, "delete", _report_delete, "delete a report definition")
    delete.add_argument("name")
    delete.add_argument("--request-id")
    run = command(reports, "run", _report_run, "run a report definition now")
    run.add_argument("name")
    run.add_argument("--as-of", help="resolve the time frame as if run at this ISO instant")
    run.add_argument("--watch", action="store_true", help="follow the job until it ends")
    run.add_argument("--request-id")

    jobs = group("job", "jobs (runs of report definitions)")
    command(jobs, "get", _job_get, "show a job").add_argument("name")
    command(jobs, "watch", _job_watch, "print each state of a job until it ends").add_argument("name")
    cancel = command(jobs, "cancel", _job_cancel, "cancel a job that has not ended")
    cancel.add_argument("name")
    cancel.add_argument("--request-id")
    job_list = command(jobs, "list", _job_list, "list an account's jobs, newest first")
    job_list.add_argument("--account", required=True)
    job_list.add_argument("--report", help="only this report definition's jobs")

    saved = group("saved", "saved reports")
    saved_list = command(saved, "list", _saved_list, "list an account's saved reports")
    saved_list.add_argument("--account", required=True)
    saved_list.add_argument("--report", help="only this report definition's saved reports")
    command(saved, "get", _saved_get, "show a saved report").add_argument("name")
    fetch = command(saved, "download", _saved_download, "download a saved report's file")
    fetch.add_argument("name")
    fetch.add_argument("-o", "--output", help="file to write (default: standard output)")
    commands_specs.register(groups, command)
    commands_schedules.register(groups, command)
    commands_trace.register(groups, command)
    commands_hostkeys.register(groups, command)
    commands_pgpkeys.register(groups, command)
    commands_audit.register(groups, command)

    ingest = groups.add_parser("ingest", help="send activity records to the generator", parents=[common],
                               description="Streams a CSV (header row of field names) or JSON-lines file "
                                           "in batches and prints what was stored and rejected.")
    ingest.set_defaults(handler=_ingest, command_parser=ingest)
    ingest.add_argument("kind", choices=sorted(KINDS))
    ingest.add_argument("file", help="the file, or - for standard input")
    ingest.add_argument("--format", choices=FORMATS, help="default: from the file's extension")

    names = group("filename", "report file names")
    preview = command(names, "preview", _filename_preview, "render a file name format")
    preview.add_argument("--format", default="", help="the format, e.g. '<CAMPAIGN>_<DATE:yyyyMMdd>'")
    for option in ("report", "report-name", "name-at-level-run", "campaign", "sub-campaign", "group",
                   "account", "account-uid", "report-id"):
        preview.add_argument(f"--{option}")
    preview.add_argument("--campaign-start", help="ISO instant for <START:...>")
    preview.add_argument("--campaign-end", help="ISO instant for <END:...>")
    preview.add_argument("--instant", help="ISO instant the report starts to generate (default now)")
    preview.add_argument("--tz", help="IANA time zone dates are rendered in")
    preview.add_argument("--output-spec", action="store_true", help="an output specification is used (.txt)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
