"""GeneratorService: translates protos to the domain's records and back, nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc

from reportsuite.core.errors import FailedPrecondition
from reportsuite.core.timestamps import from_proto, to_proto
from reportsuite.generator.v1 import generator_pb2, generator_pb2_grpc
from services.generator.domain import activity, ingest, statuses
from services.generator.domain import ingest_kinds as kinds
from services.generator.domain.model import (
    Account,
    AccountInput,
    Attempt,
    Campaign,
    CampaignInput,
    Pass,
    SubCampaign,
)
from services.generator.domain.ports import ActivityStore
from services.generator.domain.trace import ContactBy, ContactHistory, TraceEntry, TraceRequest, trace_contact
from services.generator.entrypoints import translate as tr

pb = generator_pb2

_CHANNELS = tr.CHANNELS
_CHANNEL_PROTOS = tr.CHANNEL_PROTOS
_ENTRY_KINDS = {0: pb.ContactTraceEntry.KIND_FILTERED, 1: pb.ContactTraceEntry.KIND_ATTEMPT,
                2: pb.ContactTraceEntry.KIND_DIRECT_CONNECT}

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["GeneratorService"].full_name


def _account_input(account: generator_pb2.Account) -> AccountInput:
    return AccountInput(account.name, account.display_name, account.enterprise, account.reports_time_zone,
                        account.cost_visible)


def _campaign_input(campaign: generator_pb2.Campaign) -> CampaignInput:
    return CampaignInput(
        name=campaign.name, display_name=campaign.display_name,
        start_time=from_proto(campaign.start_time, present=campaign.HasField("start_time")),
        end_time=from_proto(campaign.end_time, present=campaign.HasField("end_time")),
        sub_campaigns=tuple(
            SubCampaign(s.id, s.display_name, s.contact_list,
                        tuple(Pass(p.id, p.display_name, _CHANNELS.get(p.channel), tr.PASS_TYPES.get(p.pass_type))
                              for p in s.passes))
            for s in campaign.sub_campaigns),
    )


def _attempt(attempt: generator_pb2.Attempt) -> Attempt:
    return Attempt(
        attempt_id=attempt.attempt_id, account=attempt.account, campaign=attempt.campaign,
        sub_campaign=attempt.sub_campaign, client_id=attempt.client_id, channel=_CHANNELS.get(attempt.channel),
        device=attempt.device, status=attempt.status,
        start_time=from_proto(attempt.start_time, present=attempt.HasField("start_time")),
        complete_time=from_proto(attempt.complete_time, present=attempt.HasField("complete_time")),
        ring_seconds=attempt.ring_seconds, talk_seconds=attempt.talk_seconds,
        message_content=attempt.message_content, pass_id=attempt.pass_id,
        device_type=tr.DEVICE_TYPES.get(attempt.device_type), responses=tr.responses(attempt.responses),
    )


def account_proto(account: Account) -> generator_pb2.Account:
    return pb.Account(name=f"accounts/{account.id}", display_name=account.display_name,
                      enterprise=account.enterprise, reports_time_zone=account.reports_time_zone,
                      cost_visible=account.cost_visible)


def campaign_proto(campaign: Campaign) -> generator_pb2.Campaign:
    return pb.Campaign(
        name=f"accounts/{campaign.account}/campaigns/{campaign.id}", display_name=campaign.display_name,
        start_time=to_proto(campaign.start_time), end_time=to_proto(campaign.end_time),
        sub_campaigns=[pb.SubCampaign(id=s.id, display_name=s.display_name, contact_list=s.contact_list,
                                      passes=[_pass_proto(p) for p in s.passes])
                       for s in campaign.sub_campaigns],
    )


def _pass_proto(one_pass: Pass) -> generator_pb2.Pass:
    channel = _CHANNEL_PROTOS[one_pass.channel] if one_pass.channel else pb.CHANNEL_UNSPECIFIED
    pass_type = tr.PASS_TYPE_PROTOS[one_pass.pass_type] if one_pass.pass_type else pb.PASS_TYPE_UNSPECIFIED
    return pb.Pass(id=one_pass.id, display_name=one_pass.display_name, channel=channel, pass_type=pass_type)


def _trace_request(request: generator_pb2.TraceContactRequest) -> TraceRequest:
    which = request.WhichOneof("contact")
    by = ContactBy(which) if which else None
    return TraceRequest(request.parent, by, getattr(request, which) if which else "", request.page_size,
                        request.page_token)


def _entry_proto(entry: TraceEntry) -> generator_pb2.ContactTraceEntry:
    return pb.ContactTraceEntry(
        kind=_ENTRY_KINDS[entry.position.kind.value], time=to_proto(entry.position.time), account=entry.account,
        campaign=entry.campaign, campaign_name=entry.campaign_name, sub_campaign=entry.sub_campaign,
        sub_campaign_name=entry.sub_campaign_name, pass_id=entry.pass_id, client_id=entry.client_id,
        channel=_CHANNEL_PROTOS[entry.channel] if entry.channel else pb.CHANNEL_UNSPECIFIED, device=entry.device,
        status=entry.status, status_description=entry.status_description, rank=entry.rank,
        attempt_id=entry.position.record_id, sequence=entry.position.sequence,
        complete_time=to_proto(entry.complete_time), ring_seconds=entry.ring_seconds,
        hold_seconds=entry.hold_seconds, talk_seconds=entry.talk_seconds, message_content=entry.message_content,
    )


def _status_proto(status: statuses.Status) -> generator_pb2.Status:
    return pb.Status(code=status.code, channels=[_CHANNEL_PROTOS[c] for c in status.channels], rank=status.rank,
                     description=status.description, direct_connect=status.direct_connect)


class GeneratorServicer(generator_pb2_grpc.GeneratorServiceServicer):
    """The generator's gRPC API over its activity store."""

    def __init__(self, store: ActivityStore, history: ContactHistory | None = None) -> None:
        self._store = store
        self._history = history

    def _ingest(self, kind: ingest.Kind[Any, Any], requests: Iterator[Any], field: str,
                convert: Callable[[Any], Any], response_type: type[Any]) -> Any:
        """Every Ingest RPC: the stream's batches through the one ingest pipeline."""
        result = ingest.ingest(kind, tr.batches(requests, field, convert), self._store)
        return tr.ingest_response(response_type, result)

    def IngestAccounts(self, request_iterator: Iterator[generator_pb2.IngestAccountsRequest],
                       context: grpc.ServicerContext) -> generator_pb2.IngestAccountsResponse:
        return self._ingest(kinds.ACCOUNTS, request_iterator, "accounts", _account_input, pb.IngestAccountsResponse)

    def IngestCampaigns(self, request_iterator: Iterator[generator_pb2.IngestCampaignsRequest],
                        context: grpc.ServicerContext) -> generator_pb2.IngestCampaignsResponse:
        return self._ingest(kinds.CAMPAIGNS, request_iterator, "campaigns", _campaign_input,
                            pb.IngestCampaignsResponse)

    def IngestAttempts(self, request_iterator: Iterator[generator_pb2.IngestAttemptsRequest],
                       context: grpc.ServicerContext) -> generator_pb2.IngestAttemptsResponse:
        return self._ingest(kinds.ATTEMPTS, request_iterator, "attempts", _attempt, pb.IngestAttemptsResponse)

    def GetAccount(self, request: generator_pb2.GetAccountRequest,
                   context: grpc.ServicerContext) -> generator_pb2.GetAccountResponse:
        return pb.GetAccountResponse(account=account_proto(activity.get_account(request.name, self._store)))

    def GetCampaign(self, request: generator_pb2.GetCampaignRequest,
                    context: grpc.ServicerContext) -> generator_pb2.GetCampaignResponse:
        return pb.GetCampaignResponse(campaign=campaign_proto(activity.get_campaign(request.name, self._store)))

    def ListStatuses(self, request: generator_pb2.ListStatusesRequest,
                     context: grpc.ServicerContext) -> generator_pb2.ListStatusesResponse:
        return pb.ListStatusesResponse(statuses=[_status_proto(s) for s in statuses.STATUSES])

    def GetIngestCutoff(self, request: generator_pb2.GetIngestCutoffRequest,
                        context: grpc.ServicerContext) -> generator_pb2.GetIngestCutoffResponse:
        return pb.GetIngestCutoffResponse(cutoff=self._store.ingest_cutoff())

    # --- the rest of the activity model: one line each through the same pipeline ---------------

    def IngestEnterprises(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.ENTERPRISES, request_iterator, "enterprises", tr.named,
                            pb.IngestEnterprisesResponse)

    def IngestContactLists(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.CONTACT_LISTS, request_iterator, "contact_lists", tr.named,
                            pb.IngestContactListsResponse)

    def IngestListLoads(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.LIST_LOADS, request_iterator, "list_loads", tr.list_load, pb.IngestListLoadsResponse)

    def IngestContacts(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.CONTACTS, request_iterator, "contacts", tr.contact, pb.IngestContactsResponse)

    def IngestFilteredContacts(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.FILTERED_CONTACTS, request_iterator, "filtered_contacts", tr.filtered_contact,
                            pb.IngestFilteredContactsResponse)

    def IngestDirectConnectAttempts(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.DIRECT_CONNECT_ATTEMPTS, request_iterator, "direct_connect_attempts",
                            tr.direct_connect_attempt, pb.IngestDirectConnectAttemptsResponse)

    def IngestAgentGroups(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.AGENT_GROUPS, request_iterator, "agent_groups", tr.named,
                            pb.IngestAgentGroupsResponse)

    def IngestAgents(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.AGENTS, request_iterator, "agents", tr.agent, pb.IngestAgentsResponse)

    def IngestAgentStateChanges(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.AGENT_STATE_CHANGES, request_iterator, "agent_state_changes",
                            tr.agent_state_change, pb.IngestAgentStateChangesResponse)

    def IngestAgentActions(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.AGENT_ACTIONS, request_iterator, "agent_actions", tr.agent_action,
                            pb.IngestAgentActionsResponse)

    def IngestCallRecordings(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.CALL_RECORDINGS, request_iterator, "call_recordings", tr.call_recording,
                            pb.IngestCallRecordingsResponse)

    def IngestSessionTransfers(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.SESSION_TRANSFERS, request_iterator, "session_transfers", tr.session_transfer,
                            pb.IngestSessionTransfersResponse)

    def IngestTextOptOuts(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        return self._ingest(kinds.TEXT_OPT_OUTS, request_iterator, "text_opt_outs", tr.text_opt_out,
                            pb.IngestTextOptOutsResponse)

    def TraceContact(self, request: generator_pb2.TraceContactRequest,
                     context: grpc.ServicerContext) -> generator_pb2.TraceContactResponse:
        if self._history is None:
            raise FailedPrecondition("this server was started without the contact trace")
        page = trace_contact(_trace_request(request), self._history)
        return pb.TraceContactResponse(entries=[_entry_proto(e) for e in page.entries],
                                       next_page_token=page.next_page_token, client_ids=page.client_ids)
