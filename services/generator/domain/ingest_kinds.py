"""Every kind of ingested record, declared for the one pipeline (services.generator.domain.ingest).

Each ``Kind`` names its record id (what a rejection reports), its validation, what it refers
to and the store method that keeps it. Reference kinds carry a ``key``: they are replaced, and
within a batch the last record of a key wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.generator.domain import record_rules as rr
from services.generator.domain import rules
from services.generator.domain.ingest import Kind
from services.generator.domain.model import Account, AccountInput, Attempt, Campaign, CampaignInput
from services.generator.domain.records import (
    Agent,
    AgentAction,
    AgentGroup,
    AgentInput,
    AgentStateChange,
    CallRecording,
    Contact,
    ContactList,
    DirectConnectAttempt,
    Enterprise,
    FilteredContact,
    ListLoad,
    NamedInput,
    SessionTransfer,
    TextOptOut,
)
from services.generator.domain.references import Key, Known, Reference

Wanted = Iterable[tuple[Reference, Key]]


def _account_of(name: str) -> tuple[Reference, Key]:
    """The account a resource name such as ``accounts/{account}/...`` starts with, leniently:
    a malformed name is rejected by the record's own check, which comes first."""
    parts = name.split("/")
    return Reference.ACCOUNT, (parts[1] if len(parts) > 1 else "",)


def _check_account(record: AccountInput, known: Known) -> Account:
    return rules.check_account(record)


def _check_attempt(attempt: Attempt, known: Known) -> Attempt:
    rules.check_attempt(attempt, known)
    return attempt


def _agent_references(record: AgentInput) -> Wanted:
    account = _account_of(record.name)
    yield account
    for group in record.groups:
        yield Reference.AGENT_GROUP, (account[1][0], group)


def _agent_and_group(account: str, agent: str, group: str) -> Wanted:
    yield Reference.AGENT, (account, agent)
    if group:
        yield Reference.AGENT_GROUP, (account, group)


def _transfer_references(record: SessionTransfer) -> Wanted:
    yield Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign)
    yield Reference.AGENT, (record.account, record.from_agent)
    if record.to_agent:
        yield Reference.AGENT, (record.account, record.to_agent)


def _opt_out_references(record: TextOptOut) -> Wanted:
    if record.sub_campaign:
        return [(Reference.SUB_CAMPAIGN, (record.account, record.campaign, record.sub_campaign))]
    if record.campaign:
        return [(Reference.CAMPAIGN, (record.account, record.campaign))]
    return [(Reference.ACCOUNT, (record.account,))]


def _list_or_account(account: str, list_id: str) -> Wanted:
    return [(Reference.CONTACT_LIST, (account, list_id)) if list_id else (Reference.ACCOUNT, (account,))]


ENTERPRISES: Kind[NamedInput, Enterprise] = Kind(
    "enterprises", lambda r: r.name, rr.check_enterprise, lambda s, rs: s.upsert_enterprises(rs),
    key=lambda e: e.id,
)
ACCOUNTS: Kind[AccountInput, Account] = Kind(
    "accounts", lambda r: r.name, _check_account, lambda s, rs: s.upsert_accounts(rs), key=lambda a: a.id,
)
CAMPAIGNS: Kind[CampaignInput, Campaign] = Kind(
    "campaigns", lambda r: r.name, rules.check_campaign, lambda s, rs: s.upsert_campaigns(rs),
    references=lambda r: [_account_of(r.name)], key=lambda c: (c.account, c.id),
)
ATTEMPTS: Kind[Attempt, Attempt] = Kind(
    "attempts", lambda r: r.attempt_id, _check_attempt, lambda s, rs: s.insert_attempts(rs),
    references=lambda r: [rules.campaign_keys(r.account, r.campaign, r.sub_campaign, r.pass_id)],
)
CONTACT_LISTS: Kind[NamedInput, ContactList] = Kind(
    "contact_lists", lambda r: r.name, rr.check_contact_list, lambda s, rs: s.upsert_contact_lists(rs),
    references=lambda r: [_account_of(r.name)], key=lambda c: (c.account, c.id),
)
LIST_LOADS: Kind[ListLoad, ListLoad] = Kind(
    "list_loads", lambda r: r.id, rr.check_list_load, lambda s, rs: s.insert_list_loads(rs),
    references=lambda r: [(Reference.CONTACT_LIST, (r.account, r.list_id))],
)
CONTACTS: Kind[Contact, Contact] = Kind(
    "contacts", lambda r: r.client_id, rr.check_contact, lambda s, rs: s.upsert_contacts(rs),
    references=lambda r: _list_or_account(r.account, r.list_id), key=lambda c: (c.account, c.client_id),
)
FILTERED_CONTACTS: Kind[FilteredContact, FilteredContact] = Kind(
    "filtered_contacts", lambda r: r.id, rr.check_filtered_contact, lambda s, rs: s.insert_filtered_contacts(rs),
    references=lambda r: [rules.campaign_keys(r.account, r.campaign, r.sub_campaign, r.pass_id)],
)
DIRECT_CONNECT_ATTEMPTS: Kind[DirectConnectAttempt, DirectConnectAttempt] = Kind(
    "direct_connect_attempts", lambda r: f"{r.attempt_id}/{r.sequence}", rr.check_direct_connect_attempt,
    lambda s, rs: s.insert_direct_connect_attempts(rs),
    references=lambda r: [(Reference.SUB_CAMPAIGN, (r.account, r.campaign, r.sub_campaign))],
)
AGENT_GROUPS: Kind[NamedInput, AgentGroup] = Kind(
    "agent_groups", lambda r: r.name, rr.check_agent_group, lambda s, rs: s.upsert_agent_groups(rs),
    references=lambda r: [_account_of(r.name)], key=lambda g: (g.account, g.id),
)
AGENTS: Kind[AgentInput, Agent] = Kind(
    "agents", lambda r: r.name, rr.check_agent, lambda s, rs: s.upsert_agents(rs),
    references=_agent_references, key=lambda a: (a.account, a.id),
)
AGENT_STATE_CHANGES: Kind[AgentStateChange, AgentStateChange] = Kind(
    "agent_state_changes", lambda r: r.id, rr.check_agent_state_change,
    lambda s, rs: s.insert_agent_state_changes(rs),
    references=lambda r: _agent_and_group(r.account, r.agent_id, r.group_id),
)
AGENT_ACTIONS: Kind[AgentAction, AgentAction] = Kind(
    "agent_actions", lambda r: r.id, rr.check_agent_action, lambda s, rs: s.insert_agent_actions(rs),
    references=lambda r: [(Reference.AGENT, (r.account, r.agent_id))]
    + ([(Reference.CAMPAIGN, (r.account, r.campaign))] if r.campaign else []),
)
CALL_RECORDINGS: Kind[CallRecording, CallRecording] = Kind(
    "call_recordings", lambda r: r.id, rr.check_call_recording, lambda s, rs: s.insert_call_recordings(rs),
    references=lambda r: [(Reference.SUB_CAMPAIGN, (r.account, r.campaign, r.sub_campaign)),
                          *_agent_and_group(r.account, r.agent_id, r.group_id)],
)
SESSION_TRANSFERS: Kind[SessionTransfer, SessionTransfer] = Kind(
    "session_transfers", lambda r: r.id, rr.check_session_transfer, lambda s, rs: s.insert_session_transfers(rs),
    references=_transfer_references,
)
TEXT_OPT_OUTS: Kind[TextOptOut, TextOptOut] = Kind(
    "text_opt_outs", lambda r: r.id, rr.check_text_opt_out, lambda s, rs: s.insert_text_opt_outs(rs),
    references=_opt_out_references,
)
