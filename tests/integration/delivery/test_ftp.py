"""The FTP adapter against a real FTP server: temp name then rename, and its failures."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.delivery.adapters.ftp import FtpTransfer
from services.delivery.domain.destinations import parse_transfer
from services.delivery.domain.model import SendError
from tests.integration.delivery.conftest import CONTENT
from tests.support.servers import FtpServer, ftp_server


@pytest.fixture
def ftp(tmp_path: Path) -> Iterator[FtpServer]:
    with ftp_server(tmp_path / "ftp-root") as server:
        (server.root / "out").mkdir()
        yield server


def test_upload_puts_the_exact_bytes_under_the_final_name(ftp: FtpServer) -> None:
    target = parse_transfer("ftp", f"reports:s3cret@127.0.0.1:{ftp.port}/out")
    FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT))
    FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT + b"more\r\n"))
    assert [p.name for p in (ftp.root / "out").iterdir()] == ["daily.csv"]
    assert (ftp.root / "out" / "daily.csv").read_bytes() == CONTENT + b"more\r\n"


def test_wrong_password_is_permanent_and_not_shown(ftp: FtpServer) -> None:
    target = parse_transfer("ftp", f"reports:Wr0ngPass@127.0.0.1:{ftp.port}/out")
    with pytest.raises(SendError) as raised:
        FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT))
    assert not raised.value.transient
    assert "authentication failed for user reports" in raised.value.detail
    assert "Wr0ngPass" not in raised.value.detail


def test_missing_directory_is_permanent(ftp: FtpServer) -> None:
    target = parse_transfer("ftp", f"reports:s3cret@127.0.0.1:{ftp.port}/nowhere")
    with pytest.raises(SendError) as raised:
        FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT))
    assert not raised.value.transient
    assert "550" in raised.value.detail


def test_refused_connection_is_transient(ftp: FtpServer) -> None:
    target = parse_transfer("ftp", "reports:s3cret@127.0.0.1:1/out")
    with pytest.raises(SendError) as raised:
        FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT))
    assert raised.value.transient
    assert "connection refused" in raised.value.detail
