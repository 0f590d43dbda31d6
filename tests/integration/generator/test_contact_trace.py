"""TraceContact and ``reportctl trace`` on a real server and PostgreSQL, over a hand-worked history.

Contact C7 of account A (phone +1 617 555 0107, email pat@example.com), in time order:

    T0+0   filtered  c2/s1 pass p2 (Text)    DUPLICATE        (same instant as a1: a filter comes first)
    T0+0   attempt   c1/s1 pass p1 (Voice)   NOANSWER
    T0+60  attempt   c1/s1 pass p1 (Voice)   DELIVEREDPERSON  call a2
    T0+61  DC #1 of a2                       DC_CALL_CENTER_BUSY
    T0+62  DC #2 of a2                       DC_SUCCESS
    T0+120 attempt   c2/s1 pass p2 (Text)    TEXT_MSG_SENT

Account B (same enterprise) has one attempt of C7 at T0+90; account X (another enterprise) has a
contact C7 with the same phone and an attempt at T0+30: neither may show in A's trace.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import grpc
import pytest

from reportsuite.cli import reportctl
from reportsuite.core.errors import error_details
from reportsuite.core.grpc_server import Service
from reportsuite.generator.v1 import generator_pb2 as pb
from tests.integration.generator import builders as b
from tests.integration.generator.records import T0, Stub, at, given_a_world

PHONE = "6175550107"
EXPECTED = [
    # (kind, account suffix, campaign, status, record id suffix, sequence)
    (pb.ContactTraceEntry.KIND_FILTERED, "A", "c2", "DUPLICATE", "f1", 0),
    (pb.ContactTraceEntry.KIND_ATTEMPT, "A", "c1", "NOANSWER", "a1", 0),
    (pb.ContactTraceEntry.KIND_ATTEMPT, "A", "c1", "DELIVEREDPERSON", "a2", 0),
    (pb.ContactTraceEntry.KIND_DIRECT_CONNECT, "A", "c1", "DC_CALL_CENTER_BUSY", "a2", 1),
    (pb.ContactTraceEntry.KIND_DIRECT_CONNECT, "A", "c1", "DC_SUCCESS", "a2", 2),
    (pb.ContactTraceEntry.KIND_ATTEMPT, "A", "c2", "TEXT_MSG_SENT", "a3", 0),
]


def _contact(account: str) -> pb.Contact:
    return pb.Contact(account=account, client_id="C7", contact_list="L1", first_name="Pat", devices=[
        pb.Device(address=f"+1{PHONE}", device_type=pb.DEVICE_TYPE_HOME),
        pb.Device(address="pat@example.com", device_type=pb.DEVICE_TYPE_EMAIL)])


def _attempt(account: str, attempt_id: str, campaign: str, minutes: int, status: str, **fields: Any) -> pb.Attempt:
    start = T0 + timedelta(minutes=minutes)
    made = b.attempt(attempt_id, account, campaign, client="C7", status=status, start=start,
                     complete=start + timedelta(seconds=50), device=PHONE, **fields)
    made.pass_id = "p2" if fields.get("channel") == b.TEXT else "p1"
    return made


def _dc(account: str, sequence: int, status: str) -> pb.DirectConnectAttempt:
    return pb.DirectConnectAttempt(attempt_id=f"{account}-a2", sequence=sequence, account=account, campaign="c1",
                                   sub_campaign="s1", client_id="C7", dc_number="8005550199", status=status,
                                   start_time=at(60 + sequence), complete_time=at(60 + sequence + 0.5))


@pytest.fixture
def accounts(generator: Stub, unique_id: str) -> dict[str, str]:
    """Ingests the history above; returns the ids of accounts A, B and X and of the enterprise."""
    ids = {"A": f"{unique_id}-a", "B": f"{unique_id}-b", "X": f"{unique_id}-x", "E": f"{unique_id}-ent"}
    for key, enterprise in (("A", ids["E"]), ("B", ids["E"]), ("X", "other")):
        given_a_world(generator, ids[key], enterprise=enterprise, campaigns=("c1", "c2"))
    a, bb, x = ids["A"], ids["B"], ids["X"]
    assert not generator.IngestContacts(iter([pb.IngestContactsRequest(contacts=[_contact(a), _contact(x)])])).rejected
    attempts = [
        _attempt(a, f"{a}-a1", "c1", 0, "NOANSWER", ring=55),
        _attempt(a, f"{a}-a2", "c1", 60, "DELIVEREDPERSON", talk=80),
        _attempt(a, f"{a}-a3", "c2", 120, "TEXT_MSG_SENT", channel=b.TEXT),
        _attempt(bb, f"{bb}-b1", "c1", 90, "BUSY"),
        _attempt(x, f"{x}-x1", "c1", 30, "DELIVEREDMACHINE"),
    ]
    assert not b.ingest_attempts(generator, attempts).rejected
    filtered = pb.FilteredContact(id=f"{a}-f1", account=a, campaign="c2", sub_campaign="s1", pass_id="p2",
                                  client_id="C7", channel=pb.CHANNEL_TEXT, device=PHONE, status="DUPLICATE",
                                  filter_time=at(0))
    assert not generator.IngestFilteredContacts(iter([pb.IngestFilteredContactsRequest(
        filtered_contacts=[filtered])])).rejected
    dcs = [_dc(a, 1, "DC_CALL_CENTER_BUSY"), _dc(a, 2, "DC_SUCCESS")]
    assert not generator.IngestDirectConnectAttempts(iter([pb.IngestDirectConnectAttemptsRequest(
        direct_connect_attempts=dcs)])).rejected
    return ids


def _trace(stub: Stub, parent: str, **contact: str) -> list[pb.ContactTraceEntry]:
    entries: list[pb.ContactTraceEntry] = []
    request = pb.TraceContactRequest(parent=parent, page_size=1000, **contact)
    while True:
        page = stub.TraceContact(request)
        entries.extend(page.entries)
        if not page.next_page_token:
            return entries
        request.page_token = page.next_page_token


def _shape(entries: list[pb.ContactTraceEntry], ids: dict[str, str]) -> list[tuple[Any, ...]]:
    names = {value: key for key, value in ids.items()}
    return [(e.kind, names[e.account], e.campaign, e.status, e.attempt_id.rsplit("-", 1)[-1], e.sequence)
            for e in entries]


@pytest.mark.parametrize("contact", [{"client_id": "C7"}, {"phone_number": "+1 (617) 555-0107"},
                                     {"email_address": "PAT@Example.com"}], ids=["ClientID", "phone", "email"])
def test_the_trace_returns_the_contacts_whole_history_in_time_order_across_campaigns(
        generator: Stub, accounts: dict[str, str], contact: dict[str, str]) -> None:
    entries = _trace(generator, f"accounts/{accounts['A']}", **contact)

    assert _shape(entries, accounts) == EXPECTED
    times = [e.time.ToDatetime() for e in entries]
    assert times == sorted(times)


def test_each_status_is_explained_in_the_guides_words(generator: Stub, accounts: dict[str, str]) -> None:
    entries = _trace(generator, f"accounts/{accounts['A']}", client_id="C7")

    words = {e.status: (e.status_description, e.rank) for e in entries}
    assert words["NOANSWER"] == ("The call rang but was not answered. A call is considered unanswered after "
                                 "approximately 55 seconds of ring time.", 4)
    assert words["DC_SUCCESS"] == ("A successful connection to the contact center occurred.", 0)
    assert words["DUPLICATE"] == ("The device was not attempted because the device is a duplicate.", 1)
    first_call = entries[1]
    assert (first_call.campaign_name, first_call.sub_campaign_name, first_call.pass_id, first_call.ring_seconds,
            first_call.channel) == ("Campaign c1", "Wave One", "p1", 55, pb.CHANNEL_VOICE)


def test_an_enterprise_trace_covers_its_accounts_and_no_other(generator: Stub, accounts: dict[str, str]) -> None:
    entries = _trace(generator, f"enterprises/{accounts['E']}", client_id="C7")

    assert [(names, status) for _, names, _, status, _, _ in _shape(entries, accounts)] == [
        ("A", "DUPLICATE"), ("A", "NOANSWER"), ("A", "DELIVEREDPERSON"), ("A", "DC_CALL_CENTER_BUSY"),
        ("A", "DC_SUCCESS"), ("B", "BUSY"), ("A", "TEXT_MSG_SENT")]


def test_another_accounts_contact_with_the_same_phone_is_never_returned(generator: Stub,
                                                                       accounts: dict[str, str]) -> None:
    in_a = _trace(generator, f"accounts/{accounts['A']}", phone_number=PHONE)
    in_x = _trace(generator, f"accounts/{accounts['X']}", phone_number=PHONE)

    assert accounts["X"] not in {e.account for e in in_a}
    assert [(e.account, e.status) for e in in_x] == [(accounts["X"], "DELIVEREDMACHINE")]


@pytest.mark.parametrize(("contact", "field"), [({"client_id": "C404"}, "client_id"),
                                                ({"phone_number": "508 555 0000"}, "phone_number"),
                                                ({"email_address": "nobody@example.com"}, "email_address")])
def test_an_unknown_contact_is_refused_with_not_found_naming_the_field(
        generator: Stub, accounts: dict[str, str], contact: dict[str, Any], field: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        generator.TraceContact(pb.TraceContactRequest(parent=f"accounts/{accounts['A']}", **contact))

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert error_details(raised.value)["field"] == field


def test_a_clientid_known_only_in_another_account_is_not_found(generator: Stub, accounts: dict[str, str]) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        generator.TraceContact(pb.TraceContactRequest(parent=f"accounts/{accounts['B']}",
                                                      email_address="pat@example.com"))

    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(("request_fields", "code", "field"), [
    ({"parent": "accounts/nobody-here", "client_id": "C7"}, grpc.StatusCode.NOT_FOUND, "parent"),
    ({"parent": "enterprises/nobody-here", "client_id": "C7"}, grpc.StatusCode.NOT_FOUND, "parent"),
    ({"parent": "campaigns/c1", "client_id": "C7"}, grpc.StatusCode.INVALID_ARGUMENT, "parent"),
    ({"parent": "A"}, grpc.StatusCode.INVALID_ARGUMENT, "contact"),
    ({"parent": "A", "phone_number": "12"}, grpc.StatusCode.INVALID_ARGUMENT, "phone_number"),
    ({"parent": "A", "client_id": "C7", "page_token": "bm90IGEgdG9rZW4="}, grpc.StatusCode.INVALID_ARGUMENT,
     "page_token"),
])
def test_a_bad_trace_request_names_the_field(generator: Stub, accounts: dict[str, str],
                                             request_fields: dict[str, str], code: grpc.StatusCode,
                                             field: str) -> None:
    fields: dict[str, Any] = dict(request_fields)
    if fields["parent"] == "A":
        fields["parent"] = f"accounts/{accounts['A']}"

    with pytest.raises(grpc.RpcError) as raised:
        generator.TraceContact(pb.TraceContactRequest(**fields))

    assert (raised.value.code(), error_details(raised.value)["field"]) == (code, field)


def test_pages_of_two_entries_add_up_to_the_whole_history(generator: Stub, accounts: dict[str, str]) -> None:
    parent = f"accounts/{accounts['A']}"
    pages = []
    request = pb.TraceContactRequest(parent=parent, client_id="C7", page_size=2)
    while True:
        page = generator.TraceContact(request)
        pages.append(len(page.entries))
        if not page.next_page_token:
            break
        request.page_token = page.next_page_token
    whole = _trace(generator, parent, client_id="C7")

    assert pages == [2, 2, 2]
    assert len(whole) == 6
    other = pb.TraceContactRequest(parent=parent, phone_number=PHONE, page_token=page.next_page_token or "")
    first = generator.TraceContact(pb.TraceContactRequest(parent=parent, client_id="C7", page_size=2))
    other.page_token = first.next_page_token
    with pytest.raises(grpc.RpcError) as raised:
        generator.TraceContact(other)
    assert error_details(raised.value)["field"] == "page_token"


def test_reportctl_trace_prints_the_history_readably_and_as_json(
        generator_service: Service, accounts: dict[str, str], capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("REPORTSUITE_GENERATOR_ADDR", f"127.0.0.1:{generator_service.port}")

    assert reportctl.main(["trace", "--account", accounts["A"], "--phone", "617-555-0107"]) == 0
    text = capsys.readouterr().out
    assert reportctl.main(["trace", "--account", accounts["A"], "--client-id", "C7", "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)

    lines = text.splitlines()
    assert lines[0] == f"6 entries for ClientID C7 in accounts/{accounts['A']}"
    assert lines[2].split() [:3] == ["TIME", "(UTC)", "WHAT"]
    assert "direct connect #2" in lines[7] and "DC_SUCCESS" in lines[7]
    assert lines[3].split()[1:2] == ["filtered"]
    assert "The call rang but was not answered." in lines[4]
    assert [entry["status"] for entry in as_json["entries"]] == [status for _, _, _, status, _, _ in EXPECTED]
    assert as_json["clientIds"] == ["C7"]


def test_reportctl_trace_of_an_unknown_contact_fails_with_the_servers_reason(
        generator_service: Service, accounts: dict[str, str], capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("REPORTSUITE_GENERATOR_ADDR", f"127.0.0.1:{generator_service.port}")

    assert reportctl.main(["trace", "--account", accounts["A"], "--client-id", "C404"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: NOT_FOUND: no contact has ClientID 'C404' here", "field: client_id"]
