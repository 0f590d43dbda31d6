"""CatalogService over gRPC: each method translates the request, calls the domain and translates back.

Domain errors become status codes in reportsuite.core.errors.ErrorMappingInterceptor.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core.errors import FailedPrecondition
from services.catalog.domain.definitions import ReportDefinitions
from services.catalog.domain.pgp_keys import PgpKeys
from services.catalog.domain.saved_reports import SavedReports
from services.catalog.domain.specifications import OutputSpecifications
from services.catalog.entrypoints.pgp_key_api import PgpKeyRpcs
from services.catalog.entrypoints.spec_translate import specification_to_proto, summary_to_proto
from services.catalog.entrypoints.translate import (
    definition_from_proto,
    definition_to_proto,
    draft_from_proto,
    saved_report_to_proto,
)

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["CatalogService"].full_name


class CatalogServicer(PgpKeyRpcs, catalog_pb2_grpc.CatalogServiceServicer):
    """The CatalogService RPCs (the PGP key ones in entrypoints/pgp_key_api.py)."""

    def __init__(self, definitions: ReportDefinitions, saved_reports: SavedReports,
                 specifications: OutputSpecifications | None = None, pgp_keys: PgpKeys | None = None) -> None:
        self._definitions = definitions
        self._saved = saved_reports
        self._specifications = specifications
        self._pgp_keys = pgp_keys

    def CreateReportDefinition(self, request: pb.CreateReportDefinitionRequest,
                               context: grpc.ServicerContext) -> pb.CreateReportDefinitionResponse:
        record = self._definitions.create(
            request.parent, definition_from_proto(request.report_definition), request.request_id
        )
        return pb.CreateReportDefinitionResponse(report_definition=definition_to_proto(record))

    def GetReportDefinition(self, request: pb.GetReportDefinitionRequest,
                            context: grpc.ServicerContext) -> pb.GetReportDefinitionResponse:
        reveal = request.view == pb.REPORT_DEFINITION_VIEW_DELIVERY
        record = self._definitions.get(request.name, reveal_secrets=reveal)
        return pb.GetReportDefinitionResponse(report_definition=definition_to_proto(record))

    def ListReportDefinitions(self, request: pb.ListReportDefinitionsRequest,
                              context: grpc.ServicerContext) -> pb.ListReportDefinitionsResponse:
        records, token = self._definitions.list(request.parent, request.page_size, request.page_token)
        return pb.ListReportDefinitionsResponse(
            report_definitions=[definition_to_proto(r) for r in records], next_page_token=token
        )

    def UpdateReportDefinition(self, request: pb.UpdateReportDefinitionRequest,
                               context: grpc.ServicerContext) -> pb.UpdateReportDefinitionResponse:
        record = self._definitions.update(
            request.report_definition.name, definition_from_proto(request.report_definition),
            list(request.update_mask.paths), request.request_id,
        )
        return pb.UpdateReportDefinitionResponse(report_definition=definition_to_proto(record))

    def DeleteReportDefinition(self, request: pb.DeleteReportDefinitionRequest,
                               context: grpc.ServicerContext) -> pb.DeleteReportDefinitionResponse:
        self._definitions.delete(request.name, request.request_id)
        return pb.DeleteReportDefinitionResponse()

    def CreateSavedReport(self, request: pb.CreateSavedReportRequest,
                          context: grpc.ServicerContext) -> pb.CreateSavedReportResponse:
        record = self._saved.create(request.parent, draft_from_proto(request.saved_report), request.request_id)
        return pb.CreateSavedReportResponse(saved_report=saved_report_to_proto(record))

    def GetSavedReport(self, request: pb.GetSavedReportRequest,
                       context: grpc.ServicerContext) -> pb.GetSavedReportResponse:
        return pb.GetSavedReportResponse(saved_report=saved_report_to_proto(self._saved.get(request.name)))

    def ListSavedReports(self, request: pb.ListSavedReportsRequest,
                         context: grpc.ServicerContext) -> pb.ListSavedReportsResponse:
        records, token = self._saved.list(
            request.parent, request.page_size, request.page_token, request.report_definition
        )
        return pb.ListSavedReportsResponse(
            saved_reports=[saved_report_to_proto(r) for r in records], next_page_token=token
        )

    def DeleteSavedReport(self, request: pb.DeleteSavedReportRequest,
                          context: grpc.ServicerContext) -> pb.DeleteSavedReportResponse:
        self._saved.delete(request.name, request.request_id)
        return pb.DeleteSavedReportResponse()

    def DownloadSavedReport(self, request: pb.DownloadSavedReportRequest,
                            context: grpc.ServicerContext) -> Iterator[pb.DownloadSavedReportResponse]:
        for chunk in self._saved.download(request.name):
            yield pb.DownloadSavedReportResponse(data=chunk)

    # Output specification files.

    def _specs(self) -> OutputSpecifications:
        if self._specifications is None:
            raise FailedPrecondition("output specifications are not wired in this catalog",
                                     rule="bootstrap must give the servicer its OutputSpecifications")
        return self._specifications

    def UploadOutputSpecification(self, request: pb.UploadOutputSpecificationRequest,
                                  context: grpc.ServicerContext) -> pb.UploadOutputSpecificationResponse:
        uploaded = self._specs().upload(request.name, request.content, request.request_id)
        return pb.UploadOutputSpecificationResponse(output_specification=specification_to_proto(uploaded))

    def GetOutputSpecification(self, request: pb.GetOutputSpecificationRequest,
                               context: grpc.ServicerContext) -> pb.GetOutputSpecificationResponse:
        found = self._specs().get(request.name)
        return pb.GetOutputSpecificationResponse(output_specification=specification_to_proto(found))

    def ListOutputSpecifications(self, request: pb.ListOutputSpecificationsRequest,
                                 context: grpc.ServicerContext) -> pb.ListOutputSpecificationsResponse:
        records, token = self._specs().list(request.parent, request.page_size, request.page_token)
        return pb.ListOutputSpecificationsResponse(
            output_specifications=[summary_to_proto(record) for record in records], next_page_token=token
        )

    def DeleteOutputSpecification(self, request: pb.DeleteOutputSpecificationRequest,
                                  context: grpc.ServicerContext) -> pb.DeleteOutputSpecificationResponse:
        self._specs().delete(request.name, request.request_id)
        return pb.DeleteOutputSpecificationResponse()
