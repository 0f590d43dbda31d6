"""The synthetic activity generator: deterministic from its seed, and it makes the mix it declares."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from reportsuite.cli import synth, synth_load
from services.generator.adapters import orm_activity  # noqa: F401 - puts every activity table on the metadata
from services.generator.adapters.orm import Base
from services.generator.domain import statuses
from services.generator.domain.model import Channel
from services.generator.domain.records import device_key

AS_OF = datetime(2024, 11, 4, 0, 0, tzinfo=UTC)  # the window spans the US clock change of 3 November
PLAN = synth.Plan(seed=5, attempts=20_000, as_of=AS_OF, accounts=4, days=5)


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, Any]]]:
    """The plan's rows, by table, as column -> value."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for table, row in synth.rows(PLAN):
        found[table].append(dict(zip(synth.COLUMNS[table], row, strict=True)))
    return found


def test_the_same_seed_writes_the_same_files_byte_for_byte_and_another_seed_does_not(tmp_path: Path) -> None:
    small = synth.Plan(seed=5, attempts=3000, as_of=AS_OF, accounts=2, days=3)
    synth_load.write_csv(synth.rows(small), tmp_path / "one")
    synth_load.write_csv(synth.rows(small), tmp_path / "two")
    synth_load.write_csv(synth.rows(synth.Plan(seed=6, attempts=3000, as_of=AS_OF, accounts=2, days=3)),
                         tmp_path / "other")

    files = sorted(path.name for path in (tmp_path / "one").iterdir())
    assert len(files) == len(synth.COLUMNS)
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
    assert (tmp_path / "one" / "attempts.csv").read_bytes() != (tmp_path / "other" / "attempts.csv").read_bytes()


def test_exactly_the_planned_attempts_are_made_with_unique_ids(tables: dict[str, list[dict[str, Any]]]) -> None:
    ids = [a["attempt_id"] for a in tables["attempts"]]

    assert len(ids) == PLAN.attempts == len(set(ids))


@pytest.mark.parametrize("channel", ["Voice", "Text", "Email", "Web"])
def test_each_channels_statuses_come_out_in_the_declared_proportions(tables: dict[str, list[dict[str, Any]]],
                                                                     channel: str) -> None:
    made = Counter(a["status"] for a in tables["attempts"] if a["channel"] == channel)
    total = sum(made.values())
    mix = synth.STATUS_MIX[channel]
    weights = sum(weight for _, weight, _, _ in mix)

    assert total > 500
    assert set(made) == {status for status, *_ in mix}
    for status, weight, _, _ in mix:
        declared = weight / weights
        # Four standard deviations of a proportion over this many draws.
        assert abs(made[status] / total - declared) < 4 * math.sqrt(declared * (1 - declared) / total), status


def test_every_status_is_a_guide_status_valid_on_its_channel(tables: dict[str, list[dict[str, Any]]]) -> None:
    for kind in ("attempts", "filtered_contacts"):
        for record in tables[kind]:
            status = statuses.find(record["status"])
            assert status is not None and Channel(record["channel"]) in status.channels, record
    assert {statuses.find(f["status"]).rank for f in tables["filtered_contacts"]} <= {1, 2}  # type: ignore[union-attr]
    assert all(statuses.find(d["status"]).direct_connect for d in tables["direct_connect_attempts"])  # type: ignore[union-attr]


def test_contacts_are_retried_and_filtered_at_the_declared_rate(tables: dict[str, list[dict[str, Any]]]) -> None:
    per_client = Counter((a["account"], a["client_id"]) for a in tables["attempts"])
    random_filters = {status for mix in synth.FILTER_MIX.values() for status, _ in mix}
    filtered = sum(1 for f in tables["filtered_contacts"] if f["status"] in random_filters)
    entries = sum(load["total_records"] - load["rejected_records"] for load in tables["list_loads"])

    assert max(per_client.values()) >= 4
    assert sum(1 for n in per_client.values() if n > 1) > len(per_client) / 5
    assert abs(filtered / entries - synth.FILTER_RATE) < 0.005


def test_a_call_makes_its_direct_connect_attempts_failures_first_then_the_final_one(
        tables: dict[str, list[dict[str, Any]]]) -> None:
    calls: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for dc in tables["direct_connect_attempts"]:
        calls[dc["attempt_id"]].append(dc)
    attempts = {a["attempt_id"]: a for a in tables["attempts"]}
    retry = {status for status, _ in synth.DC_RETRY_MIX}
    final = {status for status, _ in synth.DC_FINAL_MIX}

    for call_id, made in calls.items():
        call = attempts[call_id]
        assert [dc["sequence"] for dc in made] == list(range(1, len(made) + 1))
        assert all(dc["status"] in retry for dc in made[:-1]) and made[-1]["status"] in final
        assert call["status"] == "DELIVEREDPERSON" and call["channel"] == "Voice"
        assert call["start_time"] <= made[0]["start_time"] and made[-1]["complete_time"] <= call["complete_time"]
    shapes = Counter((len(made), made[-1]["status"]) for made in calls.values())
    assert shapes[(3, "DC_SUCCESS")] > 0 and shapes[(1, "DC_SUCCESS")] > shapes[(2, "DC_SUCCESS")]


def test_attempts_fall_in_calling_hours_of_the_report_days_before_as_of(
        tables: dict[str, list[dict[str, Any]]]) -> None:
    zones = {a["id"]: ZoneInfo(a["reports_time_zone"]) for a in tables["accounts"]}

    for attempt in tables["attempts"]:
        local = attempt["start_time"].astimezone(zones[attempt["account"]])
        assert attempt["start_time"] <= attempt["complete_time"]
        assert local.date() < AS_OF.astimezone(local.tzinfo).date()
        assert local.date() >= AS_OF.astimezone(local.tzinfo).date() - timedelta(days=PLAN.days)
        if attempt["channel"] != "Web":  # a web visit follows an email at any hour
            assert time(8) <= local.time() <= time(20, 30), attempt


def test_accounts_sit_both_east_and_west_of_gmt(tables: dict[str, list[dict[str, Any]]]) -> None:
    offsets = {ZoneInfo(a["reports_time_zone"]).utcoffset(AS_OF.replace(tzinfo=None)) for a in tables["accounts"]}

    assert min(offsets) < timedelta(0) <= max(offsets)  # type: ignore[type-var, operator]


def test_opt_outs_recordings_and_transfers_follow_their_attempts(tables: dict[str, list[dict[str, Any]]]) -> None:
    opted = {(a["account"], a["client_id"]) for a in tables["attempts"] if a["status"] == "TEXT_MSG_OPT_OUT"}
    successes = {dc["attempt_id"] for dc in tables["direct_connect_attempts"] if dc["status"] == "DC_SUCCESS"}

    assert {(o["account"], o["client_id"]) for o in tables["text_opt_outs"]} == opted
    assert {r["attempt_id"] for r in tables["call_recordings"]} <= successes
    assert 0.6 < len(tables["call_recordings"]) / len(successes) < 0.8
    assert tables["session_transfers"] and {t["attempt_id"] for t in tables["session_transfers"]} <= successes


def test_device_lookup_keys_are_the_services_own(tables: dict[str, list[dict[str, Any]]]) -> None:
    assert all(d["device_key"] == device_key(d["device"]) for d in tables["contact_devices"])


def test_every_synthetic_column_is_a_column_of_the_generators_table() -> None:
    for table, columns in synth.COLUMNS.items():
        defined = Base.metadata.tables[f"generator.{table}"]
        assert set(columns) <= set(defined.columns.keys()), table
        missing = [c for c in defined.columns if c.name not in columns]
        assert all(c.server_default is not None or c.nullable for c in missing), (table, missing)
