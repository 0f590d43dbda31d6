"""The status data against the guide's tables, and the decisions docs/statuses.md records."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.generator.domain import statuses
from services.generator.domain.model import Channel

GUIDE = Path(__file__).resolve().parents[4] / "shared" / "seed" / "reports-guide.txt"
CHANNEL_WORDS = {"Voice": Channel.VOICE, "Text": Channel.TEXT, "Email": Channel.EMAIL, "Web": Channel.WEB}


def _guide_rows() -> list[list[str]]:
    """The guide's completion-status rows, cells split on "|" (a row may span two lines)."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    body = lines[lines.index("Status | Channel Type | Rank | Description |") + 1:lines.index("Direct Connect Statuses")]
    rows, pending = [], ""
    for line in body:
        pending = f"{pending}\n{line}" if pending else line
        if pending.rstrip().endswith("|"):
            rows.append([cell.strip() for cell in pending.split("|")])
            pending = ""
    return rows


def _expected(cells: list[str]) -> tuple[str, tuple[Channel, ...], int]:
    if cells[0].isdigit():  # the nameless row: the email filter status
        return "EMAIL_FILTERED", (Channel.EMAIL,), int(cells[0])
    if cells[1].isdigit():  # empty Channel Type column: an email status, the number is its rank
        return cells[0], (Channel.EMAIL,), int(cells[1])
    return cells[0], tuple(CHANNEL_WORDS[word.strip()] for word in cells[1].split(",")), int(cells[2])


@pytest.mark.skipif(not GUIDE.exists(), reason="the product guide is not checked out next to this repository")
def test_every_completion_status_of_the_guide_has_its_channels_and_rank() -> None:
    expected = [_expected(cells) for cells in _guide_rows()]

    found = [(s.code, s.channels, s.rank) for s in statuses.COMPLETION_STATUSES
             if not s.code.startswith("TMS_ERROR_")]

    assert len(expected) == 77
    assert found == expected


@pytest.mark.parametrize("code", ["TMS_ERROR_PROVIDER", "TMS_ERROR_MEDIASERVER"])
def test_the_codes_inside_notconnected_are_voice_statuses_with_its_rank(code: str) -> None:
    status = statuses.find(code)

    assert status is not None
    assert (status.channels, status.rank, status.direct_connect) == ((Channel.VOICE,), 3, False)
    assert "TMS_ERROR" not in (statuses.find("NOTCONNECTED") or status).description


def test_the_nameless_email_filter_row_is_email_filtered_rank_1() -> None:
    status = statuses.find("EMAIL_FILTERED")

    assert status is not None
    assert (status.channels, status.rank) == ((Channel.EMAIL,), 1)
    assert "email filter was selected" in status.description


def test_web_statuses_are_channel_web() -> None:
    web = [s for s in statuses.STATUSES if s.code.startswith("WEB_")]

    assert len(web) == 4
    assert all(s.channels == (Channel.WEB,) for s in web)


def test_direct_connect_statuses_have_no_rank_and_are_flagged() -> None:
    assert [s.code for s in statuses.DIRECT_CONNECT_STATUSES] == [
        "DC_SUCCESS", "DC_NO_LINES_AVAILABLE", "DC_CALL_CENTER_BUSY", "DC_CALL_CENTER_NO_ANSWER",
        "DC_CLIENT_HANGUP_DURING_TRANSFER", "DC_CLIENT_HANGUP_ON_HOLD", "CONTACT_ABORTED",
        "DC_CALL_CENTER_HANGUP_ON_HOLD", "DC_FAILED", "TELEPHONY_ERROR",
    ]
    assert all(s.rank == 0 and s.direct_connect for s in statuses.DIRECT_CONNECT_STATUSES)
    assert not any(s.direct_connect for s in statuses.COMPLETION_STATUSES)


def test_status_codes_are_unique_and_every_status_has_a_channel_and_a_description() -> None:
    codes = [s.code for s in statuses.STATUSES]

    assert len(codes) == len(set(codes)) == 89
    assert all(s.channels and s.description for s in statuses.STATUSES)


def test_an_unknown_code_is_not_found() -> None:
    assert statuses.find("DELIVERED_BY_PIGEON") is None
