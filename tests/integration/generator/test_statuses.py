"""ListStatuses serves the guide's status table; the statuses reference table holds the same."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reportsuite.core.settings import Settings
from reportsuite.generator.v1 import generator_pb2 as pb
from reportsuite.generator.v1 import generator_pb2_grpc

Stub = generator_pb2_grpc.GeneratorServiceStub
V, T, E, W = pb.CHANNEL_VOICE, pb.CHANNEL_TEXT, pb.CHANNEL_EMAIL, pb.CHANNEL_WEB

# Rows read off the guide's "Completion Statuses" table, plus the decisions of docs/statuses.md.
FROM_THE_GUIDE = [
    ("BADDATA", [V, T, E], 2),
    ("BADNUMBERFAX", [V, T], 3),
    ("BLOCKED", [V, T, E], 1),
    ("BOUNCEDEMAIL_GENERAL", [E], 8),
    ("BUSY", [V], 4),
    ("DELIVEREDMACHINE", [V], 7),
    ("DELIVEREDPERSON", [V], 8),
    ("DNC", [V], 1),
    ("EMAIL_FILTERED", [E], 1),
    ("EMAIL_MSG_NEVER_TRIED", [E], 2),
    ("INBOUND_IVR_COMPLETED", [V], 9),
    ("MACHINE_HANGUP", [V], 5),
    ("NOANSWER", [V], 4),
    ("NOTCONNECTED", [V], 3),
    ("TMS_ERROR_PROVIDER", [V], 3),
    ("TMS_ERROR_MEDIASERVER", [V], 3),
    ("SENTEMAIL", [E], 7),
    ("TEXT_MSG_FAILED", [T], 1),
    ("TEXT_MSG_SENT", [T], 8),
    ("WEB_INTERNAL_URL_SUCCESS", [W], 8),
    ("WIRELESS", [V, T], 1),
]


@pytest.fixture(scope="module")
def listed(generator: Stub) -> dict[str, pb.Status]:
    return {status.code: status for status in generator.ListStatuses(pb.ListStatusesRequest()).statuses}


@pytest.mark.parametrize(("code", "channels", "rank"), FROM_THE_GUIDE, ids=[row[0] for row in FROM_THE_GUIDE])
def test_list_statuses_gives_the_guides_channels_and_rank(
    listed: dict[str, pb.Status], code: str, channels: list[int], rank: int,
) -> None:
    status = listed[code]

    assert (list(status.channels), status.rank, status.direct_connect) == (channels, rank, False)
    assert status.description


def test_list_statuses_gives_the_79_completion_and_10_direct_connect_statuses(listed: dict[str, pb.Status]) -> None:
    direct = sorted(code for code, status in listed.items() if status.direct_connect)

    assert len(listed) == 89
    assert direct == sorted([
        "DC_SUCCESS", "DC_NO_LINES_AVAILABLE", "DC_CALL_CENTER_BUSY", "DC_CALL_CENTER_NO_ANSWER",
        "DC_CLIENT_HANGUP_DURING_TRANSFER", "DC_CLIENT_HANGUP_ON_HOLD", "CONTACT_ABORTED",
        "DC_CALL_CENTER_HANGUP_ON_HOLD", "DC_FAILED", "TELEPHONY_ERROR",
    ])
    assert {listed[code].rank for code in direct} == {0}


def test_the_statuses_table_holds_the_served_table(
    generator: Stub, listed: dict[str, pb.Status], settings: Settings,
) -> None:
    engine = sa.create_engine(settings.database_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT code, rank, direct_connect FROM generator.statuses")).all()
    engine.dispose()

    assert {code: (rank, direct) for code, rank, direct in rows} == {
        code: (status.rank, status.direct_connect) for code, status in listed.items()
    }
