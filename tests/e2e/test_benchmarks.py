"""Every benchmark still runs as its one command and prints its figure, at a small size.

A benchmark nobody runs rots unnoticed (the slice benchmark was refused by authentication for a
whole session); this runs each one small enough to take seconds. The figures are not checked:
timing belongs to the benchmarks themselves, on a quiet machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.databases import drop_database
from benchmarks.report_bench import database_name
from tests.support.openssh import openssh_missing

ROOT = Path(__file__).resolve().parents[2]
SMALL_REPORT = 2000

pytestmark = pytest.mark.e2e

CASES = [
    ("slice_end_to_end", ["--attempts", "500"], "slice end to end (RunReport -> SUCCEEDED, SFTP + email):"),
    ("delivery_pipeline", ["--size-mib", "8", "--pgpy-mib", "1"], "pipeline csv->zip->gpg->sftp"),
    ("security_overhead", ["--calls", "200"], "unary calls/s, secured, account user:"),
    ("all_attempts_report", ["--attempts", str(SMALL_REPORT), "--rounds", "1"],
     "speed ratio (COPY time / generate time):"),
]


@pytest.fixture(scope="module", autouse=True)
def no_small_report_database_left() -> object:
    yield None
    drop_database(database_name(SMALL_REPORT))


@pytest.mark.parametrize(("module", "arguments", "figure"), CASES, ids=[case[0] for case in CASES])
def test_the_benchmark_runs_and_prints_its_figure(module: str, arguments: list[str], figure: str) -> None:
    done = subprocess.run([sys.executable, "-m", f"benchmarks.{module}", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=280, check=False)

    assert done.returncode == 0, done.stdout[-1500:] + done.stderr[-3000:]
    assert figure in done.stdout
    if module == "delivery_pipeline":
        server = "OpenSSH" if not openssh_missing() else "asyncssh"
        assert f"SFTP server: {server} on 127.0.0.1:" in done.stdout
