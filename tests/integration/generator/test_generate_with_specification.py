"""The generate stage with an output specification: the exact .txt files, over the hand-worked activity.

The specification text goes through the catalog's own parser and translation (as the real catalog
answers GetOutputSpecification), served by the fake catalog; the generator and PostgreSQL are real.
The rows are those of activity.expected_campaign_csv, in the same order.
"""

from __future__ import annotations

from pathlib import Path

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.generator.v1 import generator_pb2_grpc
from services.catalog.domain.spec_parser import parse_specification
from services.catalog.entrypoints.spec_translate import format_to_proto
from services.generator.domain.generation import Generation, Outcome, generate_report
from tests.integration.generator import activity
from tests.integration.generator.fakes import Peers

Stub = generator_pb2_grpc.GeneratorServiceStub


def _run_with(peers: Peers, generation: Generation, account: str, text: str, *,
              target: str = "c1", level: catalog_pb2.Level = catalog_pb2.LEVEL_CAMPAIGN) -> str:
    """Serves text as the definition's specification, generates job j1 and returns the file's text."""
    name = f"accounts/{account}/outputSpecifications/spec"
    peers.catalog.specifications[name] = catalog_pb2.OutputSpecification(
        name=name, format=format_to_proto(parse_specification(text.encode())))
    job = activity.job(account, level=level, target=target)
    job.report.output.output_specification = name
    peers.scheduler.add_job(job)
    assert generate_report(job.name, generation) is Outcome.COMPLETED, peers.scheduler.calls.of("FailJobStage")
    path: Path = peers.settings.file_store / "reports" / account / "j1.txt"
    return path.read_bytes().decode()


def test_a_renamed_reordered_subset_tab_delimited_quoted_without_header(peers, generation, account):
    written = _run_with(peers, generation, account, (
        "report All Attempts\ndelimiter tab\nquoting all\nheader off\n"
        "field Status as Result\nfield ClientID\nfield MessageContent as Text\nfield BestContact\n"))

    assert written == "".join(f'"{status}"\t"{client}"\t"{text}"\t"{best}"\n' for status, client, text, best in [
        ("DELIVEREDMACHINE", "C4", "", "1"), ("DELIVEREDPERSON", "C1", "", "1"), ("BUSY", "C2", "", "0"),
        ("NOANSWER", "C1", "", "0"), ("NOANSWER", "C2", "", "1"),
        ("TEXT_MSG_RECEIVED", "C3", 'Yes, call me\n""tomorrow""', "1"),
        ("BUSY", "C5", "", "0"), ("NOANSWER", "C5", "", "1"), ("NOANSWER", "C1", "", "0"),
        ("BOUNCEDEMAIL_GENERAL", "C6", "", "1"),
    ])


def test_minimal_quoting_with_a_header_dates_and_decimals(peers, generation, account):
    written = _run_with(peers, generation, account, (
        "report All Attempts\ndelimiter ;\n"
        "field AttemptID as Attempt\n"
        "field CompleteTime as \"Completed; local\" date \"EEE d MMM yy h:mm:ss a\"\n"
        "field StartTime as Day date \"yyyyMMdd 'day' D\"\n"
        "field TalkSeconds as Talk decimals 2\n"
        "field MessageContent\n"), target="s2", level=catalog_pb2.LEVEL_SUB_CAMPAIGN)

    p = account
    assert written == (
        'Attempt;"Completed; local";Day;Talk;MessageContent\n'
        f'{p}-a6;Fri 1 Mar 24 8:30:05 AM;20240301 day 61;0.00;"Yes, call me\n""tomorrow"""\n'
        f"{p}-a7;Fri 1 Mar 24 9:05:00 AM;20240301 day 61;0.00;\n"
        f"{p}-a8;Fri 1 Mar 24 9:05:00 AM;20240301 day 61;0.00;\n"
        f"{p}-a9;Fri 1 Mar 24 10:01:00 AM;20240301 day 61;0.00;\n"
    )


def test_fixed_width_columns_pad_align_and_cut_with_crlf_line_ends(peers, generation, account):
    written = _run_with(peers, generation, account, (
        "report All Attempts\nlayout fixed\nline-ending CRLF\n"
        "field ClientID as Client width 7\n"
        "field Status width 8\n"
        "field Rank width 4 align right\n"
        "field StartTime as Started width 16 date \"MM/dd/yyyy HH:mm\"\n"
        "field MessageContent as Message width 12\n"), target="s2", level=catalog_pb2.LEVEL_SUB_CAMPAIGN)

    assert written == (
        "Client Status  Rank" "Started         " "Message     \r\n"
        "C3     TEXT_MSG   8" "03/01/2024 08:30" "Yes, call me\r\n"
        "C5     BUSY       4" "03/01/2024 09:00" "            \r\n"
        "C5     NOANSWER   4" "03/01/2024 09:02" "            \r\n"
        "C1     NOANSWER   4" "03/01/2024 10:00" "            \r\n"
    )


def test_quoting_none_turns_line_breaks_and_delimiters_in_values_into_spaces(peers, generation, account):
    written = _run_with(peers, generation, account, (
        "report All Attempts\nquoting none\ndelimiter ,\nfield ClientID\nfield MessageContent\nfield Channel\n"),
        target="s2", level=catalog_pb2.LEVEL_SUB_CAMPAIGN)

    assert written == (
        "ClientID,MessageContent,Channel\n"
        'C3,Yes  call me "tomorrow",Text\n'
        "C5,,Voice\n"
        "C5,,Voice\n"
        "C1,,Voice\n"
    )


def test_a_report_with_a_specification_is_registered_as_text_and_named_as_txt(peers, generation, account):
    _run_with(peers, generation, account, "report All Attempts\nfield ClientID\n")

    [asked] = peers.delivery.calls.of("PreviewFileName")
    assert asked.has_output_specification is True
    [created] = peers.catalog.calls.of("CreateSavedReport")
    saved = created.saved_report
    assert (saved.content_type, saved.storage_key, saved.row_count) == (
        "text/plain", f"reports/{account}/j1.txt", 10)
    [fetched] = peers.catalog.calls.of("GetOutputSpecification")
    assert fetched.name == f"accounts/{account}/outputSpecifications/spec"


def test_without_a_specification_the_csv_is_unchanged(peers, generation, account):
    peers.scheduler.add_job(activity.job(account))

    assert generate_report(f"accounts/{account}/jobs/j1", generation) is Outcome.COMPLETED

    written = (peers.settings.file_store / "reports" / account / "j1.csv").read_bytes().decode()
    assert written == activity.expected_campaign_csv(account)
    [created] = peers.catalog.calls.of("CreateSavedReport")
    assert created.saved_report.content_type == "text/csv"
    assert peers.catalog.calls.of("GetOutputSpecification") == []


def test_a_specification_that_is_gone_fails_the_job_for_good(peers, generation, account):
    job = activity.job(account)
    job.report.output.output_specification = f"accounts/{account}/outputSpecifications/gone"
    peers.scheduler.add_job(job)

    assert generate_report(job.name, generation) is Outcome.FAILED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert failed.retryable is False
    assert "outputSpecifications/gone does not exist" in failed.reason
    assert peers.catalog.calls.of("CreateSavedReport") == []


def test_a_specification_naming_a_field_the_generator_lacks_fails_the_job_for_good(peers, generation, account):
    name = f"accounts/{account}/outputSpecifications/odd"
    output = format_to_proto(parse_specification(b"report All Attempts\nfield ClientID\n"))
    output.fields[0].field = "Cost"
    peers.catalog.specifications[name] = catalog_pb2.OutputSpecification(name=name, format=output)
    job = activity.job(account)
    job.report.output.output_specification = name
    peers.scheduler.add_job(job)

    assert generate_report(job.name, generation) is Outcome.FAILED

    [failed] = peers.scheduler.calls.of("FailJobStage")
    assert (failed.retryable, failed.reason) == (
        False, f"output specification {name}: the report has no field 'Cost'")
