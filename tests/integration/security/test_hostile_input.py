"""Hostile input: every limit the issue names holds, names never escape, headers never get injected."""

from __future__ import annotations

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.core import clients
from reportsuite.core.errors import error_details
from reportsuite.delivery.v1 import delivery_pb2
from tests.integration.security.conftest import Pair, definition
from tests.integration.security.test_authentication import refused

SFTP = pb.FileTransfer.PROTOCOL_SFTP


def _invalid(error: grpc.RpcError) -> str:
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error  # type: ignore[attr-defined]
    return error_details(error)["field"]


def _with_output(**options: object) -> pb.ReportDefinition:
    made = definition()
    made.output.CopyFrom(pb.OutputOptions(**options))  # type: ignore[arg-type]
    return made


@pytest.mark.parametrize(("label", "made", "field"), [
    ("display name over 200", definition("n" * 201), "report_definition.display_name"),
    ("emails over 384", _with_output(email_addresses=",".join(f"user{i}@example.com" for i in range(30))),
     "report_definition.output.email_addresses"),
    ("file name format over 512", _with_output(file_name_format="<CAMPAIGN>" + "x" * 510),
     "report_definition.output.file_name_format"),
])
def test_a_definition_over_a_limit_is_refused_naming_the_field(pair: Pair, accounts: tuple[str, str], label: str,
                                                               made: pb.ReportDefinition, field: str) -> None:
    error = refused(lambda: pair.catalog().CreateReportDefinition(
        pb.CreateReportDefinitionRequest(parent=f"accounts/{accounts[0]}", report_definition=made)))

    assert _invalid(error).endswith(field.rsplit(".", 1)[1])


def test_a_specification_file_over_64_kib_is_refused(pair: Pair, accounts: tuple[str, str]) -> None:
    content = b"report All Attempts\n" + b"# padding\n" * 7000
    assert len(content) > 64 * 1024

    error = refused(lambda: pair.catalog().UploadOutputSpecification(pb.UploadOutputSpecificationRequest(
        name=f"accounts/{accounts[0]}/outputSpecifications/big", content=content)))

    assert _invalid(error) == "content"


def test_a_pgp_key_over_64_kib_is_refused(pair: Pair, accounts: tuple[str, str]) -> None:
    armored = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "A" * (64 * 1024) + "\n-----END PGP PUBLIC KEY BLOCK-----\n"

    error = refused(lambda: pair.catalog().ImportPgpKey(pb.ImportPgpKeyRequest(
        parent=f"accounts/{accounts[0]}", armored_key=armored)))

    assert _invalid(error) == "armored_key"


@pytest.mark.parametrize("directory", ["../etc", "in/../../etc", "in/..", "in\\..\\x", "in\x00x", "in\nx"])
def test_a_remote_directory_can_never_climb_out(pair: Pair, accounts: tuple[str, str], directory: str) -> None:
    made = _with_output(file_transfer=pb.FileTransfer(protocol=SFTP,
                                                      destination=f"reports:pw@files.example.com/{directory}"))

    error = refused(lambda: pair.catalog().CreateReportDefinition(
        pb.CreateReportDefinitionRequest(parent=f"accounts/{accounts[0]}", report_definition=made)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert "pw@" not in (error.details() or "")  # type: ignore[attr-defined]


@pytest.mark.parametrize("campaign", ["../../etc/passwd", "a/b", "..", "x\\y", "line\nbreak", "nul\x01"])
def test_a_file_name_never_holds_a_path_whatever_the_tags_render(pair: Pair, campaign: str) -> None:
    preview = clients.delivery(pair.delivery_address).PreviewFileName(delivery_pb2.PreviewFileNameRequest(
        file_name_format="<CAMPAIGN>_report", context=delivery_pb2.FileNameContext(campaign=campaign)))

    assert "/" not in preview.file_name and "\\" not in preview.file_name
    assert preview.file_name not in ("", ".", "..") and preview.file_name.isprintable()


@pytest.mark.parametrize("emails", ["ops@example.com\r\nBcc: victim@example.com", "ops@example.com\nSubject: x",
                                    "Ops <ops@example.com>, bcc: victim@example.com", "ops@example.com\x00"])
def test_an_email_field_can_never_inject_a_header(pair: Pair, emails: str) -> None:
    error = refused(lambda: clients.delivery(pair.delivery_address).CheckOutputOptions(
        delivery_pb2.CheckOutputOptionsRequest(output=pb.OutputOptions(email_addresses=emails),
                                               report_type=pb.REPORT_TYPE_ALL_ATTEMPTS)))

    assert _invalid(error).endswith("email_addresses")


def test_bytes_that_are_no_request_are_invalid_not_internal(pair: Pair) -> None:
    with clients.channel(pair.catalog_address) as channel:
        call = channel.unary_unary("/reportsuite.catalog.v1.CatalogService/GetReportDefinition",
                                   request_serializer=lambda b: b, response_deserializer=lambda b: b)
        error = refused(lambda: call(b"\xff\xff\xff\xff", timeout=10))

    assert _invalid(error) == "request"


def test_an_error_echoing_a_huge_input_stays_small_enough_to_reach_the_caller(pair: Pair) -> None:
    error = refused(lambda: clients.delivery(pair.delivery_address).PreviewFileName(
        delivery_pb2.PreviewFileNameRequest(file_name_format="<CAMPAIGN>", time_zone="\u2603" * 100_000)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert len((error.details() or "").encode()) <= 600  # type: ignore[attr-defined]
