"""``reportsuite dev`` on a bare data directory: embedded PostgreSQL, in-process broker, a demo report.

It runs as its own process, exactly as a new user would start it, on free ports so it never
clashes with another suite or test.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reportsuite.cli import demo
from tests.support.processes import free_port

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-10-27T10:00:00+00:00"  # the window spans Europe/London's autumn clock change
ATTEMPTS = 1500
SEED = 11


def _command() -> list[str]:
    script = Path(sys.executable).parent / "reportsuite"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportsuite.cli.suite"]


def _expected_attempt_ids() -> set[str]:
    """The demo attempts an All Attempts report over the demo window must list."""
    plan = demo.Plan(as_of=datetime.fromisoformat(AS_OF), attempts=ATTEMPTS, seed=SEED)
    start, end = plan.window()
    return {
        attempt.attempt_id
        for attempt in demo.attempts(plan)
        if start <= attempt.complete_time.ToDatetime(tzinfo=UTC) < end
    }


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data directory outside pytest's own temporary root.

    Run as root, pgserver runs PostgreSQL as another user and opens the directory's parents to it;
    pytest closes its root (mode 0700) again whenever a session starts, which would pull the rug
    from under the embedded server of a concurrent run.
    """
    path = Path(tempfile.mkdtemp(prefix="reportsuite-dev-test-"))
    yield path / "dev"
    shutil.rmtree(path, ignore_errors=True)


def test_dev_mode_runs_the_demo_report_to_succeeded_and_saves_its_file(data_dir: Path) -> None:
    env = dict(os.environ)
    for service in ("CATALOG", "SCHEDULER", "GENERATOR", "DELIVERY"):
        env[f"REPORTSUITE_{service}_ADDR"] = f"127.0.0.1:{free_port()}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    result = subprocess.run(
        [*_command(), "dev", "--exit-after-demo", "--data-dir", str(data_dir), "--attempts", str(ATTEMPTS),
         "--seed", str(SEED), "--as-of", AS_OF],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240,
    )

    log = data_dir / "reportsuite.log"
    context = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\nlog tail:\n" + (
        "\n".join(log.read_text().splitlines()[-40:]) if log.exists() else "(no log)")
    assert result.returncode == 0, context
    assert "SUCCEEDED" in result.stdout, context
    assert f"export REPORTSUITE_CATALOG_ADDR={env['REPORTSUITE_CATALOG_ADDR']}" in result.stdout

    with open(data_dir / "demo-report.csv", newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    expected = _expected_attempt_ids()
    assert len(header) > 1 and not expected & set(header)
    assert len(expected) == ATTEMPTS
    assert len(rows) == len(expected)
    # Whatever the columns, each row carries exactly one demo attempt id, and every one appears.
    ids_per_row = [[cell for cell in row if cell in expected] for row in rows]
    assert all(len(ids) == 1 for ids in ids_per_row)
    assert {ids[0] for ids in ids_per_row} == expected
