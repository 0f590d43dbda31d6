"""Server-side TLS from the settings: a certificate and key, and client certificates when required."""

from __future__ import annotations

import logging
from pathlib import Path

import grpc

from reportsuite.core.settings import Settings, SettingsError

log = logging.getLogger(__name__)
_warned = False


def _read(path: str, variable: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SettingsError(f"{variable}={path!r} cannot be read: {error.strerror}") from None


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """The server's TLS credentials, or None (plaintext, with one warning per process).

    Raises:
        SettingsError: a certificate without its key (or the reverse), a file that cannot be read,
            or client certificates required without a CA to check them against.
    """
    global _warned
    if bool(settings.tls_cert_file) != bool(settings.tls_key_file):
        raise SettingsError("REPORTSUITE_TLS_CERT_FILE and REPORTSUITE_TLS_KEY_FILE must be set together")
    required = settings.tls_client_auth == "required"
    if not settings.tls_cert_file:
        if required:
            raise SettingsError("REPORTSUITE_TLS_CLIENT_AUTH=required needs REPORTSUITE_TLS_CERT_FILE and _KEY_FILE")
        if not _warned:
            log.warning("serving gRPC in plaintext: set REPORTSUITE_TLS_CERT_FILE and REPORTSUITE_TLS_KEY_FILE "
                        "(README: Turning TLS on) anywhere but a development machine")
            _warned = True
        return None
    if required and not settings.tls_ca_file:
        raise SettingsError("REPORTSUITE_TLS_CLIENT_AUTH=required needs REPORTSUITE_TLS_CA_FILE")
    key = _read(settings.tls_key_file, "REPORTSUITE_TLS_KEY_FILE")
    cert = _read(settings.tls_cert_file, "REPORTSUITE_TLS_CERT_FILE")
    ca = _read(settings.tls_ca_file, "REPORTSUITE_TLS_CA_FILE") if required else None
    return grpc.ssl_server_credentials([(key, cert)], root_certificates=ca, require_client_auth=required)
