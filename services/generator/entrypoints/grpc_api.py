"""GeneratorService: translates protos to the domain's records and back, nothing else."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import grpc

from reportsuite.core.timestamps import from_proto, to_proto
from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc
from services.generator.domain import activity, ingest, statuses
from services.generator.domain.model import (
    Account,
    AccountInput,
    Attempt,
    Campaign,
    CampaignInput,
    Channel,
    IngestResult,
    SubCampaign,
)
from services.generator.domain.ports import ActivityStore

pb = generator_pb2

_CHANNELS: dict[generator_pb2.Channel, Channel] = {
    pb.CHANNEL_VOICE: Channel.VOICE, pb.CHANNEL_TEXT: Channel.TEXT,
    pb.CHANNEL_EMAIL: Channel.EMAIL, pb.CHANNEL_WEB: Channel.WEB,
}
_CHANNEL_PROTOS = {channel: number for number, channel in _CHANNELS.items()}

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["GeneratorService"].full_name


def _account_input(account: generator_pb2.Account) -> AccountInput:
    return AccountInput(account.name, account.display_name, account.enterprise, account.reports_time_zone,
                        account.cost_visible)


def _campaign_input(campaign: generator_pb2.Campaign) -> CampaignInput:
    return CampaignInput(
        name=campaign.name, display_name=campaign.display_name,
        start_time=from_proto(campaign.start_time, present=campaign.HasField("start_time")),
        end_time=from_proto(campaign.end_time, present=campaign.HasField("end_time")),
        sub_campaigns=tuple(SubCampaign(s.id, s.display_name, s.contact_list) for s in campaign.sub_campaigns),
    )


def _attempt(attempt: generator_pb2.Attempt) -> Attempt:
    return Attempt(
        attempt_id=attempt.attempt_id, account=attempt.account, campaign=attempt.campaign,
        sub_campaign=attempt.sub_campaign, client_id=attempt.client_id, channel=_CHANNELS.get(attempt.channel),
        device=attempt.device, status=attempt.status,
        start_time=from_proto(attempt.start_time, present=attempt.HasField("start_time")),
        complete_time=from_proto(attempt.complete_time, present=attempt.HasField("complete_time")),
        ring_seconds=attempt.ring_seconds, talk_seconds=attempt.talk_seconds,
        message_content=attempt.message_content,
    )


def _rejected(result: IngestResult) -> list[generator_pb2.RejectedRecord]:
    return [pb.RejectedRecord(position=r.position, id=r.id, field=r.field, reason=r.reason) for r in result.rejected]


def account_proto(account: Account) -> generator_pb2.Account:
    return pb.Account(name=f"accounts/{account.id}", display_name=account.display_name,
                      enterprise=account.enterprise, reports_time_zone=account.reports_time_zone,
                      cost_visible=account.cost_visible)


def campaign_proto(campaign: Campaign) -> generator_pb2.Campaign:
    return pb.Campaign(
        name=f"accounts/{campaign.account}/campaigns/{campaign.id}", display_name=campaign.display_name,
        start_time=to_proto(campaign.start_time), end_time=to_proto(campaign.end_time),
        sub_campaigns=[pb.SubCampaign(id=s.id, display_name=s.display_name, contact_list=s.contact_list)
                       for s in campaign.sub_campaigns],
    )


def _status_proto(status: statuses.Status) -> generator_pb2.Status:
    return pb.Status(code=status.code, channels=[_CHANNEL_PROTOS[c] for c in status.channels], rank=status.rank,
                     description=status.description, direct_connect=status.direct_connect)


class GeneratorServicer(generator_pb2_grpc.GeneratorServiceServicer):
    """The generator's gRPC API over its activity store."""

    def __init__(self, store: ActivityStore) -> None:
        self._store = store

    def IngestAccounts(self, request_iterator: Iterator[generator_pb2.IngestAccountsRequest],
                       context: grpc.ServicerContext) -> generator_pb2.IngestAccountsResponse:
        batches: Iterable[list[AccountInput]] = ([_account_input(a) for a in r.accounts] for r in request_iterator)
        result = ingest.ingest_accounts(batches, self._store)
        return pb.IngestAccountsResponse(received=result.received, stored=result.stored, rejected=_rejected(result))

    def IngestCampaigns(self, request_iterator: Iterator[generator_pb2.IngestCampaignsRequest],
                        context: grpc.ServicerContext) -> generator_pb2.IngestCampaignsResponse:
        batches = ([_campaign_input(c) for c in r.campaigns] for r in request_iterator)
        result = ingest.ingest_campaigns(batches, self._store)
        return pb.IngestCampaignsResponse(received=result.received, stored=result.stored, rejected=_rejected(result))

    def IngestAttempts(self, request_iterator: Iterator[generator_pb2.IngestAttemptsRequest],
                       context: grpc.ServicerContext) -> generator_pb2.IngestAttemptsResponse:
        batches = ([_attempt(a) for a in r.attempts] for r in request_iterator)
        result = ingest.ingest_attempts(batches, self._store)
        return pb.IngestAttemptsResponse(received=result.received, stored=result.stored,
                                         duplicates=result.duplicates, rejected=_rejected(result))

    def GetAccount(self, request: generator_pb2.GetAccountRequest,
                   context: grpc.ServicerContext) -> generator_pb2.GetAccountResponse:
        return pb.GetAccountResponse(account=account_proto(activity.get_account(request.name, self._store)))

    def GetCampaign(self, request: generator_pb2.GetCampaignRequest,
                    context: grpc.ServicerContext) -> generator_pb2.GetCampaignResponse:
        return pb.GetCampaignResponse(campaign=campaign_proto(activity.get_campaign(request.name, self._store)))

    def ListStatuses(self, request: generator_pb2.ListStatusesRequest,
                     context: grpc.ServicerContext) -> generator_pb2.ListStatusesResponse:
        return pb.ListStatusesResponse(statuses=[_status_proto(s) for s in statuses.STATUSES])
