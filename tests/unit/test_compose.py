"""docker-compose.yml says what the code accepts: commands, settings, ports, health checks, scaling.

There is no Docker engine on the build machines, so these tests read the YAML and hold every
ReportSuite container's command and environment against pyproject.toml's console scripts,
the entry points' own argument parsers and ``Settings.from_env``.
"""

from __future__ import annotations

import argparse
import importlib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.fernet import Fernet

from reportsuite.core.settings import SETTINGS, Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SCRIPTS: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
GRPC_SERVICES = ("catalog", "scheduler", "generator", "delivery")
WORKERS = ("generator-worker", "delivery-worker")
SUITE = (*GRPC_SERVICES, *WORKERS)
KNOWN_VARIABLES = {variable.name for variable in SETTINGS}


def service(name: str) -> dict[str, Any]:
    return COMPOSE["services"][name]


# What an operator exports before `docker compose up` for the file's required ${VAR:?...} values.
OPERATOR_EXPORTS = {
    "REPORTSUITE_SERVICE_TOKEN": "a-service-token",
    "REPORTSUITE_SECRETS_KEY": Fernet.generate_key().decode(),
}
REQUIRED = re.compile(r"\$\{(\w+):\?[^}]*\}")


def environment(name: str) -> dict[str, str]:
    """The service's environment as compose resolves it, given the operator's exports."""
    env = service(name).get("environment") or {}
    assert isinstance(env, dict), f"{name}: write environment as a mapping so it can be checked"
    return {key: REQUIRED.sub(lambda m: OPERATOR_EXPORTS[m.group(1)], str(value)) for key, value in env.items()}


def health_test(name: str) -> list[str]:
    test = service(name)["healthcheck"]["test"]
    return test[1:] if test[0] in ("CMD", "CMD-SHELL") else test


class _Parsed(Exception):
    """Raised instead of running a command once its arguments parsed cleanly."""


def parses(script: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> bool:
    """True when the console script's own parser accepts args; the command itself never runs."""
    module_name, function = SCRIPTS[script].split(":")
    entry = getattr(importlib.import_module(module_name), function)
    original = argparse.ArgumentParser.parse_args

    def parse_then_stop(self: argparse.ArgumentParser, *a: Any, **k: Any) -> Any:
        original(self, *a, **k)
        raise _Parsed

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_then_stop)
    try:
        entry(args)
    except _Parsed:
        return True
    except SystemExit:  # argparse's usage error
        return False
    finally:
        monkeypatch.undo()
    return False


@pytest.mark.parametrize("name", SUITE)
def test_command_is_a_console_script_with_a_subcommand_it_accepts(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    script, *args = service(name)["command"]
    assert script in SCRIPTS, f"{name}: {script} is not in pyproject.toml [project.scripts]"
    assert parses(script, args, monkeypatch), f"{name}: {script} refuses {args}"


def test_the_parser_check_itself_refuses_an_unknown_subcommand(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not parses("reportsuite-catalog", ["no-such-command"], monkeypatch)
    assert not parses("reportsuite", ["healthcheck", "--no-such-option"], monkeypatch)


@pytest.mark.parametrize("name", SUITE)
def test_health_check_command_is_one_reportsuite_accepts(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    script, *args = health_test(name)
    assert script == "reportsuite" and args[0] == "healthcheck"
    assert parses(script, args, monkeypatch), f"{name}: reportsuite refuses {args}"


@pytest.mark.parametrize("name", SUITE)
def test_every_variable_set_is_a_setting_and_its_value_is_accepted(name: str) -> None:
    env = environment(name)
    ours = {key for key in env if key.startswith(("REPORTSUITE_", "OTEL_"))}
    assert ours <= KNOWN_VARIABLES, f"{name}: unknown variables {sorted(ours - KNOWN_VARIABLES)}"
    Settings.from_env(env)  # raises SettingsError naming any bad value


@pytest.mark.parametrize("target", GRPC_SERVICES)
def test_listen_port_matches_exposed_port_health_check_and_what_others_call(target: str) -> None:
    variable = f"REPORTSUITE_{target.upper()}_ADDR"
    host, _, port = environment(target)[variable].rpartition(":")
    assert host == "0.0.0.0", f"{target} must listen on all interfaces of its container"
    assert port in [str(p) for p in service(target)["expose"]]
    assert any(str(p).endswith(f":{port}") for p in service(target).get("ports", []))
    assert f"127.0.0.1:{port}" in health_test(target)
    for caller in SUITE:
        if caller != target:
            assert environment(caller)[variable] == f"{target}:{port}", f"{caller} calls {target} elsewhere"


@pytest.mark.parametrize("name", WORKERS)
def test_workers_can_be_scaled(name: str) -> None:
    assert "container_name" not in service(name)
    assert "ports" not in service(name)


def test_no_container_has_a_fixed_name() -> None:
    assert [name for name, spec in COMPOSE["services"].items() if "container_name" in spec] == []


@pytest.mark.parametrize("name", sorted(COMPOSE["services"]))
def test_every_container_has_a_health_check(name: str) -> None:
    assert service(name)["healthcheck"]["test"]


@pytest.mark.parametrize("name", sorted(COMPOSE["services"]))
def test_dependencies_wait_until_healthy(name: str) -> None:
    for dependency, spec in (service(name).get("depends_on") or {}).items():
        assert spec == {"condition": "service_healthy"}, f"{name} -> {dependency}"
        assert "healthcheck" in service(dependency)


@pytest.mark.parametrize("name", SUITE)
def test_suite_containers_share_the_file_store_volume_and_send_traces_to_jaeger(name: str) -> None:
    store = environment(name)["REPORTSUITE_FILE_STORE"]
    volumes = [str(v).split(":") for v in service(name)["volumes"]]
    assert any(target == store and source in COMPOSE["volumes"] for source, target, *_ in volumes)
    assert environment(name)["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://jaeger:4317"
    assert environment(name)["REPORTSUITE_DATABASE_URL"].split("@")[1].startswith("postgres:5432/")
    assert "@rabbitmq:5672/" in environment(name)["REPORTSUITE_BROKER_URL"]


def test_backing_services_are_the_ones_the_suite_is_built_for() -> None:
    assert service("postgres")["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(health_test("postgres"))
    assert service("rabbitmq")["image"].startswith("rabbitmq:3-management")
    assert service("jaeger")["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"


def test_image_is_python_311_slim_running_as_a_non_root_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.M)
    user = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert user and user[-1] not in ("root", "0")
    assert all(service(name)["build"] == "." for name in SUITE)
