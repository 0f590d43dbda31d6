"""The catalog and the generator each keep every Detail report's field list and levels (services share
no code): the catalog checks output specification uploads and definitions against its copy, the
generator writes the files from its own. These tests fail as soon as the copies disagree, or a
report's document lists other fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.catalog.domain.report_types import REPORT_TYPES, Category
from services.catalog.domain.report_types import ReportType as CatalogReportType
from services.generator.domain.output_spec import FIELD_LISTS
from services.generator.domain.reports import FIELDS, LEVELS, ReportType

ROOT = Path(__file__).resolve().parents[2]
DETAIL = [t for t, about in REPORT_TYPES.items() if about.category is Category.DETAIL]


def document(report_type: ReportType) -> Path:
    return ROOT / "docs" / "reports" / (report_type.value.lower().replace(" ", "-") + ".md")


def test_the_generator_writes_every_detail_report_the_catalog_knows():
    assert {t.name for t in DETAIL} == {t.name for t in FIELDS} == {t.name for t in LEVELS}


@pytest.mark.parametrize("report_type", list(ReportType), ids=lambda t: t.name)
def test_each_report_type_has_the_same_fields_in_the_same_order_and_kinds_in_both_services(report_type):
    catalog = REPORT_TYPES[CatalogReportType[report_type.name]].fields

    assert [(f.name, f.kind.value) for f in catalog] == [(f.name, f.kind.value) for f in FIELDS[report_type]]


@pytest.mark.parametrize("report_type", list(ReportType), ids=lambda t: t.name)
def test_each_report_type_runs_at_the_same_levels_in_both_services(report_type):
    catalog = REPORT_TYPES[CatalogReportType[report_type.name]].levels

    assert {level.value for level in catalog} == {level.value for level in LEVELS[report_type]}


def test_the_catalog_accepts_specifications_for_exactly_the_report_types_the_generator_can_write_with_one():
    accepted = {report_type.name for report_type, about in REPORT_TYPES.items() if about.fields}

    assert accepted == {report_type.name for report_type in FIELD_LISTS} == {t.name for t in ReportType}


@pytest.mark.parametrize("report_type", list(ReportType), ids=lambda t: t.name)
def test_each_reports_document_lists_its_fields_with_their_meanings_in_file_order(report_type):
    text = document(report_type).read_text(encoding="utf-8")

    documented = re.findall(r"^\| (\d+) \| (\w+) \| (.+) \|$", text, flags=re.MULTILINE)

    assert [(int(n), name, meaning) for n, name, meaning in documented] == [
        (i, field.name, field.meaning) for i, field in enumerate(FIELDS[report_type], start=1)
    ]
