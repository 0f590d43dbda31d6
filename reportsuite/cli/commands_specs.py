"""reportctl's ``spec`` commands: output specification files kept by the catalog.

    reportctl spec upload --account A --name N FILE     check and store FILE as accounts/A/outputSpecifications/N
    reportctl spec list --account A                     the account's files, newest first
    reportctl spec download NAME [-o FILE]              the file as uploaded (standard output by default)
    reportctl spec delete NAME                          refused while a report definition names it

NAME is the full name ``accounts/{account}/outputSpecifications/{id}`` that upload and list print,
or the id alone with ``--account``. docs/output-specifications.md describes the file. A file the
catalog refuses prints the line and the rule, e.g. ``line 7: unknown field 'ClientId' (did you
mean ClientID?)``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.cli import formatting, reportctl
from reportsuite.cli.report_args import UsageError
from reportsuite.core import clients

Spec = catalog_pb2.OutputSpecification


def _stub() -> Any:
    return clients.catalog(reportctl.address("catalog"))


def _name(args: argparse.Namespace) -> str:
    if "/" in args.name:
        return str(args.name)
    if not args.account:
        raise UsageError("give the full name accounts/{account}/outputSpecifications/{id}, or the id with --account")
    return f"accounts/{args.account}/outputSpecifications/{args.name}"


def spec_text(spec: Spec) -> str:
    """One specification as key/value lines, with its columns when the answer carries the format."""
    pairs = [
        ("name", spec.name), ("report", formatting.report_type(spec.report_type)),
        ("size", f"{spec.size_bytes} bytes"), ("sha256", spec.sha256),
        ("uploaded", formatting.timestamp(spec, "create_time")),
    ]
    text = formatting.fields(pairs)
    if spec.HasField("format"):
        rows = [(str(i), f.field, f.header, str(f.width or formatting.EMPTY), f.date_format.pattern or formatting.EMPTY)
                for i, f in enumerate(spec.format.fields, start=1)]
        text += "\n\n" + formatting.table(("#", "FIELD", "HEADER", "WIDTH", "DATE"), rows)
    return text


def specs_table(specs: Sequence[Spec]) -> str:
    """An account's specifications, one per line."""
    rows = [(s.name, formatting.report_type(s.report_type), str(s.size_bytes), formatting.timestamp(s, "create_time"))
            for s in specs]
    return formatting.table(("NAME", "REPORT", "BYTES", "UPLOADED"), rows)


def _upload(args: argparse.Namespace) -> int:
    content = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    request = catalog_pb2.UploadOutputSpecificationRequest(
        name=f"accounts/{args.account}/outputSpecifications/{args.name}", content=content,
        request_id=args.request_id or "")
    spec = _stub().UploadOutputSpecification(request, timeout=reportctl.CALL_TIMEOUT).output_specification
    return reportctl._emit(args, spec, spec_text)


def _list(args: argparse.Namespace) -> int:
    request = catalog_pb2.ListOutputSpecificationsRequest(parent=f"accounts/{args.account}",
                                                          page_size=reportctl.PAGE_SIZE)
    merged = reportctl._all_pages(_stub().ListOutputSpecifications, request, "output_specifications")
    return reportctl._emit(args, merged, lambda m: specs_table(m.output_specifications))


def _download(args: argparse.Namespace) -> int:
    request = catalog_pb2.GetOutputSpecificationRequest(name=_name(args))
    spec = _stub().GetOutputSpecification(request, timeout=reportctl.CALL_TIMEOUT).output_specification
    if not args.output:
        sys.stdout.buffer.write(spec.content)
        sys.stdout.buffer.flush()
        return 0
    target = Path(args.output)
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_bytes(spec.content)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {target} ({len(spec.content)} bytes)")
    return 0


def _delete(args: argparse.Namespace) -> int:
    name = _name(args)
    request = catalog_pb2.DeleteOutputSpecificationRequest(name=name, request_id=args.request_id or "")
    response = _stub().DeleteOutputSpecification(request, timeout=reportctl.CALL_TIMEOUT)
    return reportctl._emit(args, response, lambda _: f"deleted {name}")


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds the ``spec`` group to reportctl's parser (``groups`` is its sub-parsers, ``command`` its leaf maker)."""
    specs = groups.add_parser("spec", help="output specification files").add_subparsers(title="commands",
                                                                                         required=True)
    upload = command(specs, "upload", _upload, "check and upload an output specification file")
    upload.add_argument("--account", required=True)
    upload.add_argument("--name", required=True, help="the specification's id in the account, e.g. nightly-crm")
    upload.add_argument("file", help="the file, or - for standard input")
    upload.add_argument("--request-id", help="makes a retried upload return the first result")
    command(specs, "list", _list, "list an account's output specification files").add_argument(
        "--account", required=True)
    download = command(specs, "download", _download, "print or save an output specification file as uploaded")
    download.add_argument("name", help="accounts/{account}/outputSpecifications/{id}, or the id with --account")
    download.add_argument("--account")
    download.add_argument("-o", "--output", help="file to write (default: standard output)")
    delete = command(specs, "delete", _delete, "delete an output specification file no report definition uses")
    delete.add_argument("name", help="accounts/{account}/outputSpecifications/{id}, or the id with --account")
    delete.add_argument("--account")
    delete.add_argument("--request-id")
