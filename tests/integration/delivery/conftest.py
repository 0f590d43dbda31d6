"""Fixtures for the delivery service's integration tests: fakes, real servers, a wired stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.core import db, timestamps
from reportsuite.core.filestore import FileStore
from reportsuite.core.settings import Settings
from reportsuite.scheduler.v1 import scheduler_pb2
from services.delivery import bootstrap
from services.delivery.adapters.host_keys import HostKeyRepository
from services.delivery.domain.deliver import DeliverStage
from services.delivery.domain.host_keys import HostKey, OfferedKey
from tests.integration.delivery.fakes import FakeCatalog, FakeScheduler, masked, serve
from tests.support.servers import SftpServer, SmtpServer, sftp_server, smtp_server

CONTENT = b"ClientID,Status,BestContact\r\n1001,DELIVEREDPERSON,1\r\n1002,BUSY,0\r\n\xc3\xa9t\xc3\xa9,NOANSWER,1\r\n"


@pytest.fixture(scope="session")
def migrated() -> None:
    bootstrap.migrate(Settings.from_env())


@dataclass
class World:
    """The fakes, servers and settings one test delivers with."""

    scheduler: FakeScheduler
    catalog: FakeCatalog
    settings: Settings
    files: FileStore
    smtp: SmtpServer
    sftp: SftpServer
    known_hosts: Path

    def pin_host_key(self, account: str) -> None:
        """Pins the SFTP server's key for one account, as PinHostKey does."""
        key = OfferedKey(*self.sftp.known_hosts_line.split()[1:3])
        engine = db.make_engine(self.settings.database_url, pool_size=1)
        try:
            HostKeyRepository(engine).add(HostKey(account, self.sftp.host, self.sftp.port, key), "")
        finally:
            engine.dispose()

    def pin_in_known_hosts(self) -> None:
        """Pins the SFTP server's key for every account, in the operator's known_hosts file."""
        self.known_hosts.write_text(self.sftp.known_hosts_line + "\n")

    def add_job(self, unique_id: str, *, emails: str = "", transfer: str = "", protocol: int = 0,
                display_name: str = "Daily attempts", content: bytes = CONTENT,
                deleted_definition: bool = False, zip: bool = False, pgp: bool = False) -> str:
        """Registers a generated report and its job; returns the job's name."""
        account = f"accounts/{unique_id}"
        definition = catalog_pb2.ReportDefinition(
            name=f"{account}/reports/r1", display_name=display_name,
            report_type=catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS, level=catalog_pb2.LEVEL_CAMPAIGN, target="c1",
            output=catalog_pb2.OutputOptions(
                email_addresses=emails,
                file_transfer=catalog_pb2.FileTransfer(protocol=protocol, destination=transfer),  # type: ignore[arg-type]
                zip=zip, pgp_encrypt=pgp,
            ),
        )
        key = f"reports/{unique_id}/j1.csv"
        with self.files.writer(key) as handle:
            handle.write(content)
        saved = catalog_pb2.SavedReport(
            name=f"{account}/savedReports/s1", report_definition=definition.name, job=f"{account}/jobs/j1",
            display_name=display_name, file_name=f"Daily attempts_Widgets_{unique_id}.csv",
            content_type="text/csv", storage_key=key, size_bytes=len(content),
        )
        job = scheduler_pb2.Job(
            name=f"{account}/jobs/j1", report_definition=definition.name, state=scheduler_pb2.Job.STATE_DELIVERING,
            report=masked(definition), saved_report=saved.name,
            window_start=timestamps.to_proto(datetime(2026, 3, 7, 5, tzinfo=UTC)),
            window_end=timestamps.to_proto(datetime(2026, 3, 8, 5, tzinfo=UTC)),
        )
        if not deleted_definition:
            self.catalog.definitions[definition.name] = definition
        self.catalog.saved_reports[saved.name] = saved
        self.scheduler.jobs[job.name] = job
        return job.name

    def file_name(self, job: str) -> str:
        return self.catalog.saved_reports[self.scheduler.jobs[job].saved_report].file_name


@pytest.fixture
def world(migrated: None, tmp_path: Path) -> Iterator[World]:
    scheduler, catalog = FakeScheduler(), FakeCatalog()
    with serve(scheduler, catalog) as (scheduler_service, catalog_service), smtp_server() as smtp, \
            sftp_server(tmp_path / "sftp-root") as sftp:
        (sftp.root / "in").mkdir()
        settings = dataclasses.replace(
            Settings.from_env(),
            scheduler_addr=f"127.0.0.1:{scheduler_service.port}", catalog_addr=f"127.0.0.1:{catalog_service.port}",
            smtp_host=smtp.host, smtp_port=smtp.port, sftp_known_hosts=tmp_path / "known_hosts",
            file_store=tmp_path / "files", smtp_timeout_seconds=5, transfer_timeout_seconds=5,
        )
        yield World(scheduler, catalog, settings, FileStore(settings.file_store), smtp, sftp, tmp_path / "known_hosts")


@pytest.fixture
def stage(world: World) -> Iterator[DeliverStage]:
    built, release = bootstrap.build_stage(world.settings)
    yield built
    release()
