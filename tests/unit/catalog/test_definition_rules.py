"""The report definition rules, checked without gRPC or a database."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.model import ReportDefinition, TimeFrame, TimeFrameKind
from services.catalog.domain.report_types import REPORT_TYPES, Category, Level, ReportType
from services.catalog.domain.rules import validate_definition

# The guide's own words, e.g. "The Best Contact (campaign and sub-campaign) report", "The Contact Center
# detail report (enterprise, account, campaign and sub-campaign)", "The account Usage detail report".
GUIDE = {
    "All Attempts": {"campaign", "sub-campaign"},
    "Best Contact": {"campaign", "sub-campaign"},
    "All Contacts": {"campaign", "sub-campaign"},
    "Dialer": {"campaign", "sub-campaign"},
    "Contact Center": {"enterprise", "account", "campaign", "sub-campaign"},
    "Usage": {"account"},
    "Text Opt-out": {"campaign"},
    "List Audit": {"enterprise", "account"},
    "Agent Action": {"enterprise", "account"},
}
TARGETED = {Level.CAMPAIGN, Level.SUB_CAMPAIGN, Level.AGENT_GROUP, Level.LIST}


def definition(report_type: ReportType, level: Level, **changes: Any) -> ReportDefinition:
    base = ReportDefinition(
        display_name="A report", report_type=report_type, level=level,
        target="t1" if level in TARGETED else "", time_frame=TimeFrame(TimeFrameKind.YESTERDAY),
    )
    return replace(base, **changes)


def field_of(definition: ReportDefinition) -> str:
    with pytest.raises(InvalidArgument) as caught:
        validate_definition(definition)
    return caught.value.field


def test_the_table_names_every_report_type_as_the_guide_does():
    assert {info.display_name: {lv.value for lv in info.levels} for info in REPORT_TYPES.values()} == GUIDE
    assert set(REPORT_TYPES) == set(ReportType)


def test_every_report_type_is_a_detail_report():
    assert {info.category for info in REPORT_TYPES.values()} == {Category.DETAIL}


@pytest.mark.parametrize("report_type", list(ReportType), ids=lambda t: t.name)
@pytest.mark.parametrize("level", list(Level), ids=lambda lv: lv.name)
def test_a_report_runs_exactly_at_the_levels_the_guide_gives(report_type, level):
    candidate = definition(report_type, level)
    allowed = level.value in GUIDE[REPORT_TYPES[report_type].display_name]

    if allowed:
        validate_definition(candidate)
    else:
        assert field_of(candidate) == "report_definition.level"


def test_the_level_error_lists_the_allowed_levels():
    with pytest.raises(InvalidArgument) as caught:
        validate_definition(definition(ReportType.CONTACT_CENTER, Level.LIST))

    assert caught.value.rule == "Contact Center reports run at enterprise, account, campaign or sub-campaign level"


def test_yesterdays_activity_at_campaign_level_covers_every_campaign_so_takes_no_target():
    assert field_of(definition(ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, yesterdays_activity=True,
                               target="c1")) == "report_definition.target"
    validate_definition(definition(ReportType.ALL_ATTEMPTS, Level.CAMPAIGN, yesterdays_activity=True, target=""))


def test_yesterdays_activity_at_sub_campaign_level_may_name_the_campaign():
    validate_definition(definition(ReportType.DIALER, Level.SUB_CAMPAIGN, yesterdays_activity=True, target="c1"))


def test_display_name_may_hold_exactly_200_characters():
    validate_definition(definition(ReportType.USAGE, Level.ACCOUNT, display_name="é" * 200))


def test_description_may_span_lines_but_not_hold_other_control_characters():
    validate_definition(definition(ReportType.USAGE, Level.ACCOUNT, description="line one\nline two\tend"))

    assert field_of(definition(ReportType.USAGE, Level.ACCOUNT, description="bell\x07")) == \
        "report_definition.description"


@pytest.mark.parametrize("kind", [k for k in TimeFrameKind if k is not TimeFrameKind.EXPLICIT_DATES],
                         ids=lambda k: k.name)
def test_relative_time_frames_need_nothing_but_their_kind(kind):
    validate_definition(definition(ReportType.USAGE, Level.ACCOUNT, time_frame=TimeFrame(kind)))


def test_explicit_dates_across_a_daylight_saving_change_are_accepted():
    frame = TimeFrame(TimeFrameKind.EXPLICIT_DATES, "2024-03-31T00:00", "2024-03-31T04:00", "Europe/Berlin")

    validate_definition(definition(ReportType.USAGE, Level.ACCOUNT, time_frame=frame))


@pytest.mark.parametrize("zone", ["America", "../etc/passwd", "Not/AZone", "utc+1"])
def test_time_zone_must_be_an_iana_zone(zone):
    frame = TimeFrame(TimeFrameKind.EXPLICIT_DATES, "2024-03-01T00:00", "2024-03-02T00:00", zone)

    assert field_of(definition(ReportType.USAGE, Level.ACCOUNT, time_frame=frame)) == \
        "report_definition.time_frame.time_zone"
