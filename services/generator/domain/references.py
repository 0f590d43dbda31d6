"""What ingested records refer to (accounts, campaigns, passes, agents, ...), looked up once per stream.

A record naming something unknown is rejected with the highest unknown level: an attempt of an
unknown account is "unknown account" (field ``account``), not "unknown sub-campaign". Lookups
are batched: a stream asks the store once for each new key of a batch, and asks for the parent
level only of the keys that were missing.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from typing import Protocol

from reportsuite.core.errors import InvalidArgument

Key = tuple[str, ...]


class Reference(enum.Enum):
    """A kind of thing records refer to; the value is its name in rejection reasons."""

    ACCOUNT = "account"
    CAMPAIGN = "campaign"
    SUB_CAMPAIGN = "sub-campaign"
    PASS = "pass"
    CONTACT_LIST = "contact list"
    AGENT = "agent"
    AGENT_GROUP = "agent group"


# Keys: ACCOUNT (account,), CAMPAIGN (account, campaign), SUB_CAMPAIGN (account, campaign, sub),
# PASS (account, campaign, sub, pass), and (account, id) for the others: a parent's key is always
# the child's key without its last part.
PARENT: dict[Reference, Reference] = {
    Reference.CAMPAIGN: Reference.ACCOUNT,
    Reference.SUB_CAMPAIGN: Reference.CAMPAIGN,
    Reference.PASS: Reference.SUB_CAMPAIGN,
    Reference.CONTACT_LIST: Reference.ACCOUNT,
    Reference.AGENT: Reference.ACCOUNT,
    Reference.AGENT_GROUP: Reference.ACCOUNT,
}

# The field a rejection names for each level, unless a kind says otherwise.
DEFAULT_FIELDS: dict[Reference, str] = {
    Reference.ACCOUNT: "account",
    Reference.CAMPAIGN: "campaign",
    Reference.SUB_CAMPAIGN: "sub_campaign",
    Reference.PASS: "pass_id",
    Reference.CONTACT_LIST: "contact_list",
    Reference.AGENT: "agent_id",
    Reference.AGENT_GROUP: "agent_group",
}


def unknown_rule(reference: Reference) -> str:
    """The rejection reason for a record naming an unknown thing, such as "unknown account"."""
    return f"unknown {reference.value}"


class ReferenceLookup(Protocol):
    """The store's side: which of these keys exist."""

    def existing(self, reference: Reference, keys: Collection[Key]) -> dict[Key, str]:
        """Returns the keys that exist, each with its detail (a pass's channel; "" otherwise)."""
        ...


class Known:
    """The references of one ingest stream: asked for once per key, cached for the whole stream."""

    def __init__(self, lookup: ReferenceLookup) -> None:
        self._lookup = lookup
        self._found: dict[Reference, dict[Key, str]] = {reference: {} for reference in Reference}
        self._asked: dict[Reference, set[Key]] = {reference: set() for reference in Reference}

    def learn(self, wanted: Iterable[tuple[Reference, Key]]) -> None:
        """Looks up the keys a batch names that this stream has not asked about yet."""
        grouped: dict[Reference, set[Key]] = {}
        for reference, key in wanted:
            if key not in self._asked[reference]:
                grouped.setdefault(reference, set()).add(key)
        for reference, keys in grouped.items():
            self._learn(reference, keys)

    def _learn(self, reference: Reference, keys: set[Key]) -> None:
        new = keys - self._asked[reference]
        if not new:
            return
        self._asked[reference] |= new
        found = self._lookup.existing(reference, new)
        self._found[reference].update(found)
        parent = PARENT.get(reference)
        missing = new - found.keys()
        if parent is not None and missing:
            self._learn(parent, {key[:-1] for key in missing})

    def require(self, reference: Reference, key: Key, fields: Mapping[Reference, str] | None = None) -> str:
        """Returns the key's detail, or raises naming the highest level that is not known.

        The key must have been learnt (``learn``) first.
        """
        found = self._found[reference]
        if key in found:
            return found[key]
        level, level_key = reference, key
        while (parent := PARENT.get(level)) is not None and level_key[:-1] in self._asked[parent] \
                and level_key[:-1] not in self._found[parent]:
            level, level_key = parent, level_key[:-1]
        field = (fields or {}).get(level, DEFAULT_FIELDS[level])
        raise InvalidArgument(f"{level.value} {level_key[-1]!r} is not known", field=field,
                              rule=unknown_rule(level))
