"""The email list and the FTP/SFTP destination: what is accepted, and what each refusal says."""

from __future__ import annotations

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.destinations import (
    REPORT_KINDS,
    check_transfer_allowed,
    parse_email_list,
    parse_transfer,
)
from services.delivery.domain.options import check_output_options


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("   ", ()),
        ("ops@example.com", ("ops@example.com",)),
        ("ops@example.com, finance@Example.CO.UK", ("ops@example.com", "finance@example.co.uk")),
        ("a@example.com,b@example.com ,  c@example.com", ("a@example.com", "b@example.com", "c@example.com")),
        ("first.last+reports@mail.example.org", ("first.last+reports@mail.example.org",)),
        ("o'brien@example.ie", ("o'brien@example.ie",)),
        ("Ops@example.com, ops@EXAMPLE.com", ("Ops@example.com",)),
    ],
)
def test_valid_email_lists_parse_to_normalised_recipients(text: str, expected: tuple[str, ...]) -> None:
    assert parse_email_list(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ops@example.com,", "address 2 is empty"),
        ("ops@example.com,,b@example.com", "address 2 is empty"),
        ("ops", "address 1 must have a local part"),
        ("ops@localhost", "address 1 must have a dotted domain"),
        ("@example.com", "address 1 must have a local part"),
        ("ops@example..com", "address 1 must have a dotted domain"),
        ("ops@-example.com", "address 1 must have a dotted domain"),
        ("two words@example.com", "address 1 must be a plain"),
        ("ok@example.com, Ops <ops@example.com>", "address 2 must be a plain"),
        ('"quoted"@example.com', "address 1 must be a plain"),
        ("ops@example.com\r\nBcc: victim@example.com", "address 1 must be a plain"),
        ("ops@example.com\nx", "address 1 must be a plain"),
        ("ops@exämple.com", "address 1 must be a plain"),
        ("a.@example.com", "address 1 must have a local part"),
        ("ops@example.com;b@example.com", "address 1 must be a plain"),
    ],
)
def test_invalid_email_entries_are_refused_naming_the_entry_and_rule(text: str, words: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_email_list(text)
    assert raised.value.field == "email_addresses"
    assert words in raised.value.rule


def test_email_list_may_hold_384_characters_including_commas_and_spaces() -> None:
    address = "a" * 40 + "@example.com"  # 52 characters
    text = ", ".join([address] * 6)  # 6 * 52 + 5 * 2 = 322
    text = text + ", " + "b" * 48 + "@example.com"  # + 2 + 60
    assert len(text) == 384
    assert len(parse_email_list(text)) == 2
    with pytest.raises(InvalidArgument) as raised:
        parse_email_list(text + " ")
    assert "at most 384 characters" in raised.value.rule


@pytest.mark.parametrize(
    ("protocol", "destination", "expected"),
    [
        ("sftp", "reports:s3cret@files.example.com/in", ("reports", "s3cret", "files.example.com", 22, "in")),
        ("sftp", "reports:s3cret@files.example.com/", ("reports", "s3cret", "files.example.com", 22, "")),
        ("sftp", "reports:s3cret@files.example.com", ("reports", "s3cret", "files.example.com", 22, "")),
        ("ftp", "reports:s3cret@10.0.0.5/out/daily/", ("reports", "s3cret", "10.0.0.5", 21, "out/daily")),
        ("sftp", "reports:s3cret@127.0.0.1:2222/in", ("reports", "s3cret", "127.0.0.1", 2222, "in")),
        ("sftp", "me:p@ss:w/rd@host.example.com:2022//abs/dir",
         ("me", "p@ss:w/rd", "host.example.com", 2022, "/abs/dir")),
        ("sftp", "me:pw@[::1]:2222/in", ("me", "pw", "::1", 2222, "in")),
        ("sftp", "me@corp:pw@host.example.com/in", ("me@corp", "pw", "host.example.com", 22, "in")),
    ],
)
def test_valid_transfer_destinations_parse_into_their_parts(
    protocol: str, destination: str, expected: tuple[str, str, str, int, str]
) -> None:
    target = parse_transfer(protocol, destination)
    assert (target.user, target.password, target.host, target.port, target.directory) == expected


@pytest.mark.parametrize(
    ("destination", "words"),
    [
        ("files.example.com/in", "must have the form user:passwd@host"),
        (":s3cret@files.example.com/in", "the user must not be empty"),
        ("reports@files.example.com/in", "the password (after 'user:') must not be empty"),
        ("reports:@files.example.com/in", "the password (after 'user:') must not be empty"),
        ("reports:s3cret@/in", "the host must be a host name or an IP address"),
        ("reports:s3cret@bad_host!/in", "the host must be a host name or an IP address"),
        ("reports:s3cret@files.example.com:0/in", "the port must be a number from 1 to 65535"),
        ("reports:s3cret@files.example.com:65536/in", "the port must be a number from 1 to 65535"),
        ("reports:s3cret@files.example.com:ssh/in", "the port must be a number from 1 to 65535"),
        ("reports:s3cret@files.example.com/in/../etc", "the directory must not contain '..'"),
        ("reports:s3cret@files.example.com/..", "the directory must not contain '..'"),
        ("reports:s3cret@files.example.com/in\\x", "the directory must not contain a backslash"),
        ("reports:s3cret@files.example.com/in\x00", "the directory must not contain a backslash, NUL"),
        ("reports:s3cret@files.example.com/in\r\nDELE x", "the directory must not contain a backslash, NUL"),
        ("rep orts:s3cret@files.example.com/in", "the user must not contain spaces"),
        ("reports:s3c\r\nret@files.example.com/in", "the password must not contain spaces, control"),
    ],
)
def test_invalid_transfer_destinations_name_the_part_and_never_the_password(destination: str, words: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_transfer("sftp", destination)
    error = raised.value
    assert error.field == "file_transfer.destination"
    assert words in error.rule
    for text in (error.rule, error.message, str(error), repr(error)):
        assert "s3cret" not in text and "s3c" not in text


def test_password_never_appears_in_the_targets_repr_or_label() -> None:
    target = parse_transfer("sftp", "reports:Sup3rSecret@127.0.0.1:2222/in")
    assert "Sup3rSecret" not in repr(target)
    assert "Sup3rSecret" not in str(target)
    assert target.label == "sftp://reports@127.0.0.1:2222/in"
    assert parse_transfer("ftp", "u:p@host.example.com").label == "ftp://u@host.example.com:21/"


def test_every_current_report_type_is_a_detail_report() -> None:
    proto_names = catalog_pb2.ReportType.keys()
    names = {name.removeprefix("REPORT_TYPE_") for name in proto_names} - {"UNSPECIFIED"}
    assert names == set(REPORT_KINDS)
    for name in names:
        check_transfer_allowed(name)


def test_a_summary_report_type_may_not_be_transferred() -> None:
    with pytest.raises(InvalidArgument) as raised:
        check_transfer_allowed("MULTI_CHANNEL_SUMMARY")
    assert raised.value.field == "file_transfer"
    assert "delivered by email only" in raised.value.rule


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"email_addresses": "nobody"}, "email_addresses"),
        ({"transfer_protocol": "sftp"}, "file_transfer.destination"),
        ({"transfer_destination": "u:p@h.example.com/"}, "file_transfer.protocol"),
        ({"transfer_protocol": "sftp", "transfer_destination": "u:p@h.example.com:99999/"},
         "file_transfer.destination"),
        ({"transfer_protocol": "ftp", "transfer_destination": "u:p@h.example.com/", "report_type": "X_SUMMARY"},
         "file_transfer"),
        ({"file_name_format": "<NOPE>"}, "file_name_format"),
    ],
)
def test_output_options_are_checked_field_by_field(options: dict[str, str], field: str) -> None:
    arguments = {"email_addresses": "", "transfer_protocol": "", "transfer_destination": "", "file_name_format": "",
                 "report_type": "ALL_ATTEMPTS", **options}
    with pytest.raises(InvalidArgument) as raised:
        check_output_options(**arguments)
    assert raised.value.field == field


def test_valid_output_options_return_the_recipients() -> None:
    recipients = check_output_options(
        email_addresses="a@example.com, b@example.com", transfer_protocol="sftp",
        transfer_destination="u:p@h.example.com/in", file_name_format="<CAMPAIGN>_<DATE:yyyyMMdd>",
        report_type="BEST_CONTACT",
    )
    assert recipients == ("a@example.com", "b@example.com")
