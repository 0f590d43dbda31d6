"""Hand-written fakes of the catalog and the generator, served on real gRPC servers (port 0).

They serve canned report definitions, accounts and campaigns that each test adds.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import grpc

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from reportsuite.core import timestamps
from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc


class FakeCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    """Serves the definitions added with add(); any other name is NOT_FOUND."""

    def __init__(self) -> None:
        self.definitions: dict[str, catalog_pb2.ReportDefinition] = {}
        self.views: list[int] = []

    def add(self, account: str, time_frame: catalog_pb2.TimeFrame, **fields: Any) -> catalog_pb2.ReportDefinition:
        fields.setdefault("report_type", catalog_pb2.REPORT_TYPE_ALL_ATTEMPTS)
        fields.setdefault("level", catalog_pb2.LEVEL_ACCOUNT)
        definition = catalog_pb2.ReportDefinition(
            name=f"accounts/{account}/reports/r{uuid.uuid4().hex[:10]}", display_name="Daily attempts",
            time_frame=time_frame, **fields,
        )
        self.definitions[definition.name] = definition
        return definition

    def GetReportDefinition(self, request: catalog_pb2.GetReportDefinitionRequest,
                            context: grpc.ServicerContext) -> catalog_pb2.GetReportDefinitionResponse:
        self.views.append(request.view)
        found = self.definitions.get(request.name)
        if found is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"{request.name} does not exist")
        return catalog_pb2.GetReportDefinitionResponse(report_definition=found)


class FakeGenerator(generator_pb2_grpc.GeneratorServiceServicer):
    """Serves the accounts and campaigns added with add_account() and add_campaign()."""

    def __init__(self) -> None:
        self.accounts: dict[str, generator_pb2.Account] = {}
        self.campaigns: dict[str, generator_pb2.Campaign] = {}
        # GetIngestCutoff hands out "cutoff-1", "cutoff-2", ...; UNAVAILABLE while refuse_cutoffs is set.
        self.cutoffs_taken = 0
        self.refuse_cutoffs = False
        self._cutoff_lock = threading.Lock()

    def add_account(self, account: str, reports_time_zone: str) -> None:
        name = f"accounts/{account}"
        self.accounts[name] = generator_pb2.Account(name=name, display_name=account,
                                                    reports_time_zone=reports_time_zone)

    def add_campaign(self, account: str, campaign: str, start_time: datetime) -> None:
        name = f"accounts/{account}/campaigns/{campaign}"
        self.campaigns[name] = generator_pb2.Campaign(name=name, display_name=campaign,
                                                      start_time=timestamps.to_proto(start_time))

    def GetAccount(self, request: generator_pb2.GetAccountRequest,
                   context: grpc.ServicerContext) -> generator_pb2.GetAccountResponse:
        if request.name not in self.accounts:
            context.abort(grpc.StatusCode.NOT_FOUND, f"{request.name} does not exist")
        return generator_pb2.GetAccountResponse(account=self.accounts[request.name])

    def GetCampaign(self, request: generator_pb2.GetCampaignRequest,
                    context: grpc.ServicerContext) -> generator_pb2.GetCampaignResponse:
        if request.name not in self.campaigns:
            context.abort(grpc.StatusCode.NOT_FOUND, f"{request.name} does not exist")
        return generator_pb2.GetCampaignResponse(campaign=self.campaigns[request.name])


    def GetIngestCutoff(self, request: generator_pb2.GetIngestCutoffRequest,
                        context: grpc.ServicerContext) -> generator_pb2.GetIngestCutoffResponse:
        if self.refuse_cutoffs:
            context.abort(grpc.StatusCode.UNAVAILABLE, "the activity store is down")
        with self._cutoff_lock:
            self.cutoffs_taken += 1
            return generator_pb2.GetIngestCutoffResponse(cutoff=f"cutoff-{self.cutoffs_taken}")


@contextmanager
def serving(catalog: FakeCatalog, generator: FakeGenerator) -> Iterator[str]:
    """Serves both fakes on one real gRPC server on a free loopback port; yields its address."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    catalog_pb2_grpc.add_CatalogServiceServicer_to_server(catalog, server)
    generator_pb2_grpc.add_GeneratorServiceServicer_to_server(generator, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(0).wait()
