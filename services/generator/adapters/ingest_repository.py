"""Where every ingested kind is stored: one ``bulk`` call per batch, in one transaction.

The rows written for each kind are built here from the domain's records, in the column order of
the kind's ``Table``; docs/activity-model.md documents the tables.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine

from services.generator.adapters import bulk
from services.generator.adapters.bulk import Table
from services.generator.adapters.database import raw_cursor
from services.generator.domain.model import Account, Attempt, Campaign
from services.generator.domain.records import (
    Agent,
    AgentAction,
    AgentGroup,
    AgentStateChange,
    CallRecording,
    Contact,
    ContactList,
    DirectConnectAttempt,
    Enterprise,
    FilteredContact,
    ListLoad,
    SessionTransfer,
    TextOptOut,
    device_key,
)
from services.generator.domain.references import Key, Reference


def _t(name: str, columns: str, key: str, text: str = "", touch: bool = False) -> Table:
    return Table(name, tuple(columns.split()), tuple(key.split()), tuple(text.split()), touch)


_IDS = "account campaign sub_campaign client_id"
ENTERPRISES = _t("enterprises", "id display_name", "id", "id display_name", touch=True)
ACCOUNTS = _t("accounts", "id display_name enterprise reports_time_zone cost_visible", "id",
              "id display_name enterprise reports_time_zone", touch=True)
CAMPAIGNS = _t("campaigns", "account id display_name start_time end_time", "account id", "account id display_name",
               touch=True)
SUB_CAMPAIGNS = _t("sub_campaigns", "account campaign id display_name contact_list", "account campaign id",
                   "account campaign id display_name contact_list")
PASSES = _t("sub_campaign_passes", "account campaign sub_campaign id display_name channel pass_type pass_order",
            "account campaign sub_campaign id", "account campaign sub_campaign id display_name channel pass_type")
ATTEMPTS = _t("attempts", "attempt_id account campaign sub_campaign client_id channel device status start_time "
              "complete_time ring_seconds talk_seconds message_content pass_id device_type responses", "attempt_id",
              "attempt_id account campaign sub_campaign client_id channel device status message_content pass_id "
              "device_type")
CONTACT_LISTS = _t("contact_lists", "account id display_name", "account id", "account id display_name", touch=True)
LIST_LOADS = _t("list_loads", "id account list_id original_list_name start_time end_time total_records "
                "rejected_records", "id", "id account list_id original_list_name")
CONTACTS = _t("contacts", "account client_id list_id first_name last_name", "account client_id",
              "account client_id list_id first_name last_name", touch=True)
DEVICES = _t("contact_devices", "account client_id device device_key device_type wireless position",
             "account client_id device", "account client_id device device_key device_type")
FILTERED = _t("filtered_contacts", f"id {_IDS} pass_id channel device device_type status filter_time", "id",
              f"id {_IDS} pass_id channel device device_type status")
DIRECT_CONNECT = _t("direct_connect_attempts", f"attempt_id sequence {_IDS} dc_number status start_time "
                    "complete_time ring_seconds hold_seconds talk_seconds", "attempt_id sequence",
                    f"attempt_id {_IDS} dc_number status")
AGENT_GROUPS = _t("agent_groups", "account id display_name", "account id", "account id display_name", touch=True)
AGENTS = _t("agents", "account id display_name agent_type", "account id", "account id display_name agent_type",
            touch=True)
MEMBERS = _t("agent_group_members", "account agent_id group_id", "account agent_id group_id",
             "account agent_id group_id")
STATE_CHANGES = _t("agent_state_changes", "id account agent_id group_id state start_time duration_seconds", "id",
                   "id account agent_id group_id state")
ACTIONS = _t("agent_actions", "id account agent_id action action_time detail campaign", "id",
             "id account agent_id action detail campaign")
RECORDINGS = _t("call_recordings", f"id {_IDS} attempt_id agent_id group_id disposition_code start_time "
                "duration_seconds url", "id", f"id {_IDS} attempt_id agent_id group_id disposition_code url")
TRANSFERS = _t("session_transfers", "id account campaign sub_campaign attempt_id transfer_type from_agent to_agent "
               "to_number transfer_time ring_seconds hold_seconds talk_seconds", "id",
               "id account campaign sub_campaign attempt_id transfer_type from_agent to_agent to_number")
OPT_OUTS = _t("text_opt_outs", f"id {_IDS} device opt_out_time keyword message", "id",
              f"id {_IDS} device keyword message")

# Reference -> (table, key columns, detail column or "")
_REFERENCES: dict[Reference, tuple[str, tuple[str, ...], str]] = {
    Reference.ACCOUNT: ("accounts", ("id",), ""),
    Reference.CAMPAIGN: ("campaigns", ("account", "id"), ""),
    Reference.SUB_CAMPAIGN: ("sub_campaigns", ("account", "campaign", "id"), ""),
    Reference.PASS: ("sub_campaign_passes", ("account", "campaign", "sub_campaign", "id"), "channel"),
    Reference.CONTACT_LIST: ("contact_lists", ("account", "id"), ""),
    Reference.AGENT: ("agents", ("account", "id"), ""),
    Reference.AGENT_GROUP: ("agent_groups", ("account", "id"), ""),
}


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


def _value(member: object) -> str:
    """An enum's stored word ("" when the sender left it out)."""
    return str(getattr(member, "value", "")) if member is not None else ""


def _responses(pairs: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(pairs), ensure_ascii=False, sort_keys=True) if pairs else "{}"


def attempt_row(a: Attempt) -> tuple[object, ...]:
    return (a.attempt_id, a.account, a.campaign, a.sub_campaign, a.client_id, _value(a.channel), a.device, a.status,
            a.start_time, a.complete_time, a.ring_seconds, a.talk_seconds, a.message_content, a.pass_id,
            _value(a.device_type), _responses(a.responses))


class IngestRepository:
    """Implements the ingest side of the domain's ActivityStore (reference lookups and every kind's store)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def existing(self, reference: Reference, keys: Collection[Key]) -> dict[Key, str]:
        table, columns, detail = _REFERENCES[reference]
        if not keys:
            return {}
        arrays = [list(column) for column in zip(*keys, strict=True)]
        names = ", ".join(columns)
        joined = ", ".join(f"t.{column}" for column in columns)
        unnest = ", ".join("%s::text[]" for _ in columns)
        with raw_cursor(self._engine) as cursor:
            cursor.execute(f"""
                SELECT {joined}, {f"t.{detail}" if detail else "''"} FROM generator.{table} t
                JOIN unnest({unnest}) AS k({names}) ON ({joined}) = ({", ".join(f"k.{c}" for c in columns)})
            """, arrays)
            return {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}

    def _insert(self, table: Table, rows: list[tuple[object, ...]]) -> int:
        with raw_cursor(self._engine) as cursor:
            return bulk.insert_new(cursor, table, rows)

    def _upsert(self, table: Table, rows: list[tuple[object, ...]]) -> int:
        with raw_cursor(self._engine) as cursor:
            return len(bulk.upsert(cursor, table, rows))

    def upsert_enterprises(self, records: Sequence[Enterprise]) -> int:
        return self._upsert(ENTERPRISES, [(e.id, e.display_name) for e in records])

    def upsert_accounts(self, accounts: Sequence[Account]) -> int:
        """Creates or replaces accounts; an enterprise an account names is created if new (its
        display name is its id until IngestEnterprises names it), so the ids stay consistent."""
        rows = [(a.id, a.display_name, a.enterprise, a.reports_time_zone, a.cost_visible) for a in accounts]
        with raw_cursor(self._engine) as cursor:
            changed = bulk.upsert(cursor, ACCOUNTS, rows)
            cursor.execute(f"""
                INSERT INTO generator.enterprises (id, display_name)
                SELECT DISTINCT enterprise, enterprise FROM {ACCOUNTS.temp} WHERE enterprise <> ''
                ON CONFLICT (id) DO NOTHING
            """)
        return len(changed)

    def upsert_campaigns(self, campaigns: Sequence[Campaign]) -> int:
        """Creates or replaces campaigns, their sub-campaigns and passes (those left out are kept)."""
        rows = [(c.account, c.id, c.display_name, _utc(c.start_time), _utc(c.end_time)) for c in campaigns]
        subs = [(c.account, c.id, s.id, s.display_name, s.contact_list) for c in campaigns for s in c.sub_campaigns]
        passes = [(c.account, c.id, s.id, p.id, p.display_name, _value(p.channel), _value(p.pass_type), order)
                  for c in campaigns for s in c.sub_campaigns for order, p in enumerate(s.passes, start=1)]
        with raw_cursor(self._engine) as cursor:
            changed = bulk.upsert(cursor, CAMPAIGNS, rows)
            if subs:
                changed |= bulk.upsert(cursor, SUB_CAMPAIGNS, subs, returning=("account", "campaign"))
            if passes:
                changed |= bulk.upsert(cursor, PASSES, passes, returning=("account", "campaign"))
        return len(changed)

    def insert_attempts(self, attempts: Sequence[Attempt]) -> int:
        return self._insert(ATTEMPTS, [attempt_row(a) for a in attempts])

    def upsert_contact_lists(self, records: Sequence[ContactList]) -> int:
        return self._upsert(CONTACT_LISTS, [(c.account, c.id, c.display_name) for c in records])

    def insert_list_loads(self, records: Sequence[ListLoad]) -> int:
        return self._insert(LIST_LOADS, [
            (r.id, r.account, r.list_id, r.original_list_name, r.start_time, r.end_time, r.total_records,
             r.rejected_records) for r in records])

    def upsert_contacts(self, records: Sequence[Contact]) -> int:
        rows = [(c.account, c.client_id, c.list_id, c.first_name, c.last_name) for c in records]
        devices = [(c.account, c.client_id, d.address, device_key(d.address), _value(d.device_type), d.wireless,
                    position) for c in records for position, d in enumerate(c.devices, start=1)]
        with raw_cursor(self._engine) as cursor:
            changed = bulk.upsert(cursor, CONTACTS, rows)
            changed |= bulk.replace_children(cursor, DEVICES, devices, CONTACTS.temp,
                                             (("account", "account"), ("client_id", "client_id")))
        return len(changed)

    def insert_filtered_contacts(self, records: Sequence[FilteredContact]) -> int:
        return self._insert(FILTERED, [
            (r.id, r.account, r.campaign, r.sub_campaign, r.client_id, r.pass_id, _value(r.channel), r.device,
             _value(r.device_type), r.status, r.filter_time) for r in records])

    def insert_direct_connect_attempts(self, records: Sequence[DirectConnectAttempt]) -> int:
        return self._insert(DIRECT_CONNECT, [
            (r.attempt_id, r.sequence, r.account, r.campaign, r.sub_campaign, r.client_id, r.dc_number, r.status,
             r.start_time, r.complete_time, r.ring_seconds, r.hold_seconds, r.talk_seconds) for r in records])

    def upsert_agent_groups(self, records: Sequence[AgentGroup]) -> int:
        return self._upsert(AGENT_GROUPS, [(g.account, g.id, g.display_name) for g in records])

    def upsert_agents(self, records: Sequence[Agent]) -> int:
        rows = [(a.account, a.id, a.display_name, _value(a.agent_type)) for a in records]
        members = [(a.account, a.id, group) for a in records for group in a.groups]
        with raw_cursor(self._engine) as cursor:
            changed = bulk.upsert(cursor, AGENTS, rows)
            changed |= bulk.replace_children(cursor, MEMBERS, members, AGENTS.temp,
                                             (("account", "account"), ("agent_id", "id")))
        return len(changed)

    def insert_agent_state_changes(self, records: Sequence[AgentStateChange]) -> int:
        return self._insert(STATE_CHANGES, [
            (r.id, r.account, r.agent_id, r.group_id, _value(r.state), r.start_time, r.duration_seconds)
            for r in records])

    def insert_agent_actions(self, records: Sequence[AgentAction]) -> int:
        return self._insert(ACTIONS, [
            (r.id, r.account, r.agent_id, r.action, r.action_time, r.detail, r.campaign) for r in records])

    def insert_call_recordings(self, records: Sequence[CallRecording]) -> int:
        return self._insert(RECORDINGS, [
            (r.id, r.account, r.campaign, r.sub_campaign, r.client_id, r.attempt_id, r.agent_id, r.group_id,
             r.disposition_code, r.start_time, r.duration_seconds, r.url) for r in records])

    def insert_session_transfers(self, records: Sequence[SessionTransfer]) -> int:
        return self._insert(TRANSFERS, [
            (r.id, r.account, r.campaign, r.sub_campaign, r.attempt_id, _value(r.transfer_type), r.from_agent,
             r.to_agent, r.to_number, r.transfer_time, r.ring_seconds, r.hold_seconds, r.talk_seconds)
            for r in records])

    def insert_text_opt_outs(self, records: Sequence[TextOptOut]) -> int:
        return self._insert(OPT_OUTS, [
            (r.id, r.account, r.campaign, r.sub_campaign, r.client_id, r.device, r.opt_out_time, r.keyword,
             r.message) for r in records])
