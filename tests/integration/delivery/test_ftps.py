"""FTPS (explicit TLS) against a real pyftpdlib TLS server with a certificate made here."""

from __future__ import annotations

import datetime
import io
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.delivery.adapters.ftp import FtpTransfer
from services.delivery.domain.destinations import parse_transfer
from services.delivery.domain.model import SendError
from tests.integration.delivery.conftest import CONTENT
from tests.support.servers import FtpServer, ftp_server


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1; returns (server PEM with key, CA file trusting it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_pem = certificate.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    (directory / "server.pem").write_bytes(cert_pem + key_pem)
    (directory / "ca.pem").write_bytes(cert_pem)
    return directory / "server.pem", directory / "ca.pem"


@pytest.fixture
def ftps(tmp_path: Path) -> Iterator[tuple[FtpServer, Path]]:
    server_pem, ca = _self_signed(tmp_path)
    with ftp_server(tmp_path / "ftps-root", tls_certificate=server_pem) as server:
        (server.root / "out").mkdir()
        yield server, ca


def test_ftps_uploads_over_tls_under_the_final_name(ftps: tuple[FtpServer, Path]) -> None:
    server, ca = ftps
    target = parse_transfer("ftps", f"reports:s3cret@127.0.0.1:{server.port}/out")

    detail = FtpTransfer(timeout=5, tls=True, ca_file=str(ca)).upload(target, "daily.csv", io.BytesIO(CONTENT))

    assert detail == "uploaded as daily.csv"
    assert [p.name for p in (server.root / "out").iterdir()] == ["daily.csv"]
    assert (server.root / "out" / "daily.csv").read_bytes() == CONTENT
    assert target.label == f"ftps://reports@127.0.0.1:{server.port}/out"


def test_an_untrusted_certificate_is_a_permanent_failure(ftps: tuple[FtpServer, Path]) -> None:
    server, _ = ftps
    target = parse_transfer("ftps", f"reports:s3cret@127.0.0.1:{server.port}/out")

    with pytest.raises(SendError) as raised:
        FtpTransfer(timeout=5, tls=True).upload(target, "daily.csv", io.BytesIO(CONTENT))

    assert not raised.value.transient
    assert "TLS certificate of 127.0.0.1" in raised.value.detail and "not trusted" in raised.value.detail
    assert "s3cret" not in raised.value.detail
    assert list((server.root / "out").iterdir()) == []


def test_plain_ftp_to_a_server_requiring_tls_is_refused(ftps: tuple[FtpServer, Path]) -> None:
    server, _ = ftps
    target = parse_transfer("ftp", f"reports:s3cret@127.0.0.1:{server.port}/out")

    with pytest.raises(SendError) as raised:
        FtpTransfer(timeout=5).upload(target, "daily.csv", io.BytesIO(CONTENT))

    assert not raised.value.transient
    assert list((server.root / "out").iterdir()) == []
