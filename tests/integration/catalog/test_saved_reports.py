"""Saved reports through the catalog's gRPC API: register, read, list, download, delete."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core.errors import error_details
from reportsuite.core.filestore import FileStore
from reportsuite.core.settings import Settings
from tests.integration.catalog.support import definition, rpc_error

WINDOW_START = datetime(2024, 11, 1, 4, tzinfo=UTC)
WINDOW_END = datetime(2024, 12, 1, 4, tzinfo=UTC)


def stamp(value: datetime) -> Timestamp:
    result = Timestamp()
    result.FromDatetime(value)
    return result


@pytest.fixture
def report_definition(catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str) -> str:
    return catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition())).report_definition.name


class Registrar:
    """Writes report files into the artifact store and registers them, as the generator does."""

    def __init__(self, catalog: catalog_pb2_grpc.CatalogServiceStub, store: FileStore, parent: str,
                 report_definition: str) -> None:
        self.catalog, self.store, self.parent, self.report_definition = catalog, store, parent, report_definition
        self.account = parent.split("/")[1]

    def message(self, job: str, data: bytes, **changes: object) -> pb.SavedReport:
        key = f"reports/{self.account}/{job}.csv"
        with self.store.writer(key) as handle:
            handle.write(data)
        fields = {
            "report_definition": self.report_definition, "job": f"{self.parent}/jobs/{job}",
            "display_name": "Daily best contact", "report_type": pb.REPORT_TYPE_BEST_CONTACT,
            "file_name": f"{job}.csv", "content_type": "text/csv", "size_bytes": len(data),
            "row_count": data.count(b"\n") - 1, "sha256": hashlib.sha256(data).hexdigest(),
            "window_start": stamp(WINDOW_START), "window_end": stamp(WINDOW_END), "storage_key": key,
            **changes,
        }
        return pb.SavedReport(**fields)

    def register(self, job: str, data: bytes = b"ClientID,Status\n1,DELIVERED\n", request_id: str = "",
                 **changes: object) -> pb.SavedReport:
        message = self.message(job, data, **changes)
        return self.catalog.CreateSavedReport(pb.CreateSavedReportRequest(
            parent=self.parent, saved_report=message, request_id=request_id)).saved_report


@pytest.fixture
def registrar(catalog, store, parent, report_definition) -> Registrar:
    return Registrar(catalog, store, parent, report_definition)


def listed(catalog, parent: str, **request: Any) -> list[str]:
    response = catalog.ListSavedReports(pb.ListSavedReportsRequest(parent=parent, **request))
    return [r.name for r in response.saved_reports]


def download(catalog, name: str) -> list[bytes]:
    return [chunk.data for chunk in catalog.DownloadSavedReport(pb.DownloadSavedReportRequest(name=name))]


def test_registered_report_keeps_its_facts_and_expires_after_retention(registrar, settings: Settings, parent):
    before = datetime.now(UTC)
    saved = registrar.register("job-1")

    assert saved.name.startswith(parent + "/savedReports/")
    assert saved.report_definition == registrar.report_definition
    assert saved.job == f"{parent}/jobs/job-1"
    assert (saved.file_name, saved.content_type, saved.row_count) == ("job-1.csv", "text/csv", 1)
    assert saved.window_start.ToDatetime(tzinfo=UTC) == WINDOW_START
    created = saved.create_time.ToDatetime(tzinfo=UTC)
    assert before <= created <= datetime.now(UTC)
    assert saved.expire_time.ToDatetime(tzinfo=UTC) - created == timedelta(days=settings.retention_days)
    got = registrar.catalog.GetSavedReport(pb.GetSavedReportRequest(name=saved.name)).saved_report
    assert got == saved


def test_one_job_makes_at_most_one_saved_report(registrar, catalog, parent):
    job = f"{parent}/jobs/job-2"
    first = registrar.register("job-2", request_id=job)
    again = registrar.register("job-2", request_id=job)

    assert again == first
    assert listed(catalog, parent) == [first.name]


def test_a_report_whose_file_is_not_stored_is_refused(registrar, catalog, parent):
    message = registrar.message("job-3", b"a\n", storage_key=f"reports/{registrar.account}/never-written.csv")

    error = rpc_error(lambda: catalog.CreateSavedReport(pb.CreateSavedReportRequest(
        parent=parent, saved_report=message)))

    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(error)["field"] == "saved_report.storage_key"


BROKEN = {
    "no display name": ({"display_name": ""}, "saved_report.display_name"),
    "no report type": ({"report_type": pb.REPORT_TYPE_UNSPECIFIED}, "saved_report.report_type"),
    "no report definition": ({"report_definition": ""}, "saved_report.report_definition"),
    "another account's definition": ({"report_definition": "accounts/other/reports/r1"},
                                     "saved_report.report_definition"),
    "file name with a slash": ({"file_name": "a/b.csv"}, "saved_report.file_name"),
    "sha256 that is not hex": ({"sha256": "xyz"}, "saved_report.sha256"),
    "size that is not the file's": ({"size_bytes": 1}, "saved_report.size_bytes"),
    "storage key climbing out of the store": ({"storage_key": "../etc/passwd"}, "saved_report.storage_key"),
    "window end before start": ({"window_end": stamp(WINDOW_START - timedelta(hours=1))}, "saved_report.window_end"),
}


@pytest.mark.parametrize(("changes", "field"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_saved_report_is_invalid_argument_naming_the_field(registrar, catalog, parent, changes, field):
    message = registrar.message("job-bad", b"ClientID\n1\n", **changes)

    error = rpc_error(lambda: catalog.CreateSavedReport(pb.CreateSavedReportRequest(
        parent=parent, saved_report=message)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_details(error)["field"] == field


def test_list_pages_newest_first_and_filters_by_definition(registrar, catalog, parent, report_definition):
    other_definition = catalog.CreateReportDefinition(pb.CreateReportDefinitionRequest(
        parent=parent, report_definition=definition(display_name="other"))).report_definition.name
    mine = [registrar.register(f"job-{i}").name for i in range(3)]
    theirs = registrar.register("job-other", report_definition=other_definition).name

    first = catalog.ListSavedReports(pb.ListSavedReportsRequest(
        parent=parent, page_size=2, report_definition=report_definition))
    second = catalog.ListSavedReports(pb.ListSavedReportsRequest(
        parent=parent, page_size=2, report_definition=report_definition, page_token=first.next_page_token))

    assert [r.name for r in first.saved_reports] + [r.name for r in second.saved_reports] == mine[::-1]
    assert second.next_page_token == ""
    assert listed(catalog, parent) == [theirs, *mine[::-1]]


def test_download_returns_the_files_bytes_in_chunks(registrar, catalog):
    data = b"ClientID,Status\n" + os.urandom(3 * 1024 * 1024 + 12345)
    saved = registrar.register("job-big", data)

    chunks = download(catalog, saved.name)

    assert b"".join(chunks) == data
    assert len(chunks) == 4
    assert max(len(c) for c in chunks) == 1024 * 1024
    assert hashlib.sha256(b"".join(chunks)).hexdigest() == saved.sha256


def test_a_report_whose_file_vanished_is_not_listed_nor_downloadable(registrar, catalog, store, parent):
    kept = registrar.register("job-kept")
    lost = registrar.register("job-lost")
    store.delete(lost.storage_key)

    error = rpc_error(lambda: download(catalog, lost.name))

    assert listed(catalog, parent) == [kept.name]
    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(error)["field"] == "name"


def test_pages_stay_full_when_files_vanished(registrar, catalog, store, parent):
    names = [registrar.register(f"job-{i}") for i in range(6)]
    for lost in names[3:5]:
        store.delete(lost.storage_key)

    first = catalog.ListSavedReports(pb.ListSavedReportsRequest(parent=parent, page_size=3))
    second = catalog.ListSavedReports(pb.ListSavedReportsRequest(
        parent=parent, page_size=3, page_token=first.next_page_token))

    assert [r.name for r in first.saved_reports] == [names[5].name, names[2].name, names[1].name]
    assert [r.name for r in second.saved_reports] == [names[0].name]
    assert second.next_page_token == ""


def test_unknown_saved_report_is_not_found(catalog, parent):
    name = f"{parent}/savedReports/nope"

    for call in (lambda: catalog.GetSavedReport(pb.GetSavedReportRequest(name=name)),
                 lambda: download(catalog, name),
                 lambda: catalog.DeleteSavedReport(pb.DeleteSavedReportRequest(name=name))):
        error = rpc_error(call)
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert error_details(error)["field"] == "name"


def test_delete_removes_the_record_and_its_file(registrar, catalog, store, parent):
    saved = registrar.register("job-del")

    catalog.DeleteSavedReport(pb.DeleteSavedReportRequest(name=saved.name))

    assert not store.exists(saved.storage_key)
    assert listed(catalog, parent) == []
    error = rpc_error(lambda: catalog.GetSavedReport(pb.GetSavedReportRequest(name=saved.name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_retried_delete_with_the_same_request_id_succeeds(registrar, catalog):
    saved = registrar.register("job-del2")
    request = pb.DeleteSavedReportRequest(name=saved.name, request_id="del-saved-1")

    catalog.DeleteSavedReport(request)
    catalog.DeleteSavedReport(request)

    assert not registrar.store.exists(saved.storage_key)


def test_deleting_a_definition_leaves_its_saved_reports(registrar, catalog, parent, report_definition):
    saved = registrar.register("job-keep")

    catalog.DeleteReportDefinition(pb.DeleteReportDefinitionRequest(name=report_definition))

    assert listed(catalog, parent) == [saved.name]
    assert download(catalog, saved.name) == [b"ClientID,Status\n1,DELIVERED\n"]
