"""reportctl's spec commands against a running catalog: what a user types and sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportsuite.cli import reportctl
from reportsuite.core.settings import Settings
from services.catalog import bootstrap

SPEC = b"report All Attempts\ndelimiter tab\nfield ClientID as Client\nfield Status\n"


@pytest.fixture(scope="module")
def catalog_address(settings: Settings) -> Iterator[str]:
    service = bootstrap.start(settings, "127.0.0.1:0")
    yield f"127.0.0.1:{service.port}"
    service.stop(0)


@pytest.fixture
def reportctl_run(catalog_address: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("REPORTSUITE_CATALOG_ADDR", catalog_address)

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = reportctl.main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_upload_prints_the_stored_specification_and_its_columns(reportctl_run, unique_id, tmp_path: Path):
    (tmp_path / "crm.spec").write_bytes(SPEC)

    code, out, _ = reportctl_run("spec", "upload", "--account", unique_id, "--name", "crm", str(tmp_path / "crm.spec"))

    assert code == 0
    assert f"name:     accounts/{unique_id}/outputSpecifications/crm" in out
    assert "report:   all-attempts" in out
    assert "1  ClientID  Client" in out


def test_a_refused_file_prints_the_line_the_rule_and_the_field(reportctl_run, unique_id, tmp_path: Path):
    (tmp_path / "bad.spec").write_bytes(SPEC.replace(b"Status", b"Stat"))

    code, _, err = reportctl_run("spec", "upload", "--account", unique_id, "--name", "bad", str(tmp_path / "bad.spec"))

    assert code == 1
    assert "error: INVALID_ARGUMENT: the output specification is not valid: line 4: unknown field 'Stat' " \
           "(did you mean Status?)" in err
    assert "field: content" in err


def test_list_download_and_delete(reportctl_run, unique_id, tmp_path: Path):
    (tmp_path / "crm.spec").write_bytes(SPEC)
    reportctl_run("spec", "upload", "--account", unique_id, "--name", "crm", str(tmp_path / "crm.spec"))
    name = f"accounts/{unique_id}/outputSpecifications/crm"

    listed = reportctl_run("spec", "list", "--account", unique_id)
    downloaded = reportctl_run("spec", "download", "crm", "--account", unique_id, "-o", str(tmp_path / "back.spec"))
    deleted = reportctl_run("spec", "delete", name)
    gone = reportctl_run("spec", "download", name)

    assert listed[0] == 0 and name in listed[1] and "all-attempts" in listed[1]
    assert downloaded[0] == 0 and (tmp_path / "back.spec").read_bytes() == SPEC
    assert deleted == (0, f"deleted {name}\n", "")
    assert gone[0] == 1 and "NOT_FOUND" in gone[2]
