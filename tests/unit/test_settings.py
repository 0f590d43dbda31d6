"""Settings fail fast on a bad variable, naming it; the README documents exactly the variables in SETTINGS."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

import pytest

from reportsuite.cli.suite import configuration_table
from reportsuite.core.settings import SETTINGS, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = {variable.name: variable.default for variable in SETTINGS}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("REPORTSUITE_DATABASE_URL", "mysql://root@127.0.0.1/reportsuite"),
        ("REPORTSUITE_BROKER_URL", "redis://127.0.0.1:6379/0"),
        ("REPORTSUITE_CATALOG_ADDR", "127.0.0.1"),
        ("REPORTSUITE_SCHEDULER_ADDR", ":50052"),
        ("REPORTSUITE_GENERATOR_ADDR", "127.0.0.1:99999"),
        ("REPORTSUITE_DELIVERY_ADDR", "127.0.0.1:port"),
        ("REPORTSUITE_GRPC_WORKERS", "0"),
        ("REPORTSUITE_GRPC_WORKERS", "many"),
        ("REPORTSUITE_SHUTDOWN_GRACE_SECONDS", "-1"),
        ("REPORTSUITE_JOB_LEASE_SECONDS", "4"),
        ("REPORTSUITE_JOB_MAX_ATTEMPTS", "0"),
        ("REPORTSUITE_ACTOR_TIME_LIMIT_SECONDS", "1800"),
        ("REPORTSUITE_ACTOR_TIME_LIMIT_SECONDS", "0"),
        ("REPORTSUITE_REAPER_INTERVAL_SECONDS", "0.5"),
        ("REPORTSUITE_SMTP_PORT", "smtp"),
        ("REPORTSUITE_SMTP_TIMEOUT_SECONDS", "0"),
        ("REPORTSUITE_TRANSFER_TIMEOUT_SECONDS", ""),
        ("REPORTSUITE_RETENTION_DAYS", "0"),
        ("REPORTSUITE_LOG_LEVEL", "LOUD"),
        ("REPORTSUITE_EMAIL_MAX_ATTACHMENT_BYTES", "-1"),
        ("REPORTSUITE_SECRETS_KEY", "not-a-fernet-key"),
        ("REPORTSUITE_SECRETS_KEY", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=,short"),
        ("REPORTSUITE_TLS_CLIENT_AUTH", "optional"),
        ("REPORTSUITE_TOKEN", "rs1_two words"),
    ],
)
def test_a_bad_value_fails_fast_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(variable)):
        Settings.from_env({variable: value})


def test_a_queue_prefix_with_a_space_fails_fast() -> None:
    with pytest.raises(SettingsError, match="REPORTSUITE_QUEUE_PREFIX"):
        Settings.from_env({"REPORTSUITE_QUEUE_PREFIX": "my queues"})


def test_an_empty_environment_gives_the_documented_defaults() -> None:
    settings = Settings.from_env({})

    assert settings.catalog_addr == DEFAULTS["REPORTSUITE_CATALOG_ADDR"]
    assert settings.broker_url == DEFAULTS["REPORTSUITE_BROKER_URL"]
    assert settings.grpc_workers == int(DEFAULTS["REPORTSUITE_GRPC_WORKERS"])
    assert settings.actor_time_limit_seconds == int(DEFAULTS["REPORTSUITE_ACTOR_TIME_LIMIT_SECONDS"])
    assert settings.otlp_endpoint == ""


# A valid value other than the default for every variable that is not a whole number.
OTHER_VALUES = {
    "REPORTSUITE_DATABASE_URL": "postgresql+psycopg2://someone@db.invalid:5432/other",
    "REPORTSUITE_BROKER_URL": "stub://",
    "REPORTSUITE_FILE_STORE": "/srv/reports",
    "REPORTSUITE_CATALOG_ADDR": "127.0.0.1:1",
    "REPORTSUITE_SCHEDULER_ADDR": "127.0.0.1:2",
    "REPORTSUITE_GENERATOR_ADDR": "127.0.0.1:3",
    "REPORTSUITE_DELIVERY_ADDR": "127.0.0.1:4",
    "REPORTSUITE_SMTP_HOST": "mail.invalid",
    "REPORTSUITE_SMTP_SENDER": "other@reportsuite.invalid",
    "REPORTSUITE_SFTP_KNOWN_HOSTS": "/etc/known_hosts",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector.invalid:4317",
    "REPORTSUITE_LOG_LEVEL": "DEBUG",
    "REPORTSUITE_QUEUE_PREFIX": "staging.",
    "REPORTSUITE_SECRETS_KEY": "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=",
    "REPORTSUITE_FTPS_CA_FILE": "/etc/reportsuite/ftps-ca.pem",
    "REPORTSUITE_TOKENS_FILE": "/etc/reportsuite/tokens.json",
    "REPORTSUITE_SMTP_USERNAME": "reports",
    "REPORTSUITE_SMTP_PASSWORD": "mail-secret",
    "REPORTSUITE_TOKEN": "rs1_a-token",
    "REPORTSUITE_SERVICE_TOKEN": "rs1_a-service-token",
    "REPORTSUITE_TLS_CERT_FILE": "/etc/reportsuite/certs/service.pem",
    "REPORTSUITE_TLS_KEY_FILE": "/etc/reportsuite/certs/service.key",
    "REPORTSUITE_TLS_CA_FILE": "/etc/reportsuite/certs/ca.pem",
    "REPORTSUITE_TLS_CLIENT_AUTH": "required",
}


@pytest.mark.parametrize("variable", [v.name for v in SETTINGS])
def test_every_documented_variable_changes_exactly_one_setting(variable: str) -> None:
    other = OTHER_VALUES.get(variable) or str(int(DEFAULTS[variable]) + 1)
    defaults = asdict(Settings.from_env({}))
    changed = asdict(Settings.from_env({variable: other}))

    assert [key for key in defaults if defaults[key] != changed[key]] != []
    assert len([key for key in defaults if defaults[key] != changed[key]]) == 1


def test_every_setting_has_a_documented_variable() -> None:
    assert len(SETTINGS) == len(asdict(Settings.from_env({})))


def _readme_configuration() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (.*?) \| .* \|$", section, re.M)
    return {name: "" if default == "*(empty)*" else default.strip("`") for name, default in rows}


def test_readme_lists_exactly_the_variables_in_settings_with_their_defaults() -> None:
    assert _readme_configuration() == DEFAULTS


def test_readme_configuration_table_is_the_generated_one() -> None:
    # Regenerate with: reportsuite config --markdown
    assert configuration_table() in (ROOT / "README.md").read_text()
