"""Which accounts a message names, whether a caller's scope reaches them, and bounded strings.

Every resource of the suite lives under an account ("accounts/{account}/..."), so the accounts a
request touches are read generically: any string field, at any depth, whose value starts with
"accounts/" names the account after it; in client-streamed records (ingest) a field called
``account`` holds a bare account id. A value starting with "enterprises/" names an enterprise
(a contact trace across an enterprise's accounts), which only ``*`` and that enterprise's scope
reach. No service has to declare anything for this to hold.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from reportsuite.core.errors import InvalidArgument
from reportsuite.core.security.tokens import Scope

log = logging.getLogger(__name__)

ACCOUNTS = "accounts/"
ENTERPRISES = "enterprises/"
# Resource names kept per audit event: enough to say what a call touched, bounded for ingest streams.
MAX_RESOURCES = 20


@dataclass
class Reach:
    """What one message names: accounts in its top-level ``parent``, other accounts, resource names."""

    parent_accounts: set[str] = field(default_factory=set)
    named_accounts: set[str] = field(default_factory=set)
    resources: list[str] = field(default_factory=list)
    parent_enterprises: set[str] = field(default_factory=set)
    named_enterprises: set[str] = field(default_factory=set)

    @property
    def accounts(self) -> set[str]:
        return self.parent_accounts | self.named_accounts

    @property
    def enterprises(self) -> set[str]:
        return self.parent_enterprises | self.named_enterprises

    def merge(self, other: Reach) -> None:
        self.parent_accounts |= other.parent_accounts
        self.named_accounts |= other.named_accounts
        self.parent_enterprises |= other.parent_enterprises
        self.named_enterprises |= other.named_enterprises
        room = MAX_RESOURCES - len(self.resources)
        self.resources.extend([r for r in other.resources if r not in self.resources][:max(room, 0)])


def account_of(value: str) -> str | None:
    """The account a resource name names ("accounts/a/jobs/j" -> "a"); None for other strings.

    The segment is taken as it is, valid id or not, so a malformed name can never slip past a
    scope check that a well-formed one would fail.
    """
    if not value.startswith(ACCOUNTS):
        return None
    return value[len(ACCOUNTS):].split("/", 1)[0]


def inspect(message: Message, *, max_string: int | None, bare_accounts: bool = False, collect: bool = True) -> Reach:
    """Walks every set field of message once.

    Args:
        message: the request (or one streamed record batch).
        max_string: the longest string allowed in any field; None checks no string (answers may hold anything).
        bare_accounts: also read ``account`` fields as bare account ids (streamed records).
        collect: gather accounts and resource names; False only checks the strings.

    Raises:
        InvalidArgument: naming the first string field longer than max_string or holding a NUL
            character (PostgreSQL text cannot hold one, so it could only fail deeper down).
    """
    reach = Reach()
    if not _fast(message, True, reach, max_string, bare_accounts, collect):
        _walk(message, "", Reach(), max_string, bare_accounts, collect)  # finds the field's path and raises
    return reach


@dataclass(frozen=True)
class _Plan:
    """A message type's fields by how they are walked; built once per type."""

    strings: tuple[str, ...]
    string_lists: tuple[str, ...]
    messages: tuple[str, ...]
    message_lists: tuple[str, ...]
    maps: tuple[str, ...]


@functools.cache
def _plan(descriptor: Descriptor) -> _Plan:
    groups: dict[str, list[str]] = {"strings": [], "string_lists": [], "messages": [], "message_lists": [],
                                    "maps": []}
    for field_ in descriptor.fields:
        if field_.message_type is not None and field_.message_type.GetOptions().map_entry:
            groups["maps"].append(field_.name)
        elif field_.type == FieldDescriptor.TYPE_MESSAGE:
            if _holds_strings(field_.message_type, frozenset()):
                groups["message_lists" if field_.is_repeated else "messages"].append(field_.name)
        elif field_.type == FieldDescriptor.TYPE_STRING:
            groups["string_lists" if field_.is_repeated else "strings"].append(field_.name)
    return _Plan(**{key: tuple(names) for key, names in groups.items()})


def _holds_strings(descriptor: Descriptor, seen: frozenset[str]) -> bool:
    """Whether a message type has a string field at any depth (Timestamps have none: not walked)."""
    if descriptor.full_name in seen:
        return False
    for field_ in descriptor.fields:
        if field_.type == FieldDescriptor.TYPE_STRING:
            return True
        if field_.message_type is not None and _holds_strings(field_.message_type, seen | {descriptor.full_name}):
            return True
    return False


def _fast(message: Message, top: bool, reach: Reach, max_string: int | None, bare: bool,
          collect: bool) -> bool:
    """The walk without field paths (ingest batches hold thousands of records); False on a bad string."""
    plan = _plan(message.DESCRIPTOR)
    for name in plan.strings:
        value = getattr(message, name)
        if value:
            if max_string is not None and (len(value) > max_string or "\x00" in value):
                return False
            if collect:
                _collect(value, name, top and name == "parent", reach, bare)
    for name in plan.string_lists:
        for value in getattr(message, name):
            if max_string is not None and (len(value) > max_string or "\x00" in value):
                return False
            if collect:
                _collect(value, name, False, reach, bare)
    for name in plan.messages:
        if message.HasField(name) and not _fast(getattr(message, name), False, reach, max_string, bare, collect):
            return False
    for name in plan.message_lists:
        for item in getattr(message, name):
            if not _fast(item, False, reach, max_string, bare, collect):
                return False
    return not plan.maps or _walk_checked(message, plan, reach, max_string, bare, collect)


def _walk_checked(message: Message, plan: _Plan, reach: Reach, max_string: int | None, bare: bool,
          collect: bool) -> bool:
    try:
        for name in plan.maps:
            _walk_map(message.DESCRIPTOR.fields_by_name[name], getattr(message, name), name, reach, max_string,
                      bare, collect)
    except InvalidArgument:
        return False
    return True


def _walk(message: Message, prefix: str, reach: Reach, max_string: int | None, bare: bool,
          collect: bool) -> None:
    for descriptor, value in message.ListFields():
        path = prefix + descriptor.name
        if descriptor.message_type is not None and descriptor.message_type.GetOptions().map_entry:
            _walk_map(descriptor, value, path, reach, max_string, bare, collect)
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            items = value if descriptor.is_repeated else [value]
            for index, item in enumerate(items):
                label = f"{path}[{index}]." if descriptor.is_repeated else f"{path}."
                _walk(item, label, reach, max_string, bare, collect)
        elif descriptor.type == FieldDescriptor.TYPE_STRING:
            for item in value if descriptor.is_repeated else [value]:
                _string(item, descriptor.name, path, reach, max_string, bare, collect)


def _walk_map(descriptor: FieldDescriptor, value: object, path: str, reach: Reach, max_string: int | None, bare: bool,
              collect: bool) -> None:
    value_field = descriptor.message_type.fields_by_name["value"]
    for key, item in value.items():  # type: ignore[attr-defined]
        if isinstance(key, str):
            _string(key, "key", f"{path}[key]", reach, max_string, bare, collect)
        if value_field.type == FieldDescriptor.TYPE_MESSAGE:
            _walk(item, f"{path}[{key!s:.40}].", reach, max_string, bare, collect)
        elif isinstance(item, str):
            _string(item, "value", f"{path}[{key!s:.40}]", reach, max_string, bare, collect)


def _string(value: str, name: str, path: str, reach: Reach, max_string: int | None, bare: bool,
            collect: bool) -> None:
    if max_string is None:
        pass
    elif len(value) > max_string:
        raise InvalidArgument(f"{path} is {len(value)} characters long", field=path,
                              rule=f"at most {max_string} characters")
    elif "\x00" in value:
        raise InvalidArgument(f"{path} holds a NUL character", field=path,
                              rule="must not hold the NUL character (U+0000)")
    if collect:
        _collect(value, name, path == "parent", reach, bare)


def _collect(value: str, name: str, parent: bool, reach: Reach, bare: bool) -> None:
    account = account_of(value)
    if account is not None:
        (reach.parent_accounts if parent else reach.named_accounts).add(account)
    elif value.startswith(ENTERPRISES):
        enterprise = value[len(ENTERPRISES):].split("/", 1)[0]
        (reach.parent_enterprises if parent else reach.named_enterprises).add(enterprise)
    elif bare and name == "account" and value:
        reach.named_accounts.add(value)
        return
    else:
        return
    if len(reach.resources) < MAX_RESOURCES and value not in reach.resources:
        reach.resources.append(value[:300])


class EnterpriseDirectory:
    """Which enterprise an account belongs to, asked of the generator (which owns accounts) and cached.

    Only callers scoped to an enterprise need it. A lookup that finds no account caches the miss
    briefly, so an account ingested a moment later is reachable soon after.
    """

    def __init__(self, lookup: Callable[[str], str | None], ttl: float = 300.0, miss_ttl: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lookup = lookup
        self._ttl = ttl
        self._miss_ttl = miss_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[str | None, float]] = {}

    def enterprise_of(self, account: str) -> str | None:
        """The account's enterprise id, or None when the account is unknown."""
        now = self._clock()
        with self._lock:
            cached = self._cache.get(account)
        if cached is not None and cached[1] > now:
            return cached[0]
        enterprise = self._lookup(account)
        with self._lock:
            if len(self._cache) > 100_000:
                self._cache.clear()  # bounded: a flood of made-up names cannot grow it forever
            self._cache[account] = (enterprise, now + (self._ttl if enterprise else self._miss_ttl))
        return enterprise


def reaches_enterprise(scope: Scope, enterprise: str) -> bool:
    """Whether a caller with scope may touch everything of an enterprise."""
    return scope.everything or (bool(scope.enterprise) and scope.enterprise == enterprise)


def reaches(scope: Scope, account: str, directory: EnterpriseDirectory | None) -> bool:
    """Whether a caller with scope may touch account."""
    if scope.everything:
        return True
    if scope.accounts:
        return account in scope.accounts
    if directory is None:
        return False
    return directory.enterprise_of(account) == scope.enterprise
