"""The catalog's resource names, parsed with reportsuite.core.names and built back."""

from __future__ import annotations

import secrets

from reportsuite.core import names as core_names

ACCOUNT = "accounts/{account}"
REPORT = "accounts/{account}/reports/{report}"
SAVED_REPORT = "accounts/{account}/savedReports/{saved_report}"
JOB = "accounts/{account}/jobs/{job}"
OUTPUT_SPECIFICATION = "accounts/{account}/outputSpecifications/{output_specification}"


def new_id() -> str:
    """A fresh server-assigned id: 16 random hex digits, valid for core.names.ID_PATTERN."""
    return secrets.token_hex(8)


def parse_account(value: str, field: str) -> str:
    """Returns the account id of "accounts/{account}", or raises InvalidArgument naming field."""
    return core_names.parse(ACCOUNT, value, field)["account"]


def parse_report(value: str, field: str) -> tuple[str, str]:
    """Returns (account, report) of a report definition's name."""
    found = core_names.parse(REPORT, value, field)
    return found["account"], found["report"]


def parse_saved_report(value: str, field: str) -> tuple[str, str]:
    """Returns (account, saved_report) of a saved report's name."""
    found = core_names.parse(SAVED_REPORT, value, field)
    return found["account"], found["saved_report"]


def parse_job(value: str, field: str) -> tuple[str, str]:
    """Returns (account, job) of a scheduler job's name."""
    found = core_names.parse(JOB, value, field)
    return found["account"], found["job"]


def parse_output_specification(value: str, field: str) -> tuple[str, str]:
    """Returns (account, output_specification) of an output specification's name."""
    found = core_names.parse(OUTPUT_SPECIFICATION, value, field)
    return found["account"], found["output_specification"]


def output_specification(account: str, spec_id: str) -> str:
    return f"accounts/{account}/outputSpecifications/{spec_id}"


def report(account: str, report_id: str) -> str:
    return f"accounts/{account}/reports/{report_id}"


def saved_report(account: str, saved_report_id: str) -> str:
    return f"accounts/{account}/savedReports/{saved_report_id}"


def job(account: str, job_id: str) -> str:
    return f"accounts/{account}/jobs/{job_id}"
