"""What the store does with the activity records beyond accounts, campaigns and attempts.

Methods named ``upsert_*`` replace by key and return how many records were new or changed (a
record identical to the stored one is a duplicate); ``insert_*`` store records whose id is new
and leave the others as they were, returning how many were new. Each is one round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

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
)


class RecordStore(Protocol):
    """The activity store's tables for the records of services.generator.domain.records."""

    def upsert_enterprises(self, records: Sequence[Enterprise]) -> int: ...

    def upsert_contact_lists(self, records: Sequence[ContactList]) -> int: ...

    def insert_list_loads(self, records: Sequence[ListLoad]) -> int: ...

    def upsert_contacts(self, records: Sequence[Contact]) -> int:
        """Replaces contacts with their devices (a contact whose devices changed counts as changed)."""
        ...

    def insert_filtered_contacts(self, records: Sequence[FilteredContact]) -> int: ...

    def insert_direct_connect_attempts(self, records: Sequence[DirectConnectAttempt]) -> int: ...

    def upsert_agent_groups(self, records: Sequence[AgentGroup]) -> int: ...

    def upsert_agents(self, records: Sequence[Agent]) -> int:
        """Replaces agents with their group memberships."""
        ...

    def insert_agent_state_changes(self, records: Sequence[AgentStateChange]) -> int: ...

    def insert_agent_actions(self, records: Sequence[AgentAction]) -> int: ...

    def insert_call_recordings(self, records: Sequence[CallRecording]) -> int: ...

    def insert_session_transfers(self, records: Sequence[SessionTransfer]) -> int: ...

    def insert_text_opt_outs(self, records: Sequence[TextOptOut]) -> int: ...
