"""gRPC over TLS with a configured certificate, and mutual TLS when client certificates are required."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.cli import suite
from reportsuite.cli.certs import CertificateFiles, make_certificates
from reportsuite.core import clients
from reportsuite.core.settings import Settings, SettingsError
from services.catalog import bootstrap
from tests.integration.security.test_authentication import refused


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> CertificateFiles:
    """A self-signed CA and a certificate for localhost and 127.0.0.1, made with cryptography."""
    return make_certificates(tmp_path_factory.mktemp("certs"), ["localhost"], days=1)


def _start(settings: Settings, **tls: Any) -> Iterator[str]:
    service = bootstrap.start(dataclasses.replace(settings, **tls), "127.0.0.1:0")
    try:
        yield f"127.0.0.1:{service.port}"
    finally:
        service.stop(0)


@pytest.fixture(scope="module")
def tls_catalog(certificates: CertificateFiles) -> Iterator[str]:
    yield from _start(Settings.from_env(), tls_cert_file=str(certificates.cert), tls_key_file=str(certificates.key))


@pytest.fixture(scope="module")
def mtls_catalog(certificates: CertificateFiles) -> Iterator[str]:
    yield from _start(Settings.from_env(), tls_cert_file=str(certificates.cert), tls_key_file=str(certificates.key),
                      tls_ca_file=str(certificates.ca), tls_client_auth="required")


def _list(address: str, channel: grpc.Channel | None = None) -> list[pb.ReportDefinition]:
    stub = catalog_pb2_grpc.CatalogServiceStub(channel or clients.channel(address))
    return list(stub.ListReportDefinitions(pb.ListReportDefinitionsRequest(parent="accounts/tls"),
                                           timeout=10).report_definitions)


def test_a_client_trusting_the_ca_is_served_over_tls(tls_catalog: str, certificates: CertificateFiles,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTSUITE_TLS_CA_FILE", str(certificates.ca))

    assert _list(tls_catalog) == []
    assert suite.check_health(tls_catalog) == 0


def test_a_plaintext_client_is_refused(tls_catalog: str) -> None:
    error = refused(lambda: _list(tls_catalog, grpc.insecure_channel(tls_catalog)))

    assert error.code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]


def test_a_client_not_trusting_the_ca_is_refused(tls_catalog: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    stranger = make_certificates(tmp_path, ["localhost"], days=1)
    monkeypatch.setenv("REPORTSUITE_TLS_CA_FILE", str(stranger.ca))

    assert refused(lambda: _list(tls_catalog)).code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]


def test_mutual_tls_requires_a_client_certificate_signed_by_the_ca(
    mtls_catalog: str, certificates: CertificateFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REPORTSUITE_TLS_CA_FILE", str(certificates.ca))
    without_certificate = refused(lambda: _list(mtls_catalog))
    stranger = make_certificates(tmp_path, ["localhost"], days=1)
    monkeypatch.setenv("REPORTSUITE_TLS_CERT_FILE", str(stranger.cert))
    monkeypatch.setenv("REPORTSUITE_TLS_KEY_FILE", str(stranger.key))
    foreign_certificate = refused(lambda: _list(mtls_catalog))
    monkeypatch.setenv("REPORTSUITE_TLS_CERT_FILE", str(certificates.cert))
    monkeypatch.setenv("REPORTSUITE_TLS_KEY_FILE", str(certificates.key))

    assert without_certificate.code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]
    assert foreign_certificate.code() == grpc.StatusCode.UNAVAILABLE  # type: ignore[attr-defined]
    assert _list(mtls_catalog) == []


@pytest.mark.parametrize(("changes", "variable"), [
    ({"tls_cert_file": "/nonexistent/cert.pem", "tls_key_file": "/nonexistent/key.pem"}, "REPORTSUITE_TLS_KEY_FILE"),
    ({"tls_cert_file": "cert.pem"}, "REPORTSUITE_TLS_CERT_FILE"),
    ({"tls_client_auth": "required"}, "REPORTSUITE_TLS_CLIENT_AUTH"),
])
def test_a_tls_setting_that_cannot_serve_stops_the_start_naming_the_variable(changes: dict[str, Any],
                                                                             variable: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        bootstrap.start(dataclasses.replace(Settings.from_env(), **changes), "127.0.0.1:0")
