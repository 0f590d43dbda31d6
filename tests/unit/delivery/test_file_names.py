"""The guide's File name format: tags, default name, extensions, forbidden characters, safety."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from reportsuite.core.errors import InvalidArgument
from services.delivery.domain.file_names import (
    FileNameContext,
    parse_format,
    render,
    safe_name,
    sanitise,
)

NEW_YORK = ZoneInfo("America/New_York")
# 22 July 2003 12:54:32 in New York (EDT), the guide's example.
RUN = datetime(2003, 7, 22, 16, 54, 32, tzinfo=UTC)
CONTEXT = FileNameContext(
    report="All Attempts",
    report_name="Daily attempts",
    name_at_level_run="WidgetCampaign",
    campaign="WidgetCampaign",
    sub_campaign="Morning pass",
    group="July list",
    account="AcmeWidgets",
    account_uid="acme-42",
    report_id="r-1001",
    start_time=datetime(2003, 7, 17, 13, 0, tzinfo=UTC),
    end_time=datetime(2003, 7, 22, 16, 54, 32, tzinfo=UTC),
)


def _render(fmt: str, context: FileNameContext = CONTEXT, *, spec: bool = False, zone: ZoneInfo = NEW_YORK) -> str:
    return render(fmt, context, RUN, zone, has_output_specification=spec)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("<REPORT>", "All Attempts.csv"),
        ("<CAMPAIGN>", "WidgetCampaign.csv"),
        ("<SUBCAMPAIGN>", "Morning pass.csv"),
        ("<GROUP>", "July list.csv"),
        ("<ACCOUNT>", "AcmeWidgets.csv"),
        ("<ACCOUNT_UID>", "acme-42.csv"),
        ("<REPORTID>", "r-1001.csv"),
        ("<START:yyyyMMdd>", "20030717.csv"),
        ("<END:yyyy-MM-dd>", "2003-07-22.csv"),
        ("<DATE:yyyyMMddHHmm>", "200307221254.csv"),
        ("report <campaign> <Account>", "report WidgetCampaign AcmeWidgets.csv"),
    ],
)
def test_each_tag_renders_its_value(fmt: str, expected: str) -> None:
    assert _render(fmt) == expected


def test_guide_example_renders_with_colons_made_safe() -> None:
    name = _render("<CAMPAIGN>_<ACCOUNT>_<START:yyyyMMdd>_<END:yyyyMMdd hh:mm:ss z>.txt", spec=True)
    # The guide shows "20030722 12:54:32 EST.txt"; ':' may not be in a file name, so it becomes '_'.
    assert name == "WidgetCampaign_AcmeWidgets_20030717_20030722 12_54_32 EDT.txt"


@pytest.mark.parametrize("tag", ["START", "END", "DATE"])
@pytest.mark.parametrize("spelling", ["<{tag}>", "<{tag}:>"])
def test_date_tag_without_pattern_is_the_julian_date_yyddd(tag: str, spelling: str) -> None:
    instant = datetime(2026, 3, 8, 12, tzinfo=UTC)
    context = FileNameContext(start_time=instant, end_time=instant)
    assert render(spelling.format(tag=tag), context, instant, ZoneInfo("UTC")) == "26067.csv"


def test_julian_date_counts_the_day_of_year_in_the_reports_zone() -> None:
    instant = datetime(2024, 1, 1, 3, 0, tzinfo=UTC)  # 31 December 2023 in New York; 2024 was a leap year
    assert render("<DATE>", FileNameContext(), instant, NEW_YORK) == "23365.csv"
    assert render("<DATE>", FileNameContext(), datetime(2024, 12, 31, 12, tzinfo=UTC), NEW_YORK) == "24366.csv"


def test_end_of_a_campaign_that_has_not_ended_renders_as_nothing() -> None:
    context = FileNameContext(campaign="Open", end_time=None)
    assert render("<CAMPAIGN>_<END:yyyyMMdd>", context, RUN, NEW_YORK) == "Open_.csv"


def test_default_name_is_report_name_level_and_date_run_in_the_reports_zone() -> None:
    assert _render("") == "Daily attempts_WidgetCampaign_20030722125432.csv"
    assert _render("", zone=ZoneInfo("Asia/Tokyo")) == "Daily attempts_WidgetCampaign_20030723015432.csv"


@pytest.mark.parametrize(
    ("fmt", "spec", "expected"),
    [
        ("<REPORT>", False, "All Attempts.csv"),
        ("<REPORT>", True, "All Attempts.txt"),
        ("<REPORT>.csv", False, "All Attempts.csv"),
        ("<REPORT>.CSV", False, "All Attempts.CSV"),
        ("<REPORT>.txt", True, "All Attempts.txt"),
        ("<REPORT>.txt", False, "All Attempts.txt.csv"),
        ("<REPORT>.csv", True, "All Attempts.csv.txt"),
    ],
)
def test_extension_is_txt_with_an_output_specification_else_csv_and_never_doubled(
    fmt: str, spec: bool, expected: str
) -> None:
    assert _render(fmt, spec=spec) == expected


@pytest.mark.parametrize(
    ("fmt", "position", "shown"),
    [
        ("Report*<CAMPAIGN>", 7, "'*'"),
        ("a?b", 2, "'?'"),
        ("<REPORT>|x", 9, "'|'"),
        ('say "hi"', 5, "'\"'"),
        ("dir/name", 4, "'/'"),
        ("Report for: x", 11, "':'"),
        ("x>y", 2, "'>'"),
        ("back\\slash", 5, "'\\\\'"),
        ("tab\there", 4, "U+0009"),
        ("nul\x00", 4, "U+0000"),
    ],
)
def test_forbidden_character_in_text_is_rejected_with_its_position(fmt: str, position: int, shown: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format(fmt)
    assert raised.value.field == "file_name_format"
    assert f"{shown} at position {position}" in raised.value.rule


def test_unknown_tag_is_rejected_with_its_position() -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format("Report <for> x")
    assert "<for> at position 8 is not one of" in raised.value.rule


def test_unclosed_tag_is_rejected_with_its_position() -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format("abc_<CAMPAIGN")
    assert "position 5" in raised.value.rule and "not closed" in raised.value.rule


def test_text_tag_with_a_date_pattern_is_rejected() -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format("<CAMPAIGN:yyyy>")
    assert "takes no date format" in raised.value.rule


def test_bad_date_pattern_is_rejected_with_its_position_in_the_whole_format() -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format("ab_<END:yyyyMMdd q>")
    # "ab_<END:" is 8 characters; the pattern's 'q' is its 10th character.
    assert "'q' at position 18" in raised.value.rule
    with pytest.raises(InvalidArgument) as raised:
        parse_format("<DATE:'open>")
    assert "quote opened at position 7" in raised.value.rule


def test_parent_directory_in_text_is_rejected() -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_format("x..y")
    assert "'..' at position 2" in raised.value.rule


@pytest.mark.parametrize(
    "hostile",
    ["../../etc/passwd\x00", "..\\..\\windows", "a/b\\c", "new\nline\r", "x*?|\"<>:y", "....", "\u202eevil", "..."],
)
def test_hostile_names_render_safely(hostile: str) -> None:
    context = FileNameContext(campaign=hostile, account=hostile, report_name=hostile, name_at_level_run=hostile)
    for fmt in ("<CAMPAIGN>", "<ACCOUNT>_<CAMPAIGN>", "", ".<CAMPAIGN>"[1:]):
        name = render(fmt, context, RUN, NEW_YORK)
        assert "/" not in name and "\\" not in name and ".." not in name
        assert all(char.isprintable() for char in name)
        assert not any(char in name for char in '*?|"<>:')
        assert not name.startswith(".")
        assert name.endswith(".csv")


def test_the_guides_example_campaign_of_traversal_renders_as_underscores() -> None:
    context = FileNameContext(campaign="../../etc/passwd\x00")
    assert render("<CAMPAIGN>", context, RUN, NEW_YORK) == "____etc_passwd_.csv"


def test_values_joined_with_dots_never_form_a_parent_reference() -> None:
    context = FileNameContext(campaign="a.", account=".b")
    assert render("<CAMPAIGN><ACCOUNT>", context, RUN, NEW_YORK) == "a_b.csv"


def test_name_is_at_most_255_bytes_with_its_extension() -> None:
    context = FileNameContext(campaign="é" * 400)
    name = render("<CAMPAIGN>", context, RUN, NEW_YORK)
    assert name.endswith(".csv")
    assert len(name.encode()) <= 255
    assert name[:-4] == "é" * 125  # 250 bytes of two-byte characters; a split character is dropped


def test_empty_rendering_is_named_report() -> None:
    assert render("<SUBCAMPAIGN>", FileNameContext(), RUN, NEW_YORK) == "report.csv"


def test_sanitise_keeps_ordinary_names() -> None:
    assert sanitise("Widget Campaign (July) #2 \u2013 é") == "Widget Campaign (July) #2 \u2013 é"


def test_safe_name_cleans_a_finished_name_from_another_service() -> None:
    assert safe_name("../x/y.csv") == "__x_y.csv"
    assert safe_name(".hidden.csv") == "_hidden.csv"


def test_summary_reports_take_xls_or_pdf_and_detail_reports_txt_or_csv() -> None:
    from services.delivery.domain.file_names import extension

    assert [extension(False, "xls"), extension(True, "pdf"), extension(True), extension(False)] == [
        ".xls", ".pdf", ".txt", ".csv"]


def test_an_over_long_or_directory_zone_name_is_invalid_not_an_internal_error() -> None:
    import pytest

    from reportsuite.core.errors import InvalidArgument
    from services.delivery.domain.simple_date_format import load_zone

    for name in ("x" * 5000, "America", "Etc/"):
        with pytest.raises(InvalidArgument) as raised:
            load_zone(name)
        assert raised.value.field == "time_zone"
