"""Settings read once from environment variables, failing fast with the variable's name.

Every variable, its default and its meaning is listed in ``SETTINGS``; README.md's
configuration table is checked against it by tests/unit/test_settings.py.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str
    # A secret's value is never printed (``reportsuite config`` shows it masked).
    secret: bool = False


SETTINGS: tuple[Variable, ...] = (
    Variable("REPORTSUITE_DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/reportsuite",
             "SQLAlchemy URL of the PostgreSQL database; each service uses its own schema in it."),
    Variable("REPORTSUITE_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/%2F",
             "RabbitMQ URL for the Dramatiq queues; 'stub://' runs an in-process broker (dev mode)."),
    Variable("REPORTSUITE_QUEUE_PREFIX", "",
             "Prefix of the job queues' names, to share one RabbitMQ between deployments or test runs."),
    Variable("REPORTSUITE_FILE_STORE", "./var/files",
             "Directory of the artifact store shared by generator, catalog and delivery."),
    Variable("REPORTSUITE_CATALOG_ADDR", "127.0.0.1:50051", "host:port the catalog listens on / is reached at."),
    Variable("REPORTSUITE_SCHEDULER_ADDR", "127.0.0.1:50052", "host:port the scheduler listens on / is reached at."),
    Variable("REPORTSUITE_GENERATOR_ADDR", "127.0.0.1:50053", "host:port the generator listens on / is reached at."),
    Variable("REPORTSUITE_DELIVERY_ADDR", "127.0.0.1:50054", "host:port the delivery service listens on."),
    Variable("REPORTSUITE_GRPC_WORKERS", "16", "Threads serving gRPC calls in each service."),
    Variable("REPORTSUITE_SHUTDOWN_GRACE_SECONDS", "20",
             "Seconds in-flight calls get to finish after SIGTERM before they are cancelled."),
    Variable("REPORTSUITE_JOB_LEASE_SECONDS", "120",
             "A worker's lease on a job stage; the reaper retries or fails a stage whose lease lapsed."),
    Variable("REPORTSUITE_JOB_MAX_ATTEMPTS", "3", "Claims of one stage before the job is failed."),
    Variable("REPORTSUITE_ACTOR_TIME_LIMIT_SECONDS", "1500",
             "Dramatiq time limit of every actor; kept below RabbitMQ's 30-minute consumer timeout."),
    Variable("REPORTSUITE_REAPER_INTERVAL_SECONDS", "10", "Seconds between the reaper's sweeps."),
    Variable("REPORTSUITE_SMTP_HOST", "127.0.0.1", "SMTP server reports are mailed through."),
    Variable("REPORTSUITE_SMTP_PORT", "25", "SMTP server port."),
    Variable("REPORTSUITE_SMTP_SENDER", "reports@reportsuite.invalid", "From address of report mails."),
    Variable("REPORTSUITE_SMTP_TIMEOUT_SECONDS", "30", "Socket timeout for SMTP."),
    Variable("REPORTSUITE_SMTP_USERNAME", "",
             "User for SMTP AUTH (after STARTTLS when the server offers it); empty: no AUTH."),
    Variable("REPORTSUITE_SMTP_PASSWORD", "", "Password for SMTP AUTH.", secret=True),
    Variable("REPORTSUITE_TRANSFER_TIMEOUT_SECONDS", "30", "Socket timeout for SFTP, FTP and FTPS."),
    Variable("REPORTSUITE_SFTP_KNOWN_HOSTS", "./var/known_hosts",
             "OpenSSH known_hosts file of SFTP host keys pinned for every account, besides each account's own "
             "pins (PinHostKey); unknown hosts are refused."),
    Variable("REPORTSUITE_RETENTION_DAYS", "30", "Days a saved report is kept after generation."),
    Variable("REPORTSUITE_RETENTION_SWEEP_SECONDS", "300",
             "How often the catalog looks for expired saved reports to delete."),
    Variable("REPORTSUITE_AUDIT_RETENTION_DAYS", "400",
             "Days each service keeps its audit trail; older events are deleted hourly. 0 keeps them forever."),
    Variable("REPORTSUITE_REQUEST_ID_RETENTION_DAYS", "7",
             "Days a mutation's request_id is remembered, so a retry within them returns the first result."),
    Variable("REPORTSUITE_EMAIL_MAX_ATTACHMENT_BYTES", "10485760",
             "Largest report file attached to a mail (10 MiB); a larger one is mailed as download instructions."),
    Variable("REPORTSUITE_SECRETS_KEY", "",
             "Fernet keys (comma-separated, newest first) encrypting FTP/SFTP passwords at rest in the catalog; "
             "empty: the catalog refuses to store a password.", secret=True),
    Variable("REPORTSUITE_FTPS_CA_FILE", "",
             "PEM file of CA certificates trusted for FTPS servers besides the system's; empty: the system's only."),
    Variable("REPORTSUITE_TOKENS_FILE", "./var/tokens.json",
             "The token registry (JSON, tokens stored as SHA-256 hashes) every service authenticates callers "
             "with; reloaded when it changes. Write it with `reportsuite token issue`."),
    Variable("REPORTSUITE_TOKEN", "", "Bearer token reportctl and other clients send (or reportctl --token-file).",
             secret=True),
    Variable("REPORTSUITE_SERVICE_TOKEN", "",
             "Bearer token a service sends when it calls another service (a token of role 'service').", secret=True),
    Variable("REPORTSUITE_TLS_CERT_FILE", "",
             "PEM certificate (chain) a service serves gRPC with, and presents as a client when the peer requires "
             "client certificates; empty: plaintext, with a warning."),
    Variable("REPORTSUITE_TLS_KEY_FILE", "", "PEM private key of REPORTSUITE_TLS_CERT_FILE."),
    Variable("REPORTSUITE_TLS_CA_FILE", "",
             "PEM CA certificates clients trust for the services (setting it alone turns TLS on for reportctl), "
             "and servers check client certificates against."),
    Variable("REPORTSUITE_TLS_CLIENT_AUTH", "none",
             "'required': services accept only clients with a certificate signed by REPORTSUITE_TLS_CA_FILE "
             "(mutual TLS); 'none': any TLS client."),
    Variable("OTEL_EXPORTER_OTLP_ENDPOINT", "", "OTLP/gRPC endpoint for traces; empty keeps traces in-process."),
    Variable("REPORTSUITE_LOG_LEVEL", "INFO", "Python logging level."),
)

_BY_NAME = {v.name: v for v in SETTINGS}


def _text(env: Mapping[str, str], name: str) -> str:
    return env.get(name, _BY_NAME[name].default)


def _integer(env: Mapping[str, str], name: str, minimum: int = 0) -> int:
    raw = _text(env, name)
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise SettingsError(f"{name}={value} must be at least {minimum}")
    return value


def _address(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name)
    host, sep, port = raw.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise SettingsError(f"{name}={raw!r} is not host:port")
    return raw


def _database_url(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name)
    if not raw.startswith("postgresql"):
        raise SettingsError(f"{name}={raw!r} must be a postgresql:// URL")
    return raw


def _broker_url(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name)
    if not raw.startswith(("amqp://", "amqps://", "stub://")):
        raise SettingsError(f"{name}={raw!r} must be an amqp://, amqps:// or stub:// URL")
    return raw


def _queue_prefix(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name)
    if not re.fullmatch(r"[A-Za-z0-9._-]{0,40}", raw):
        raise SettingsError(f"{name}={raw!r} may hold only letters, digits, '.', '_' and '-' (at most 40)")
    return raw


def _secrets_key(env: Mapping[str, str], name: str) -> str:
    # Fernet keys are 32 bytes in URL-safe base64; checked here so a typo fails at start, not at the first save.
    raw = _text(env, name).strip()
    for number, key in enumerate(filter(None, (k.strip() for k in raw.split(","))), start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (ValueError, UnicodeEncodeError):
            valid = False
        if not valid:
            raise SettingsError(f"{name}: key {number} is not a Fernet key (32 bytes in URL-safe base64)")
    return raw


def _log_level(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name).upper()
    if raw not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"{name}={raw!r} is not a logging level")
    return raw


@dataclass(frozen=True)
class Settings:
    """The suite's configuration; build it with ``Settings.from_env()``."""

    database_url: str
    broker_url: str
    queue_prefix: str
    file_store: Path
    catalog_addr: str
    scheduler_addr: str
    generator_addr: str
    delivery_addr: str
    grpc_workers: int
    shutdown_grace_seconds: int
    job_lease_seconds: int
    job_max_attempts: int
    actor_time_limit_seconds: int
    reaper_interval_seconds: int
    smtp_host: str
    smtp_port: int
    smtp_sender: str
    smtp_timeout_seconds: int
    smtp_username: str
    smtp_password: str = field(repr=False)
    transfer_timeout_seconds: int
    sftp_known_hosts: Path
    retention_days: int
    retention_sweep_seconds: int
    audit_retention_days: int
    request_id_retention_days: int
    email_max_attachment_bytes: int
    secrets_key: str = field(repr=False)
    ftps_ca_file: str
    tokens_file: Path
    # Secrets stay out of repr(), so a logged Settings never shows them.
    token: str = field(repr=False)
    service_token: str = field(repr=False)
    tls_cert_file: str
    tls_key_file: str
    tls_ca_file: str
    tls_client_auth: str
    otlp_endpoint: str
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Reads every setting, raising SettingsError naming the first bad variable."""
        env = os.environ if env is None else env
        readers: dict[str, tuple[str, Callable[..., Any]]] = {
            "database_url": ("REPORTSUITE_DATABASE_URL", _database_url),
            "broker_url": ("REPORTSUITE_BROKER_URL", _broker_url),
            "queue_prefix": ("REPORTSUITE_QUEUE_PREFIX", _queue_prefix),
            "file_store": ("REPORTSUITE_FILE_STORE", lambda e, n: Path(_text(e, n))),
            "catalog_addr": ("REPORTSUITE_CATALOG_ADDR", _address),
            "scheduler_addr": ("REPORTSUITE_SCHEDULER_ADDR", _address),
            "generator_addr": ("REPORTSUITE_GENERATOR_ADDR", _address),
            "delivery_addr": ("REPORTSUITE_DELIVERY_ADDR", _address),
            "grpc_workers": ("REPORTSUITE_GRPC_WORKERS", lambda e, n: _integer(e, n, 1)),
            "shutdown_grace_seconds": ("REPORTSUITE_SHUTDOWN_GRACE_SECONDS", _integer),
            "job_lease_seconds": ("REPORTSUITE_JOB_LEASE_SECONDS", lambda e, n: _integer(e, n, 5)),
            "job_max_attempts": ("REPORTSUITE_JOB_MAX_ATTEMPTS", lambda e, n: _integer(e, n, 1)),
            "actor_time_limit_seconds": ("REPORTSUITE_ACTOR_TIME_LIMIT_SECONDS", _actor_time_limit),
            "reaper_interval_seconds": ("REPORTSUITE_REAPER_INTERVAL_SECONDS", lambda e, n: _integer(e, n, 1)),
            "smtp_host": ("REPORTSUITE_SMTP_HOST", _text),
            "smtp_port": ("REPORTSUITE_SMTP_PORT", lambda e, n: _integer(e, n, 1)),
            "smtp_sender": ("REPORTSUITE_SMTP_SENDER", _text),
            "smtp_timeout_seconds": ("REPORTSUITE_SMTP_TIMEOUT_SECONDS", lambda e, n: _integer(e, n, 1)),
            "smtp_username": ("REPORTSUITE_SMTP_USERNAME", _text),
            "smtp_password": ("REPORTSUITE_SMTP_PASSWORD", _text),
            "transfer_timeout_seconds": ("REPORTSUITE_TRANSFER_TIMEOUT_SECONDS", lambda e, n: _integer(e, n, 1)),
            "sftp_known_hosts": ("REPORTSUITE_SFTP_KNOWN_HOSTS", lambda e, n: Path(_text(e, n))),
            "retention_days": ("REPORTSUITE_RETENTION_DAYS", lambda e, n: _integer(e, n, 1)),
            "retention_sweep_seconds": ("REPORTSUITE_RETENTION_SWEEP_SECONDS", lambda e, n: _integer(e, n, 1)),
            "audit_retention_days": ("REPORTSUITE_AUDIT_RETENTION_DAYS", _integer),
            "request_id_retention_days": ("REPORTSUITE_REQUEST_ID_RETENTION_DAYS", lambda e, n: _integer(e, n, 1)),
            "email_max_attachment_bytes": ("REPORTSUITE_EMAIL_MAX_ATTACHMENT_BYTES", _integer),
            "secrets_key": ("REPORTSUITE_SECRETS_KEY", _secrets_key),
            "ftps_ca_file": ("REPORTSUITE_FTPS_CA_FILE", _text),
            "tokens_file": ("REPORTSUITE_TOKENS_FILE", lambda e, n: Path(_text(e, n))),
            "token": ("REPORTSUITE_TOKEN", _token),
            "service_token": ("REPORTSUITE_SERVICE_TOKEN", _token),
            "tls_cert_file": ("REPORTSUITE_TLS_CERT_FILE", _text),
            "tls_key_file": ("REPORTSUITE_TLS_KEY_FILE", _text),
            "tls_ca_file": ("REPORTSUITE_TLS_CA_FILE", _text),
            "tls_client_auth": ("REPORTSUITE_TLS_CLIENT_AUTH", _tls_client_auth),
            "otlp_endpoint": ("OTEL_EXPORTER_OTLP_ENDPOINT", _text),
            "log_level": ("REPORTSUITE_LOG_LEVEL", _log_level),
        }
        assert {f.name for f in fields(cls)} == set(readers)
        return cls(**{attr: read(env, var) for attr, (var, read) in readers.items()})


# RabbitMQ closes a consumer's channel after 30 minutes without an ack; an actor that ran
# longer would be redelivered and run twice at once.
RABBITMQ_CONSUMER_TIMEOUT_SECONDS = 1800


def _actor_time_limit(env: Mapping[str, str], name: str) -> int:
    value = _integer(env, name, 1)
    if value >= RABBITMQ_CONSUMER_TIMEOUT_SECONDS:
        raise SettingsError(
            f"{name}={value} must stay below RabbitMQ's consumer timeout "
            f"({RABBITMQ_CONSUMER_TIMEOUT_SECONDS} s)"
        )
    return value


def _token(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name).strip()
    # The value is a secret: the error names the variable, never the value.
    if any(not (33 <= ord(c) <= 126) for c in raw):
        raise SettingsError(f"{name} holds a character a bearer token cannot have (space or control)")
    return raw


def _tls_client_auth(env: Mapping[str, str], name: str) -> str:
    raw = _text(env, name).strip().lower()
    if raw not in {"none", "required"}:
        raise SettingsError(f"{name}={raw!r} must be 'none' or 'required'")
    return raw
