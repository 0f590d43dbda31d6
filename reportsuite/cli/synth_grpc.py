"""The small-volume path of ``reportsuite synth``: the synthetic rows through GeneratorService's Ingest RPCs.

Every record is validated by the service, as a platform's would be, so this path also proves the
synthetic data valid. Kinds are sent parents first; each activity kind regenerates the plan and
keeps only its tables, so memory stays flat (generation is cheap next to the RPCs). A contact's
devices follow its row in the stream and are gathered into its message on the way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from google.protobuf.message import Message

from reportsuite.cli import synth
from reportsuite.cli.ingest_files import KINDS, batches
from reportsuite.core import clients, timestamps
from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2 as pb

Rows = Iterable[tuple[str, synth.Row]]
INGEST_TIMEOUT_SECONDS = 600.0


def _fields(table: str, row: synth.Row) -> dict[str, Any]:
    return dict(zip(synth.COLUMNS[table], row, strict=True))


def _enum(prefix: str, word: object) -> Any:
    """A stored word ("After Call Work") as its proto enum value (AGENT_STATE_AFTER_CALL_WORK)."""
    return int(pb.DESCRIPTOR.enum_types_by_name[_ENUMS[prefix]].values_by_name[
        f"{prefix}_{str(word).upper().replace(' ', '_')}"].number)


_ENUMS = {"CHANNEL": "Channel", "DEVICE_TYPE": "DeviceType", "PASS_TYPE": "PassType", "AGENT_TYPE": "AgentType",
          "AGENT_STATE": "AgentState", "TRANSFER_TYPE": "TransferType"}


def _time(value: object) -> Any:
    assert isinstance(value, datetime)
    return timestamps.to_proto(value)


def campaigns(world: Rows) -> list[pb.Campaign]:
    """Campaigns with their sub-campaigns and passes, gathered from the world's rows."""
    made: dict[tuple[str, str], pb.Campaign] = {}
    subs: dict[tuple[str, str, str], pb.SubCampaign] = {}
    for table, row in world:
        f = _fields(table, row)
        if table == "campaigns":
            made[(f["account"], f["id"])] = pb.Campaign(
                name=f"accounts/{f['account']}/campaigns/{f['id']}", display_name=f["display_name"],
                start_time=_time(f["start_time"]))
        elif table == "sub_campaigns":
            sub = made[(f["account"], f["campaign"])].sub_campaigns.add(
                id=f["id"], display_name=f["display_name"], contact_list=f["contact_list"])
            subs[(f["account"], f["campaign"], f["id"])] = sub
        elif table == "sub_campaign_passes":
            subs[(f["account"], f["campaign"], f["sub_campaign"])].passes.add(
                id=f["id"], display_name=f["display_name"], channel=_enum("CHANNEL", f["channel"]),
                pass_type=_enum("PASS_TYPE", f["pass_type"]))
    return list(made.values())


def agents(world: Rows) -> list[pb.Agent]:
    made: dict[tuple[str, str], pb.Agent] = {}
    for table, row in world:
        f = _fields(table, row)
        if table == "agents":
            made[(f["account"], f["id"])] = pb.Agent(
                name=f"accounts/{f['account']}/agents/{f['id']}", display_name=f["display_name"],
                agent_type=_enum("AGENT_TYPE", f["agent_type"]))
        elif table == "agent_group_members":
            made[(f["account"], f["agent_id"])].agent_groups.append(f["group_id"])
    return list(made.values())


def contacts(rows: Rows) -> Iterator[pb.Contact]:
    """Contacts with their devices: each contact's device rows follow it in the stream."""
    current: pb.Contact | None = None
    for table, row in rows:
        f = _fields(table, row)
        if table == "contacts":
            if current is not None:
                yield current
            current = pb.Contact(account=f["account"], client_id=f["client_id"], contact_list=f["list_id"],
                                 first_name=f["first_name"], last_name=f["last_name"])
        elif table == "contact_devices" and current is not None:
            current.devices.add(address=f["device"], device_type=_enum("DEVICE_TYPE", f["device_type"]),
                                wireless=bool(f["wireless"]))
    if current is not None:
        yield current


def _attempt(f: dict[str, Any]) -> pb.Attempt:
    return pb.Attempt(
        attempt_id=f["attempt_id"], account=f["account"], campaign=f["campaign"], sub_campaign=f["sub_campaign"],
        client_id=f["client_id"], channel=_enum("CHANNEL", f["channel"]), device=f["device"], status=f["status"],
        start_time=_time(f["start_time"]), complete_time=_time(f["complete_time"]), ring_seconds=f["ring_seconds"],
        talk_seconds=f["talk_seconds"], message_content=f["message_content"], pass_id=f["pass_id"],
        device_type=_enum("DEVICE_TYPE", f["device_type"]), responses=json.loads(f["responses"]))


def _filtered(f: dict[str, Any]) -> pb.FilteredContact:
    return pb.FilteredContact(
        id=f["id"], account=f["account"], campaign=f["campaign"], sub_campaign=f["sub_campaign"],
        pass_id=f["pass_id"], client_id=f["client_id"], channel=_enum("CHANNEL", f["channel"]), device=f["device"],
        device_type=_enum("DEVICE_TYPE", f["device_type"]) if f["device_type"] else pb.DEVICE_TYPE_UNSPECIFIED,
        status=f["status"],
        filter_time=_time(f["filter_time"]))


def _times(f: dict[str, Any], *names: str, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    """The row's fields named as the message's (``renamed``: column -> field), instants as Timestamps."""
    renamed = renamed or {}
    return {renamed.get(key, key): _time(value) if key in names else value for key, value in f.items()}


# Activity kinds in the order they are sent: (reportctl ingest kind, tables, row fields -> message).
ACTIVITY: tuple[tuple[str, tuple[str, ...], Callable[[dict[str, Any]], Message] | None], ...] = (
    ("contacts", ("contacts", "contact_devices"), None),
    ("attempts", ("attempts",), _attempt),
    ("filtered-contacts", ("filtered_contacts",), _filtered),
    ("direct-connect-attempts", ("direct_connect_attempts",),
     lambda f: pb.DirectConnectAttempt(**_times(f, "start_time", "complete_time"))),
    ("call-recordings", ("call_recordings",),
     lambda f: pb.CallRecording(**_times(f, "start_time", renamed={"group_id": "agent_group"}))),
    ("session-transfers", ("session_transfers",),
     lambda f: pb.SessionTransfer(**_times({**f, "transfer_type": _enum("TRANSFER_TYPE", f["transfer_type"])},
                                           "transfer_time"))),
    ("text-opt-outs", ("text_opt_outs",), lambda f: pb.TextOptOut(**_times(f, "opt_out_time"))),
    ("agent-state-changes", ("agent_state_changes",),
     lambda f: pb.AgentStateChange(**_times({**f, "state": _enum("AGENT_STATE", f["state"])}, "start_time",
                                            renamed={"group_id": "agent_group"}))),
    ("agent-actions", ("agent_actions",), lambda f: pb.AgentAction(**_times(f, "action_time"))),
    ("list-loads", ("list_loads",),
     lambda f: pb.ListLoad(**_times(f, "start_time", "end_time", renamed={"list_id": "contact_list"}))),
)


def world_messages(plan: synth.Plan) -> list[tuple[str, list[Message]]]:
    """The reference kinds, parents first."""
    rows, _ = synth.world(plan)

    def of(table: str) -> list[dict[str, Any]]:
        return [_fields(name, row) for name, row in rows if name == table]

    return [
        ("enterprises", [pb.Enterprise(name=f"enterprises/{f['id']}", display_name=f["display_name"])
                         for f in of("enterprises")]),
        ("accounts", [pb.Account(name=f"accounts/{f['id']}", display_name=f["display_name"],
                                 enterprise=f["enterprise"], reports_time_zone=f["reports_time_zone"],
                                 cost_visible=f["cost_visible"]) for f in of("accounts")]),
        ("campaigns", campaigns(rows)),
        ("contact-lists", [pb.ContactList(name=f"accounts/{f['account']}/contactLists/{f['id']}",
                                          display_name=f["display_name"]) for f in of("contact_lists")]),
        ("agent-groups", [pb.AgentGroup(name=f"accounts/{f['account']}/agentGroups/{f['id']}",
                                        display_name=f["display_name"]) for f in of("agent_groups")]),
        ("agents", agents(rows)),
    ]


def activity_messages(plan: synth.Plan, tables: tuple[str, ...],
                      convert: Callable[[dict[str, Any]], Message] | None) -> Iterator[Message]:
    """One activity kind's messages, regenerated from the plan."""
    rows = ((table, row) for table, row in synth.rows(plan) if table in tables)
    if convert is None:
        yield from contacts(rows)
        return
    for table, row in rows:
        yield convert(_fields(table, row))


def ingest(plan: synth.Plan, stub: Any = None) -> dict[str, Any]:
    """Sends the plan through the Ingest RPCs; returns each kind's response (counts and rejections)."""
    stub = stub or clients.generator(Settings.from_env().generator_addr)
    kinds: list[tuple[str, Iterable[Message]]] = list(world_messages(plan))
    kinds += [(kind, activity_messages(plan, tables, convert)) for kind, tables, convert in ACTIVITY]
    responses = {}
    for kind_name, messages in kinds:
        kind = KINDS[kind_name]
        responses[kind_name] = getattr(stub, kind.rpc)(batches(kind, messages), timeout=INGEST_TIMEOUT_SECONDS)
    return responses
