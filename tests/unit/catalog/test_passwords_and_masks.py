"""The write-only transfer password and the update mask, checked without gRPC or a database."""

from __future__ import annotations

import pytest

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.model import FileTransfer, OutputOptions, ReportDefinition, TimeFrame, TimeFrameKind
from services.catalog.domain.passwords import mask_destination, restore_password
from services.catalog.domain.report_types import Level, ReportType
from services.catalog.domain.update_mask import apply_mask, check_mask

MASKED = {
    "user:passwd@host/dir": "user:****@host/dir",
    "user:passwd@host:2222/dir": "user:****@host:2222/dir",
    "user:passwd@host": "user:****@host",
    "user:p@ss/w:rd@host/dir": "user:****@host/dir",
    "me@example.com:passwd@host/dir": "me@example.com:****@host/dir",
    # The password ends at the last "@": a directory holding "@" is hidden rather than a password shown.
    "user:passwd@host/dir@archive": "user:****@archive",
    "user@host/dir": "user@host/dir",
    "user@host:22/dir": "user@host:22/dir",
    "user:@host/dir": "user:@host/dir",
    "": "",
}


@pytest.mark.parametrize(("destination", "shown"), MASKED.items(), ids=MASKED.keys())
def test_reads_show_the_destination_without_its_password(destination, shown):
    assert mask_destination(destination) == shown


def test_the_masked_form_sent_back_keeps_the_stored_password():
    assert restore_password("user:****@host/new-dir", "user:p@ss@host/dir") == "user:p@ss@host/new-dir"


def test_a_new_password_replaces_the_stored_one():
    assert restore_password("user:fresh@host/dir", "user:old@host/dir") == "user:fresh@host/dir"


@pytest.mark.parametrize("incoming", ["other:****@host/dir", "user:****@evil.example/dir", "user:****@host:23/dir"])
def test_the_stored_password_never_follows_a_changed_user_or_host(incoming):
    with pytest.raises(InvalidArgument) as caught:
        restore_password(incoming, "user:secret@host/dir")

    assert caught.value.field == "report_definition.output.file_transfer.destination"


def test_the_masked_form_without_a_stored_password_is_refused():
    with pytest.raises(InvalidArgument):
        restore_password("user:****@host/dir", "")


CURRENT = ReportDefinition(
    display_name="Old", description="kept", report_type=ReportType.BEST_CONTACT, level=Level.CAMPAIGN, target="c1",
    time_frame=TimeFrame(TimeFrameKind.YESTERDAY),
    output=OutputOptions(email_addresses="a@example.com", zip=True,
                         file_transfer=FileTransfer(destination="u:p@h/d")),
)
INCOMING = ReportDefinition(
    display_name="New", time_frame=TimeFrame(TimeFrameKind.LAST_7_DAYS),
    output=OutputOptions(email_addresses="b@example.com"),
)


def test_a_nested_path_changes_only_that_field():
    result = apply_mask(CURRENT, INCOMING, check_mask(["output.email_addresses"]))

    assert result.output.email_addresses == "b@example.com"
    assert result.output.zip is True
    assert result.output.file_transfer.destination == "u:p@h/d"
    assert result.display_name == "Old"


def test_a_message_path_replaces_the_whole_message():
    result = apply_mask(CURRENT, INCOMING, check_mask(["output", "display_name"]))

    assert result.output == INCOMING.output
    assert result.display_name == "New"
    assert result.time_frame == CURRENT.time_frame


def test_the_wildcard_replaces_every_field():
    assert apply_mask(CURRENT, INCOMING, check_mask(["*"])) == INCOMING


@pytest.mark.parametrize("paths", [[], ["name"], ["update_time"], ["output.colour"], ["time_frame.kind.x"]])
def test_an_empty_or_unknown_mask_names_update_mask(paths):
    with pytest.raises(InvalidArgument) as caught:
        check_mask(paths)

    assert caught.value.field == "update_mask"
