"""Every worked example of docs/time-frames.md is what the code resolves: the document's tables are
read and each row is checked, so the examples people read can never drift from the rules."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reportsuite.core.errors import FailedPrecondition
from services.scheduler.domain.time_frames import FrameContext, Kind, TimeFrame, resolve

DOC = Path(__file__).resolve().parents[3] / "docs" / "time-frames.md"
KINDS = {"Today": Kind.TODAY, "Yesterday": Kind.YESTERDAY, "Last 7 Days": Kind.LAST_7_DAYS,
         "Month to Date": Kind.MONTH_TO_DATE, "Last Month": Kind.LAST_MONTH}
INSTANT = re.compile(r"^(\d{1,2}) (\w{3})(?: (\d{4}))? (\d{2}):(\d{2})")
# The zone of each relative-time-frame section, by a word of its heading; None: the row names it.
SECTIONS = {"Europe/Paris": "Europe/Paris", "Europe/London": "Europe/London", "west of GMT": "America/New_York",
            "Asia/Tokyo": None, "Usage reports": None}


def instant(text: str) -> datetime:
    found = INSTANT.match(text.strip())
    assert found, text
    day, month, year, hour, minute = found.groups()
    return datetime.strptime(f"{day} {month} {year or 2024} {hour}:{minute}", "%d %b %Y %H:%M").replace(tzinfo=UTC)


def examples() -> list[tuple[str, str, bool, Kind, datetime, tuple[datetime, ...] | None]]:
    """(row text, zone, usage, kind, as_of, window or None when refused) of every relative example."""
    text = DOC.read_text(encoding="utf-8").split("## Worked examples", 1)[1]
    found, zone, usage, section = [], "", False, ""
    for line in text.splitlines():
        if line.startswith("### "):
            section = next((key for key in SECTIONS if key in line), "")
            zone, usage = SECTIONS.get(section) or "", section == "Usage reports"
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not section or not line.startswith("|") or not any(cell in KINDS for cell in cells):
            continue
        kind_at = next(i for i, cell in enumerate(cells) if cell in KINDS)
        row_zone = cells[0] if SECTIONS[section] is None else zone
        if "(Los Angeles)" in cells[kind_at - 1]:
            row_zone = "America/Los_Angeles"
        window = cells[kind_at + 1]
        expected = None if window.startswith("refused") else tuple(instant(part) for part in window.split("→"))
        found.append((line, row_zone, usage, KINDS[cells[kind_at]], instant(cells[kind_at - 1]), expected))
    return found


def test_the_document_has_worked_examples_for_every_relative_time_frame_and_both_day_rules():
    rows = examples()

    assert {kind for _, _, _, kind, _, _ in rows} == set(KINDS.values())
    assert {"Europe/Paris", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo",
            "UTC"} <= {zone for _, zone, _, _, _, _ in rows}
    assert any(usage for _, _, usage, _, _, _ in rows)


@pytest.mark.parametrize(("row", "zone", "usage", "kind", "as_of", "expected"), examples(),
                         ids=lambda value: value if isinstance(value, str) and value.startswith("|") else None)
def test_each_worked_example_is_what_the_rules_resolve(row, zone, usage, kind, as_of, expected):
    context = FrameContext(as_of=as_of, usage=usage, account_time_zone=lambda: zone,
                           campaign_start=lambda: as_of)
    if expected is None:
        with pytest.raises(FailedPrecondition):
            resolve(TimeFrame(kind), context)
        return
    window = resolve(TimeFrame(kind), context)

    assert (window.start, window.end) == expected, row
