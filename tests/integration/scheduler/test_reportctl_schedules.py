"""reportctl's schedule commands against the real scheduler: what a user types and sees."""

from __future__ import annotations

import json

import pytest

from reportsuite.cli import commands_schedules, reportctl
from reportsuite.cli.report_args import UsageError
from tests.integration.scheduler.fakes import FakeCatalog
from tests.integration.scheduler.schedule_helpers import YESTERDAY

pytestmark = pytest.mark.usefixtures("no_schedules_left")


@pytest.fixture(autouse=True)
def scheduler_address(scheduler_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTSUITE_SCHEDULER_ADDR", f"127.0.0.1:{scheduler_port}")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = reportctl.main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def field(text: str, key: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(f"{key}:"))


def test_a_user_creates_updates_pauses_previews_and_deletes_a_schedule(catalog: FakeCatalog, unique_id: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    definition = catalog.add(unique_id, YESTERDAY)

    code, created, _ = run(["schedule", "create", "--account", unique_id, "--report", definition.name,
                            "--crontab", "0 9 * * 1", "--grace", "30m"], capsys)
    name = field(created, "name")
    updated = run(["schedule", "update", name, "--days", "mon,fri", "--at", "07:30", "--tz", "Europe/Paris",
                   "--skip-if-empty", "--misfire", "skip"], capsys)[1]
    paused = run(["schedule", "pause", name], capsys)[1]
    listed = run(["schedule", "list", "--account", unique_id], capsys)[1]
    preview = run(["schedule", "preview", name, "--count", "2", "--from", "2026-03-27T00:00:00Z"], capsys)[1]
    runs = run(["schedule", "runs", name], capsys)[1]
    deleted = run(["schedule", "delete", name], capsys)

    assert code == 0 and name.startswith(f"accounts/{unique_id}/schedules/")
    assert (field(created, "when"), field(created, "grace period")) == ("crontab 0 9 * * 1 (GMT)", "0:30:00")
    assert field(updated, "when") == "mon,fri at 07:30 Europe/Paris"
    assert (field(updated, "skip if empty"), field(updated, "misfire policy")) == ("yes", "skip")
    assert (field(paused, "paused"), field(paused, "next due")) == ("yes", "-")
    assert name in listed and "paused" in listed
    # Friday 27 March 2026 is still winter time in Paris; Monday 30 March is summer time.
    assert preview.splitlines() == ["2026-03-27T06:30:00Z  Fri 2026-03-27 07:30 CET",
                                    "2026-03-30T05:30:00Z  Mon 2026-03-30 07:30 CEST"]
    assert runs.split() == ["DUE", "STATE", "STARTED", "ROWS", "JOB", "REASON"]
    assert deleted == (0, f"deleted {name}\n", "")


def test_an_unsaved_weekly_schedule_previews_the_spring_gap_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schedule", "preview", "--days", "sun", "--at", "02:30", "--tz", "America/New_York",
                        "--count", "1", "--from", "2026-03-02T00:00:00Z"], capsys)

    assert (code, out) == (0, "2026-03-08T07:00:00Z  Sun 2026-03-08 03:00 EDT\n")


def test_a_refused_crontab_names_the_field(catalog: FakeCatalog, unique_id: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    definition = catalog.add(unique_id, YESTERDAY)

    code, _, err = run(["schedule", "create", "--account", unique_id, "--report", definition.name,
                        "--crontab", "0 9 * * 0"], capsys)

    assert code == 1
    assert err.startswith("error: INVALID_ARGUMENT: ") and "field: schedule.crontab.day_of_week" in err


def test_json_output_is_the_schedule_message(catalog: FakeCatalog, unique_id: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    definition = catalog.add(unique_id, YESTERDAY)

    code, out, _ = run(["--json", "schedule", "create", "--account", unique_id, "--report", definition.name,
                        "--crontab", "15 3 * * *", "--request-id", "cli-1"], capsys)

    assert code == 0
    assert json.loads(out)["crontab"] == "15 3 * * *"
    assert json.loads(out)["misfirePolicy"] == "MISFIRE_POLICY_RUN_ONCE_LATE"


@pytest.mark.parametrize("argv", [
    ["schedule", "create", "--account", "a", "--report", "accounts/a/reports/r", "--crontab", "* * * * *",
     "--days", "mon", "--at", "09:00"],
    ["schedule", "create", "--account", "a", "--report", "accounts/a/reports/r", "--days", "mon"],
    ["schedule", "create", "--account", "a", "--report", "accounts/a/reports/r", "--days", "funday", "--at", "09:00"],
    ["schedule", "create", "--account", "a", "--report", "accounts/a/reports/r", "--crontab", "* * * * *",
     "--grace", "soon"],
    ["schedule", "update", "accounts/a/schedules/s"],
    ["schedule", "preview"],
])
def test_usage_errors_exit_2_before_calling_the_server(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv, capsys)[0] == 2


def test_days_and_grace_are_read_as_users_write_them() -> None:
    assert commands_schedules.parse_days("Mon, wed,7") == [1, 3, 7]
    assert commands_schedules.parse_grace("90").seconds == 90
    assert commands_schedules.parse_grace("2h").seconds == 7200
    with pytest.raises(UsageError):
        commands_schedules.parse_days("0")
