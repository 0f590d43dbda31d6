"""``reportsuite tls-certs``: a private CA and one certificate for the services, to turn TLS on.

Good for docker-compose and trials; in production use certificates from your own PKI. The
certificate names every host given (plus localhost and 127.0.0.1, which the containers' health
checks dial) and serves both as server and client certificate, so the same files also work with
REPORTSUITE_TLS_CLIENT_AUTH=required.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_HOSTS = ("catalog", "scheduler", "generator", "delivery", "localhost")


@dataclass(frozen=True)
class CertificateFiles:
    """Where the CA certificate and the services' certificate and key were written."""

    ca: Path
    cert: Path
    key: Path


def register(commands: Any) -> None:
    """Adds ``tls-certs`` to reportsuite's subcommands."""
    parser = commands.add_parser("tls-certs", help="write a private CA and a certificate for the services")
    parser.add_argument("--out", type=Path, required=True, help="directory for ca.pem, service.pem, service.key")
    parser.add_argument("--host", action="append", dest="hosts",
                        help=f"a name the services are reached at (repeatable; default {', '.join(DEFAULT_HOSTS)})")
    parser.add_argument("--days", type=int, default=365, help="validity in days (default 365)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    files = make_certificates(args.out, args.hosts or list(DEFAULT_HOSTS), args.days)
    print(f"REPORTSUITE_TLS_CA_FILE={files.ca}")
    print(f"REPORTSUITE_TLS_CERT_FILE={files.cert}")
    print(f"REPORTSUITE_TLS_KEY_FILE={files.key}")
    return 0


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_certificates(out: Path, hosts: list[str], days: int = 365) -> CertificateFiles:
    """Writes ca.pem, service.pem and service.key (readable by its owner only) into out."""
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=5)  # a clock slightly behind still accepts it
    ca_key, key = _key(), _key()
    ca = (
        x509.CertificateBuilder().subject_name(_name("ReportSuite CA")).issuer_name(_name("ReportSuite CA"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    names: list[x509.GeneralName] = [x509.DNSName(h) for h in dict.fromkeys([*hosts, "localhost"])]
    names.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (
        x509.CertificateBuilder().subject_name(_name(hosts[0] if hosts else "reportsuite"))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files = CertificateFiles(out / "ca.pem", out / "service.pem", out / "service.key")
    files.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_private(files.key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    return files


def _write_private(path: Path, data: bytes) -> None:
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
