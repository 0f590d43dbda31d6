"""The activity store's SQL: bulk ingest in one round trip per batch, and the lookups reports need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from psycopg2.extras import execute_values
from sqlalchemy import Engine

from services.generator.adapters.database import raw_cursor
from services.generator.adapters.ingest_repository import IngestRepository
from services.generator.domain.model import Account, Campaign, Channel, Pass, PassType, SubCampaign
from services.generator.domain.statuses import Status


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


class ActivityRepository(IngestRepository):
    """Implements the domain's ActivityStore on the generator schema (ingest: IngestRepository)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    def sync_statuses(self, statuses: Sequence[Status]) -> None:
        """Upserts the status reference table from the domain's data, its single source."""
        rows = [(s.code, [c.value for c in s.channels], s.rank, s.description, s.direct_connect) for s in statuses]
        with raw_cursor(self._engine) as cursor:
            execute_values(cursor, """
                INSERT INTO generator.statuses (code, channels, rank, description, direct_connect) VALUES %s
                ON CONFLICT (code) DO UPDATE SET channels = EXCLUDED.channels, rank = EXCLUDED.rank,
                    description = EXCLUDED.description, direct_connect = EXCLUDED.direct_connect
            """, rows, page_size=len(rows))

    def ingest_cutoff(self) -> str:
        """The current snapshot of the activity store, as text: an Incremental run's cutoff.

        An attempt is inside the cutoff when its ``ingest_xid`` is visible in this snapshot, i.e.
        its ingest transaction had committed when the snapshot was taken (docs/incremental.md).
        """
        with raw_cursor(self._engine) as cursor:
            cursor.execute("SELECT pg_current_snapshot()::text")
            return str(cursor.fetchone()[0])

    def get_account(self, account: str) -> Account | None:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("""
                SELECT id, display_name, enterprise, reports_time_zone, cost_visible
                FROM generator.accounts WHERE id = %s
            """, (account,))
            row = cursor.fetchone()
        return Account(*row) if row else None

    def get_campaign(self, account: str, campaign: str) -> Campaign | None:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("""
                SELECT display_name, start_time, end_time FROM generator.campaigns WHERE account = %s AND id = %s
            """, (account, campaign))
            row = cursor.fetchone()
            if row is None:
                return None
            cursor.execute("""
                SELECT id, display_name, contact_list FROM generator.sub_campaigns
                WHERE account = %s AND campaign = %s ORDER BY id
            """, (account, campaign))
            subs = [SubCampaign(*sub) for sub in cursor.fetchall()]
            cursor.execute("""
                SELECT sub_campaign, id, display_name, channel, pass_type FROM generator.sub_campaign_passes
                WHERE account = %s AND campaign = %s ORDER BY sub_campaign, pass_order, id
            """, (account, campaign))
            passes: dict[str, list[Pass]] = {}
            for sub_id, pass_id, name, channel, pass_type in cursor.fetchall():
                passes.setdefault(sub_id, []).append(Pass(pass_id, name, Channel(channel), PassType(pass_type)))
        with_passes = tuple(replace(sub, passes=tuple(passes.get(sub.id, ()))) for sub in subs)
        return Campaign(account, campaign, row[0], _utc(row[1]), _utc(row[2]), with_passes)

    def sub_campaigns_named(self, account: str, sub_campaign: str) -> list[tuple[Campaign, SubCampaign]]:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("""
                SELECT campaign FROM generator.sub_campaigns WHERE account = %s AND id = %s ORDER BY campaign
            """, (account, sub_campaign))
            campaign_ids = [row[0] for row in cursor.fetchall()]
        found: list[tuple[Campaign, SubCampaign]] = []
        for campaign_id in campaign_ids:
            campaign = self.get_campaign(account, campaign_id)
            if campaign is not None:
                found.extend((campaign, sub) for sub in campaign.sub_campaigns if sub.id == sub_campaign)
        return found

    def enterprise_members(self, enterprise: str) -> tuple[str, tuple[str, ...]]:
        with raw_cursor(self._engine) as cursor:
            cursor.execute("SELECT display_name FROM generator.enterprises WHERE id = %s", (enterprise,))
            row = cursor.fetchone()
            cursor.execute("SELECT id FROM generator.accounts WHERE enterprise = %s ORDER BY id", (enterprise,))
            members = tuple(member for (member,) in cursor.fetchall())
        return (row[0] if row else enterprise), members
