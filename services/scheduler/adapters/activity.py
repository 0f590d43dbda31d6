"""Reading account time zones and campaign start times from the generator's activity store."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc

from reportsuite.core.clients import CALL_TIMEOUT_SECONDS
from reportsuite.core.errors import DomainError, FailedPrecondition, Unavailable
from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc

FIELD = "report_definition"
# An account without a Reports Default Time Zone is read as GMT (docs/time-frames.md).
DEFAULT_TIME_ZONE = "UTC"


class GeneratorClient:
    """The ActivityStore port over a GeneratorService stub (reportsuite.core.clients.generator)."""

    def __init__(self, stub: generator_pb2_grpc.GeneratorServiceStub,
                 timeout_seconds: float = CALL_TIMEOUT_SECONDS) -> None:
        self._stub = stub
        self._timeout = timeout_seconds

    def reports_time_zone(self, account: str) -> str:
        """The account's Reports Default Time Zone.

        Raises:
            FailedPrecondition: the activity store does not know the account.
            Unavailable: the generator did not answer.
        """
        name = f"accounts/{account}"
        try:
            found = self._stub.GetAccount(generator_pb2.GetAccountRequest(name=name), timeout=self._timeout)
        except grpc.RpcError as error:
            raise _translate(error, f"account {name}") from None
        return found.account.reports_time_zone or DEFAULT_TIME_ZONE

    def campaign_start(self, account: str, campaign: str) -> datetime:
        """When the campaign started.

        Raises:
            FailedPrecondition: the activity store does not know the campaign or its start.
            Unavailable: the generator did not answer.
        """
        name = f"accounts/{account}/campaigns/{campaign}"
        try:
            found = self._stub.GetCampaign(generator_pb2.GetCampaignRequest(name=name), timeout=self._timeout)
        except grpc.RpcError as error:
            raise _translate(error, f"campaign {name}") from None
        if not found.campaign.HasField("start_time"):
            raise FailedPrecondition(f"campaign {name} has no start time", field=FIELD,
                                     rule="an Entire Campaign report needs its campaign's start time")
        return found.campaign.start_time.ToDatetime(tzinfo=UTC)

    def ingest_cutoff(self) -> str:
        """A new ingest cutoff for an Incremental run (GeneratorService.GetIngestCutoff).

        Raises:
            Unavailable: the generator did not answer (whatever its code: no cutoff, no run).
        """
        try:
            found = self._stub.GetIngestCutoff(generator_pb2.GetIngestCutoffRequest(), timeout=self._timeout)
        except grpc.RpcError as error:
            code, detail = error.code(), error.details()  # type: ignore[attr-defined]
            raise Unavailable(f"the generator gave no ingest cutoff ({code.name}: {detail}); try again",
                              field=FIELD, rule="the generator must be reachable") from None
        return str(found.cutoff)


def _translate(error: grpc.RpcError, what: str) -> DomainError:
    code = error.code()  # type: ignore[attr-defined]
    if code in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT):
        return FailedPrecondition(f"{what} is not in the activity store", field=FIELD,
                                  rule="the report's account and campaign must be known to the activity store")
    return Unavailable(f"the generator did not answer ({code.name}: {error.details()}); try again",  # type: ignore[attr-defined]
                       field=FIELD, rule="the generator must be reachable")
