"""The contact trace's SQL (the domain's ContactHistory), always bounded to the trace's accounts.

Attempts are reached campaign by campaign through ``ix_attempts_best_contact`` (account,
campaign, client_id, ...): one index probe per campaign of the scope instead of an index of its
own on 1M+ rows that every ingest would have to maintain. Filter records and Direct Connect
attempts have an (account, client_id) index each. One page is one UNION ALL ordered on the
trace's keyset (time, kind, id, sequence) with a LIMIT.
"""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import Engine

from services.generator.adapters.database import raw_cursor
from services.generator.domain.model import Channel
from services.generator.domain.trace import EntryKind, Position, TraceEntry

# Every attempt of the ClientIDs in the scope's campaigns, via one index probe per campaign.
_ATTEMPTS = """
    SELECT 1 AS kind, a.start_time AS time, a.account, a.campaign, a.sub_campaign, a.pass_id, a.client_id,
           a.channel, a.device, a.status, a.attempt_id AS record_id, 0 AS sequence, a.complete_time,
           a.ring_seconds, 0 AS hold_seconds, a.talk_seconds, a.message_content
    FROM generator.campaigns c
    JOIN generator.attempts a ON a.account = c.account AND a.campaign = c.id AND a.client_id = ANY(%(ids)s)
    WHERE c.account = ANY(%(accounts)s)
"""
_FILTERED = """
    SELECT 0, f.filter_time, f.account, f.campaign, f.sub_campaign, f.pass_id, f.client_id, f.channel, f.device,
           f.status, f.id, 0, NULL::timestamptz, 0, 0, 0, ''
    FROM generator.filtered_contacts f WHERE f.account = ANY(%(accounts)s) AND f.client_id = ANY(%(ids)s)
"""
_DIRECT_CONNECT = """
    SELECT 2, d.start_time, d.account, d.campaign, d.sub_campaign, '', d.client_id, 'Voice', d.dc_number,
           d.status, d.attempt_id, d.sequence, d.complete_time, d.ring_seconds, d.hold_seconds, d.talk_seconds, ''
    FROM generator.direct_connect_attempts d WHERE d.account = ANY(%(accounts)s) AND d.client_id = ANY(%(ids)s)
"""
HISTORY_SQL = f"""
SELECT e.*, coalesce(c.display_name, ''), coalesce(s.display_name, '')
FROM ({_ATTEMPTS} UNION ALL {_FILTERED} UNION ALL {_DIRECT_CONNECT}) e
LEFT JOIN generator.campaigns c ON c.account = e.account AND c.id = e.campaign
LEFT JOIN generator.sub_campaigns s ON s.account = e.account AND s.campaign = e.campaign AND s.id = e.sub_campaign
WHERE %(after_time)s::timestamptz IS NULL
   OR (e.time, e.kind, e.record_id, e.sequence) > (%(after_time)s, %(after_kind)s, %(after_id)s, %(after_sequence)s)
ORDER BY e.time, e.kind, e.record_id, e.sequence
LIMIT %(limit)s
"""

_KNOWN_SQL = """
SELECT EXISTS (SELECT 1 FROM generator.contacts WHERE account = ANY(%(accounts)s) AND client_id = %(id)s)
    OR EXISTS (SELECT 1 FROM generator.campaigns c
               JOIN generator.attempts a ON a.account = c.account AND a.campaign = c.id AND a.client_id = %(id)s
               WHERE c.account = ANY(%(accounts)s))
    OR EXISTS (SELECT 1 FROM generator.filtered_contacts WHERE account = ANY(%(accounts)s) AND client_id = %(id)s)
    OR EXISTS (SELECT 1 FROM generator.direct_connect_attempts
               WHERE account = ANY(%(accounts)s) AND client_id = %(id)s)
"""


class TraceRepository:
    """Implements the domain's ContactHistory on the generator schema."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def account_exists(self, account: str) -> bool:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("SELECT 1 FROM generator.accounts WHERE id = %s", (account,))
            return cursor.fetchone() is not None

    def enterprise_accounts(self, enterprise: str) -> list[str]:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("SELECT id FROM generator.accounts WHERE enterprise = %s ORDER BY id", (enterprise,))
            return [row[0] for row in cursor.fetchall()]

    def client_ids_with_device(self, accounts: list[str], key: str) -> list[str]:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("""
                SELECT DISTINCT client_id FROM generator.contact_devices
                WHERE account = ANY(%s) AND device_key = %s ORDER BY client_id
            """, (accounts, key))
            return [row[0] for row in cursor.fetchall()]

    def client_id_known(self, accounts: list[str], client_id: str) -> bool:
        with raw_cursor(self._engine) as cursor:
            cursor.execute(_KNOWN_SQL, {"accounts": accounts, "id": client_id})
            return bool(cursor.fetchone()[0])

    def history(self, accounts: list[str], client_ids: list[str], after: Position | None,
                limit: int) -> list[TraceEntry]:
        parameters = {
            "accounts": accounts, "ids": client_ids, "limit": limit,
            "after_time": after.time if after else None, "after_kind": after.kind.value if after else 0,
            "after_id": after.record_id if after else "", "after_sequence": after.sequence if after else 0,
        }
        with raw_cursor(self._engine) as cursor:
            cursor.execute(HISTORY_SQL, parameters)
            return [_entry(row) for row in cursor.fetchall()]


def _entry(row: tuple[object, ...]) -> TraceEntry:
    (kind, time, account, campaign, sub_campaign, pass_id, client_id, channel, device, status, record_id, sequence,
     complete_time, ring, hold, talk, message, campaign_name, sub_campaign_name) = row
    return TraceEntry(
        position=Position(time.astimezone(UTC), EntryKind(kind), str(record_id), int(sequence)),  # type: ignore[attr-defined, call-overload]
        account=str(account), campaign=str(campaign), campaign_name=str(campaign_name),
        sub_campaign=str(sub_campaign), sub_campaign_name=str(sub_campaign_name), pass_id=str(pass_id),
        client_id=str(client_id), channel=Channel(channel), device=str(device), status=str(status),
        complete_time=complete_time.astimezone(UTC) if complete_time is not None else None,  # type: ignore[attr-defined]
        ring_seconds=int(ring), hold_seconds=int(hold), talk_seconds=int(talk),  # type: ignore[call-overload]
        message_content=str(message),
    )
