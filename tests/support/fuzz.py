"""Hypothesis strategies that build random, malformed and hostile protobuf messages from descriptors.

    messages(rpc.request_class.DESCRIPTOR)    any request of any RPC, nested to a few levels

Strings mix unicode with control characters, resource-name shapes, path and header injection,
and now and then a huge one; numbers span their whole type; enums include numbers no proto
defines; Timestamps and Durations go out of their valid ranges. Fields named ``host`` always
say 127.0.0.1, so nothing a fuzzed request makes a service dial ever leaves the machine.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from hypothesis import strategies as st

MAX_DEPTH = 3
HOSTILE = (
    "", " ", "accounts/", "accounts/x", "accounts/x/reports/y", "accounts/../../etc/passwd", "enterprises/e1",
    "../../../../etc/passwd", "/etc/shadow", "a\r\nBcc: victim@example.com", "x@example.com\nSubject: hi",
    "%s%n%x", "<DATE:yyyyMMdd>_<CAMPAIGN>/../x", "' OR 1=1 --", "\x00", "\u202e\u0000\ud7ff", "☃" * 50,
    "user:pw@127.0.0.1:1/../../x", "0 0 31 2 *", "*/0 * * * *", "9" * 40, "-1", "NaN", "Europe/Nowhere",
    "accounts/x/jobs/" + "y" * 300, "fernet:AAAA", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n=\n",
)
_IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._", min_size=0, max_size=12)
STRINGS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE),
    st.builds(lambda a, rest: f"accounts/{a}/{rest}", _IDS, st.text(max_size=24)),
    st.integers(min_value=1000, max_value=200_000).map(lambda n: "x" * n),
)
BYTES = st.one_of(st.binary(max_size=64), st.integers(min_value=1000, max_value=100_000).map(lambda n: b"\xff" * n))
_INTS = {
    FieldDescriptor.TYPE_INT32: (-(2**31), 2**31 - 1), FieldDescriptor.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SFIXED32: (-(2**31), 2**31 - 1), FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1), FieldDescriptor.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1), FieldDescriptor.TYPE_FIXED32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1), FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}


def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    edges = [v for v in (low, high, 0, -1, 1, 2**31 - 1, 10**9) if low <= v <= high]
    return st.one_of(st.sampled_from(edges), st.integers(min_value=low, max_value=high),
                     st.integers(min_value=max(low, -100), max_value=min(high, 10_000)))


def _scalar(field: FieldDescriptor) -> st.SearchStrategy[Any]:
    if field.name == "host":
        return st.just("127.0.0.1")
    kind = field.type
    if kind == FieldDescriptor.TYPE_STRING:
        return STRINGS
    if kind == FieldDescriptor.TYPE_BYTES:
        return BYTES
    if kind == FieldDescriptor.TYPE_BOOL:
        return st.booleans()
    if kind == FieldDescriptor.TYPE_ENUM:
        return st.one_of(st.sampled_from([v.number for v in field.enum_type.values]),
                         st.integers(min_value=-3, max_value=1000))
    if kind in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return st.floats(width=32 if kind == FieldDescriptor.TYPE_FLOAT else 64)
    return _integers(*_INTS[kind])


def _field(field: FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        key = _scalar(field.message_type.fields_by_name["key"])
        value = _field(field.message_type.fields_by_name["value"], depth + 1)
        return st.dictionaries(key, value, max_size=3)
    single = messages(field.message_type, depth + 1) if field.message_type is not None else _scalar(field)
    return st.lists(single, max_size=3) if field.is_repeated else single


def messages(descriptor: Descriptor, depth: int = 0) -> st.SearchStrategy[Message]:
    """Random messages of a type: each field set or not, with a hostile value."""
    cls = message_factory.GetMessageClass(descriptor)
    if depth >= MAX_DEPTH:
        return st.just(cls())
    if descriptor.full_name in ("google.protobuf.Timestamp", "google.protobuf.Duration"):
        return st.builds(lambda s, n: cls(seconds=s, nanos=n), _integers(-(2**63), 2**63 - 1),
                         _integers(-(2**31), 2**31 - 1))
    fields = {f.name: st.none() | _field(f, depth) for f in descriptor.fields}
    return st.fixed_dictionaries(fields).map(lambda values: _build(cls, values))


def _build(cls: type[Message], values: dict[str, Any]) -> Message:
    message = cls()
    for name, value in values.items():
        if value is None:
            continue
        target: Any = getattr(message, name) if hasattr(message, name) else None
        field = message.DESCRIPTOR.fields_by_name[name]
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            for key, item in value.items():
                if isinstance(item, Message):
                    target[key].CopyFrom(item)
                else:
                    target[key] = item
        elif field.is_repeated:
            if field.message_type is not None:
                for item in value:
                    target.add().CopyFrom(item)
            else:
                target.extend(value)
        elif field.message_type is not None:
            target.CopyFrom(value)
        else:
            setattr(message, name, value)
    return message
