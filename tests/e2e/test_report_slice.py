"""The walking skeleton's slice, end to end, with every service in its own process.

Given a few thousand contact attempts streamed into the generator, when an operator creates
an All Attempts campaign report over Explicit Dates and runs it, then the job moves through
queued, generating, delivering and succeeded, the CSV lands on a real SFTP server and in a
real SMTP server's mailboxes, and the saved report downloads as the same bytes.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import clients
from reportsuite.core.timestamps import to_proto
from reportsuite.generator.v1 import generator_pb2
from reportsuite.scheduler.v1 import scheduler_pb2
from tests.support.processes import running_suite
from tests.support.servers import sftp_server, smtp_server

pytestmark = pytest.mark.e2e

VOICE = ["DELIVEREDPERSON", "DELIVEREDMACHINE", "NOANSWER", "BUSY", "MACHINE_HANGUP"]
TEXT = ["TEXT_MSG_SENT", "TEXT_MSG_RECEIVED", "TEXT_MSG_FAILED"]
EMAIL = ["SENTEMAIL", "OPENEDEMAIL", "BOUNCEDEMAIL_GENERAL"]
WINDOW_START = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # midnight Europe/London (GMT in November)
WINDOW_END = datetime(2026, 11, 5, 0, 0, tzinfo=UTC)


def make_attempts(account: str, count: int) -> list[generator_pb2.Attempt]:
    """Attempts spread over six days, half of them inside the report's three-day window."""
    rng = random.Random(7)
    attempts = []
    for i in range(count):
        channel, statuses, device = rng.choice(
            [
                (generator_pb2.CHANNEL_VOICE, VOICE, f"+1555{rng.randrange(10**7):07d}"),
                (generator_pb2.CHANNEL_TEXT, TEXT, f"+1555{rng.randrange(10**7):07d}"),
                (generator_pb2.CHANNEL_EMAIL, EMAIL, f"c{i}@example.com"),
            ]
        )
        start = WINDOW_START - timedelta(days=1, hours=12) + timedelta(seconds=rng.randrange(6 * 86400))
        attempts.append(
            generator_pb2.Attempt(
                attempt_id=f"{account}-a{i}", account=account, campaign="spring", sub_campaign="wave1",
                client_id=f"C{rng.randrange(count // 3)}", channel=channel, device=device,
                status=rng.choice(statuses), start_time=to_proto(start),
                complete_time=to_proto(start + timedelta(seconds=rng.randrange(5, 120))),
                ring_seconds=rng.randrange(30), talk_seconds=rng.randrange(90),
            )
        )
    return attempts


def in_window(attempt: generator_pb2.Attempt) -> bool:
    complete = attempt.complete_time.ToDatetime(tzinfo=UTC)
    return WINDOW_START <= complete < WINDOW_END


def ingest_into(address: str, account: str, attempts: list[generator_pb2.Attempt]) -> None:
    """Streams the account, its Spring Renewals campaign and the attempts into the generator."""
    generator = clients.generator(address)
    generator.IngestAccounts(iter([generator_pb2.IngestAccountsRequest(accounts=[generator_pb2.Account(
        name=f"accounts/{account}", display_name="Acme Widgets", enterprise="acme",
        reports_time_zone="Europe/London")])]), timeout=30)
    generator.IngestCampaigns(iter([generator_pb2.IngestCampaignsRequest(campaigns=[generator_pb2.Campaign(
        name=f"accounts/{account}/campaigns/spring", display_name="Spring Renewals",
        start_time=to_proto(WINDOW_START - timedelta(days=10)),
        sub_campaigns=[generator_pb2.SubCampaign(id="wave1", display_name="Wave 1", contact_list="renewals")],
    )])]), timeout=30)

    def batches() -> Iterator[generator_pb2.IngestAttemptsRequest]:
        for i in range(0, len(attempts), 1000):
            yield generator_pb2.IngestAttemptsRequest(attempts=attempts[i : i + 1000])

    reply = generator.IngestAttempts(batches(), timeout=120)
    assert (reply.stored, reply.duplicates, list(reply.rejected)) == (len(attempts), 0, [])


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple]:
    sftp_root = tmp_path / "sftp"
    (sftp_root / "in").mkdir(parents=True)
    with sftp_server(sftp_root) as sftp, smtp_server() as smtp:
        yield sftp, sftp_root, smtp


def test_all_attempts_report_travels_from_ingest_to_sftp_email_and_download(
    tmp_path: Path, servers: tuple, unique_id: str
) -> None:
    sftp, sftp_root, smtp = servers
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(sftp.known_hosts_line + "\n")
    overrides = {
        "REPORTSUITE_SMTP_HOST": smtp.host, "REPORTSUITE_SMTP_PORT": str(smtp.port),
        "REPORTSUITE_SFTP_KNOWN_HOSTS": str(known_hosts),
        "REPORTSUITE_FILE_STORE": str(tmp_path / "files"),
    }
    account = unique_id
    attempts = make_attempts(account, 3000)
    with running_suite(tmp_path / "logs", overrides) as suite:
        ingest_into(suite.address("generator"), account, attempts)
        catalog = clients.catalog(suite.address("catalog"))
        scheduler = clients.scheduler(suite.address("scheduler"))
        definition = catalog.CreateReportDefinition(catalog_pb2.CreateReportDefinitionRequest(
            parent=f"accounts/{account}", request_id=f"{unique_id}-def",
            report_definition=catalog_pb2.ReportDefinition(
                display_name="Daily attempts", report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS,
                level=catalog_pb2.LEVEL_CAMPAIGN, target="spring",
                time_frame=catalog_pb2.TimeFrame(kind=catalog_pb2.TimeFrame.KIND_EXPLICIT_DATES,
                                                  start="2026-11-02T00:00", end="2026-11-05T00:00",
                                                  time_zone="Europe/London"),
                output=catalog_pb2.OutputOptions(
                    email_addresses="ops@example.com, audit@example.com",
                    file_transfer=catalog_pb2.FileTransfer(
                        protocol=catalog_pb2.FileTransfer.PROTOCOL_SFTP,
                        destination=f"reports:s3cret@{sftp.host}:{sftp.port}/in"),
                    file_name_format="<CAMPAIGN>_<ACCOUNT>_<START:yyyyMMdd>_<DATE:yyyyMMdd>",
                ),
            ),
        ), timeout=30).report_definition
        assert "s3cret" not in definition.output.file_transfer.destination

        job = scheduler.RunReport(scheduler_pb2.RunReportRequest(
            report_definition=definition.name, request_id=f"{unique_id}-run"), timeout=30).job
        states = [update.job.state for update in scheduler.WatchJob(
            scheduler_pb2.WatchJobRequest(name=job.name), timeout=180)]
        final = scheduler.GetJob(scheduler_pb2.GetJobRequest(name=job.name), timeout=30).job
        assert final.state == scheduler_pb2.Job.STATE_SUCCEEDED, (final.failure_reason, suite.log("generator-worker"),
                                                                   suite.log("delivery-worker"))
        assert states == [scheduler_pb2.Job.STATE_QUEUED, scheduler_pb2.Job.STATE_GENERATING,
                          scheduler_pb2.Job.STATE_DELIVERING, scheduler_pb2.Job.STATE_SUCCEEDED]
        assert final.window_start.ToDatetime(tzinfo=UTC) == WINDOW_START
        assert final.window_end.ToDatetime(tzinfo=UTC) == WINDOW_END

        saved = catalog.ListSavedReports(catalog_pb2.ListSavedReportsRequest(
            parent=f"accounts/{account}", report_definition=definition.name), timeout=30).saved_reports
        assert [s.name for s in saved] == [final.saved_report]
        downloaded = b"".join(chunk.data for chunk in catalog.DownloadSavedReport(
            catalog_pb2.DownloadSavedReportRequest(name=final.saved_report), timeout=60))
        run_date = final.create_time.ToDatetime()
        assert saved[0].file_name == f"Spring Renewals_Acme Widgets_20261023_{run_date:%Y%m%d}.csv"

        rows = list(csv.DictReader(io.StringIO(downloaded.decode())))
        expected = [a for a in attempts if in_window(a)]
        assert len(rows) == len(expected) == final.row_count == saved[0].row_count
        assert {r["AttemptID"] for r in rows} == {a.attempt_id for a in expected}
        assert sum(r["BestContact"] == "1" for r in rows) == len({a.client_id for a in expected})

        assert (sftp_root / "in" / saved[0].file_name).read_bytes() == downloaded
        assert not [p for p in (sftp_root / "in").iterdir() if p.name != saved[0].file_name]
        mailed = {tuple(rcpts): msg for rcpts, msg in smtp.envelopes}
        assert set(mailed) == {("ops@example.com",), ("audit@example.com",)}
        for message in mailed.values():
            (attachment,) = list(message.iter_attachments())
            assert attachment.get_filename() == saved[0].file_name
            assert attachment.get_payload(decode=True) == downloaded
        outcomes = {d.destination: d.state for d in final.deliveries}
        assert outcomes == {
            "email:ops@example.com": scheduler_pb2.DeliveryOutcome.STATE_SUCCEEDED,
            "email:audit@example.com": scheduler_pb2.DeliveryOutcome.STATE_SUCCEEDED,
            f"sftp://reports@{sftp.host}:{sftp.port}/in": scheduler_pb2.DeliveryOutcome.STATE_SUCCEEDED,
        }
        for name in list(suite.processes):
            assert suite.stop(name) == 0, suite.log(name)
