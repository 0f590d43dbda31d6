"""The activity model: enterprises, passes, contact lists and loads, contacts and devices, filtered
contacts, Direct Connect attempts, agents and groups, agent state changes and actions, call
recordings, session transfers, text opt-outs; attempts gain their pass, device type and Response
Group answers (docs/activity-model.md).

Accounts keep naming their enterprise by id (``accounts.enterprise``, "" for none); this revision
creates an enterprise row for every id already named, and account ingest keeps doing so.

Revision ID: 0003_activity_model
Revises: 0002_ingest_xid
Create Date: 2025-02-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_activity_model"
down_revision: str | None = "0002_ingest_xid"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "generator"
NEW_TABLES = (
    "sub_campaign_passes", "agent_group_members", "contact_lists", "agents", "agent_groups", "text_opt_outs",
    "session_transfers", "list_loads", "filtered_contacts", "enterprises", "direct_connect_attempts",
    "contacts", "contact_devices", "call_recordings", "agent_state_changes", "agent_actions",
)


class _Xid8(sa.types.UserDefinedType):  # type: ignore[type-arg]
    """PostgreSQL's xid8 (the ingesting transaction of event rows, as attempts.ingest_xid)."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return "xid8"


XID8 = _Xid8()


def _text(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Text(), server_default="", nullable=False)


def _seconds(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer(), server_default="0", nullable=False)


def _update_time() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("update_time", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def _ingested() -> tuple[sa.Column, sa.Column]:  # type: ignore[type-arg]
    """When and in which transaction an event row was ingested (see attempts.ingest_xid)."""
    return (
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("ingest_xid", XID8, server_default=sa.text("pg_current_xact_id()"), nullable=False),
    )


def upgrade() -> None:
    _create_tables()
    op.add_column('attempts', _text('pass_id'), schema=SCHEMA)
    op.add_column('attempts', _text('device_type'), schema=SCHEMA)
    op.add_column(
        'attempts',
        sa.Column('responses', postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        schema=SCHEMA,
    )
    op.execute(f"""
        INSERT INTO {SCHEMA}.enterprises (id, display_name)
        SELECT DISTINCT enterprise, enterprise FROM {SCHEMA}.accounts WHERE enterprise <> ''
        ON CONFLICT (id) DO NOTHING
    """)


def _create_tables() -> None:
    op.create_table('agent_actions',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('agent_id', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('action_time', sa.DateTime(timezone=True), nullable=False),
    _text('detail'),
    _text('campaign'),
    *_ingested(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agent_actions')),
    schema=SCHEMA
    )
    op.create_index('ix_agent_actions_account_time', 'agent_actions', ['account', 'action_time'], schema=SCHEMA)
    op.create_table('agent_state_changes',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('agent_id', sa.Text(), nullable=False),
    _text('group_id'),
    sa.Column('state', sa.Text(), nullable=False),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    _seconds('duration_seconds'),
    *_ingested(),
    sa.CheckConstraint("state IN ('Ready', 'Not Ready', 'Talking', 'On Hold', 'After Call Work')",
                      name=op.f('ck_agent_state_changes_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agent_state_changes')),
    schema=SCHEMA
    )
    op.create_index('ix_agent_state_changes_account_start',
                    'agent_state_changes', ['account', 'start_time'], schema=SCHEMA)
    op.create_table('call_recordings',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('campaign', sa.Text(), nullable=False),
    sa.Column('sub_campaign', sa.Text(), nullable=False),
    sa.Column('attempt_id', sa.Text(), nullable=False),
    _text('client_id'),
    sa.Column('agent_id', sa.Text(), nullable=False),
    _text('group_id'),
    _text('disposition_code'),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    _seconds('duration_seconds'),
    sa.Column('url', sa.Text(), nullable=False),
    *_ingested(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_recordings')),
    schema=SCHEMA
    )
    op.create_index('ix_call_recordings_campaign_start',
                    'call_recordings', ['account', 'campaign', 'start_time'], schema=SCHEMA)
    op.create_table('contact_devices',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('client_id', sa.Text(), nullable=False),
    sa.Column('device', sa.Text(), nullable=False),
    sa.Column('device_key', sa.Text(), nullable=False),
    sa.Column('device_type', sa.Text(), nullable=False),
    sa.Column('wireless', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("device_type IN ('Home', 'Work', 'Mobile', 'Other', 'Email')",
                      name=op.f('ck_contact_devices_device_type')),
    sa.PrimaryKeyConstraint('account', 'client_id', 'device', name=op.f('pk_contact_devices')),
    schema=SCHEMA
    )
    op.create_index('ix_contact_devices_lookup', 'contact_devices', ['account', 'device_key'], schema=SCHEMA)
    op.create_table('contacts',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('client_id', sa.Text(), nullable=False),
    _text('list_id'),
    _text('first_name'),
    _text('last_name'),
    _update_time(),
    sa.PrimaryKeyConstraint('account', 'client_id', name=op.f('pk_contacts')),
    schema=SCHEMA
    )
    op.create_table('direct_connect_attempts',
    sa.Column('attempt_id', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('campaign', sa.Text(), nullable=False),
    sa.Column('sub_campaign', sa.Text(), nullable=False),
    sa.Column('client_id', sa.Text(), nullable=False),
    sa.Column('dc_number', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('complete_time', sa.DateTime(timezone=True), nullable=False),
    _seconds('ring_seconds'),
    _seconds('hold_seconds'),
    _seconds('talk_seconds'),
    *_ingested(),
    sa.CheckConstraint('complete_time >= start_time', name=op.f('ck_direct_connect_attempts_complete_after_start')),
    sa.CheckConstraint('sequence >= 1', name=op.f('ck_direct_connect_attempts_sequence_from_one')),
    sa.PrimaryKeyConstraint('attempt_id', 'sequence', name=op.f('pk_direct_connect_attempts')),
    schema=SCHEMA
    )
    op.create_index('ix_direct_connect_attempts_campaign_window',
                    'direct_connect_attempts', ['account', 'campaign', 'complete_time'], schema=SCHEMA)
    op.create_index('ix_direct_connect_attempts_client',
                    'direct_connect_attempts', ['account', 'client_id'], schema=SCHEMA)
    op.create_table('enterprises',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    _update_time(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprises')),
    schema=SCHEMA
    )
    op.create_table('filtered_contacts',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('campaign', sa.Text(), nullable=False),
    sa.Column('sub_campaign', sa.Text(), nullable=False),
    _text('pass_id'),
    sa.Column('client_id', sa.Text(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    _text('device'),
    _text('device_type'),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('filter_time', sa.DateTime(timezone=True), nullable=False),
    *_ingested(),
    sa.CheckConstraint("channel IN ('Voice', 'Text', 'Email', 'Web')", name=op.f('ck_filtered_contacts_channel')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_filtered_contacts')),
    schema=SCHEMA
    )
    op.create_index('ix_filtered_contacts_campaign_window',
                    'filtered_contacts', ['account', 'campaign', 'filter_time'], schema=SCHEMA)
    op.create_index('ix_filtered_contacts_client', 'filtered_contacts', ['account', 'client_id'], schema=SCHEMA)
    op.create_table('list_loads',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('list_id', sa.Text(), nullable=False),
    _text('original_list_name'),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('total_records', sa.Integer(), nullable=False),
    sa.Column('rejected_records', sa.Integer(), nullable=False),
    *_ingested(),
    sa.CheckConstraint('end_time >= start_time', name=op.f('ck_list_loads_end_after_start')),
    sa.CheckConstraint('rejected_records <= total_records', name=op.f('ck_list_loads_rejected_within_total')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_loads')),
    schema=SCHEMA
    )
    op.create_index('ix_list_loads_account_end', 'list_loads', ['account', 'end_time'], schema=SCHEMA)
    op.create_table('session_transfers',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('campaign', sa.Text(), nullable=False),
    sa.Column('sub_campaign', sa.Text(), nullable=False),
    sa.Column('attempt_id', sa.Text(), nullable=False),
    sa.Column('transfer_type', sa.Text(), nullable=False),
    sa.Column('from_agent', sa.Text(), nullable=False),
    _text('to_agent'),
    _text('to_number'),
    sa.Column('transfer_time', sa.DateTime(timezone=True), nullable=False),
    _seconds('ring_seconds'),
    _seconds('hold_seconds'),
    _seconds('talk_seconds'),
    *_ingested(),
    sa.CheckConstraint("transfer_type IN ('Blind', 'Warm', 'Conference')",
                      name=op.f('ck_session_transfers_transfer_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_transfers')),
    schema=SCHEMA
    )
    op.create_index('ix_session_transfers_campaign_time',
                    'session_transfers', ['account', 'campaign', 'transfer_time'], schema=SCHEMA)
    op.create_table('text_opt_outs',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('account', sa.Text(), nullable=False),
    _text('campaign'),
    _text('sub_campaign'),
    _text('client_id'),
    sa.Column('device', sa.Text(), nullable=False),
    sa.Column('opt_out_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('keyword', sa.Text(), nullable=False),
    _text('message'),
    *_ingested(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_text_opt_outs')),
    schema=SCHEMA
    )
    op.create_index('ix_text_opt_outs_account_time', 'text_opt_outs', ['account', 'opt_out_time'], schema=SCHEMA)
    op.create_table('agent_groups',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    _update_time(),
    sa.ForeignKeyConstraint(['account'], [f'{SCHEMA}.accounts.id'], name=op.f('fk_agent_groups_account_accounts')),
    sa.PrimaryKeyConstraint('account', 'id', name=op.f('pk_agent_groups')),
    schema=SCHEMA
    )
    op.create_table('agents',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    sa.Column('agent_type', sa.Text(), nullable=False),
    _update_time(),
    sa.CheckConstraint("agent_type IN ('Voice', 'Text')", name=op.f('ck_agents_agent_type')),
    sa.ForeignKeyConstraint(['account'], [f'{SCHEMA}.accounts.id'], name=op.f('fk_agents_account_accounts')),
    sa.PrimaryKeyConstraint('account', 'id', name=op.f('pk_agents')),
    schema=SCHEMA
    )
    op.create_table('contact_lists',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    _update_time(),
    sa.ForeignKeyConstraint(['account'], [f'{SCHEMA}.accounts.id'], name=op.f('fk_contact_lists_account_accounts')),
    sa.PrimaryKeyConstraint('account', 'id', name=op.f('pk_contact_lists')),
    schema=SCHEMA
    )
    op.create_table('agent_group_members',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('agent_id', sa.Text(), nullable=False),
    sa.Column('group_id', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['account', 'agent_id'], [f'{SCHEMA}.agents.account', f'{SCHEMA}.agents.id'],
                      name=op.f('fk_agent_group_members_account_agents')),
    sa.ForeignKeyConstraint(['account', 'group_id'], [f'{SCHEMA}.agent_groups.account', f'{SCHEMA}.agent_groups.id'],
                      name=op.f('fk_agent_group_members_account_agent_groups')),
    sa.PrimaryKeyConstraint('account', 'agent_id', 'group_id', name=op.f('pk_agent_group_members')),
    schema=SCHEMA
    )
    op.create_index('ix_agent_group_members_group', 'agent_group_members', ['account', 'group_id'], schema=SCHEMA)
    op.create_table('sub_campaign_passes',
    sa.Column('account', sa.Text(), nullable=False),
    sa.Column('campaign', sa.Text(), nullable=False),
    sa.Column('sub_campaign', sa.Text(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('pass_type', sa.Text(), nullable=False),
    sa.Column('pass_order', sa.Integer(), nullable=False),
    sa.CheckConstraint("channel IN ('Voice', 'Text', 'Email', 'Web')", name=op.f('ck_sub_campaign_passes_channel')),
    sa.CheckConstraint("pass_type IN ('Standard', 'Preview', 'Predictive')",
                      name=op.f('ck_sub_campaign_passes_pass_type')),
    sa.ForeignKeyConstraint(['account', 'campaign', 'sub_campaign'],
                            [f'{SCHEMA}.sub_campaigns.account', f'{SCHEMA}.sub_campaigns.campaign',
                             f'{SCHEMA}.sub_campaigns.id'],
                      name=op.f('fk_sub_campaign_passes_account_sub_campaigns')),
    sa.PrimaryKeyConstraint('account', 'campaign', 'sub_campaign', 'id', name=op.f('pk_sub_campaign_passes')),
    schema=SCHEMA
    )


def downgrade() -> None:
    for column in ("responses", "device_type", "pass_id"):
        op.drop_column("attempts", column, schema=SCHEMA)
    for table in NEW_TABLES:
        op.drop_table(table, schema=SCHEMA)
