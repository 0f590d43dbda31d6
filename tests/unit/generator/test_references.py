"""What ingested records refer to: the highest unknown level is reported, and lookups are batched."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from reportsuite.core.errors import InvalidArgument
from services.generator.domain.records import device_key
from services.generator.domain.references import Key, Known, Reference

STORED: dict[Reference, dict[Key, str]] = {
    Reference.ACCOUNT: {("acc",): ""},
    Reference.CAMPAIGN: {("acc", "c1"): ""},
    Reference.SUB_CAMPAIGN: {("acc", "c1", "s1"): ""},
    Reference.PASS: {("acc", "c1", "s1", "p1"): "Voice"},
}


class Lookup:
    """A store that records every lookup it answers."""

    def __init__(self) -> None:
        self.asked: list[tuple[Reference, set[Key]]] = []

    def existing(self, reference: Reference, keys: Collection[Key]) -> dict[Key, str]:
        self.asked.append((reference, set(keys)))
        return {key: detail for key, detail in STORED.get(reference, {}).items() if key in keys}


@pytest.mark.parametrize(("key", "field", "rule"), [
    (("nobody", "c9", "s9", "p9"), "account", "unknown account"),
    (("acc", "c9", "s9", "p9"), "campaign", "unknown campaign"),
    (("acc", "c1", "s9", "p9"), "sub_campaign", "unknown sub-campaign"),
    (("acc", "c1", "s1", "p9"), "pass_id", "unknown pass"),
])
def test_the_highest_unknown_level_is_the_one_reported(key: Key, field: str, rule: str) -> None:
    known = Known(Lookup())
    known.learn([(Reference.PASS, key)])

    with pytest.raises(InvalidArgument) as raised:
        known.require(Reference.PASS, key)

    assert (raised.value.field, raised.value.rule) == (field, rule)


def test_a_known_pass_gives_its_channel_and_its_parents_are_never_asked_for() -> None:
    lookup = Lookup()
    known = Known(lookup)

    known.learn([(Reference.PASS, ("acc", "c1", "s1", "p1"))] * 3)

    assert known.require(Reference.PASS, ("acc", "c1", "s1", "p1")) == "Voice"
    assert lookup.asked == [(Reference.PASS, {("acc", "c1", "s1", "p1")})]


def test_a_kind_may_name_the_field_of_a_level_itself() -> None:
    known = Known(Lookup())
    known.learn([(Reference.AGENT, ("acc", "ghost"))])

    with pytest.raises(InvalidArgument) as raised:
        known.require(Reference.AGENT, ("acc", "ghost"), {Reference.AGENT: "to_agent"})

    assert (raised.value.field, raised.value.rule) == ("to_agent", "unknown agent")


@pytest.mark.parametrize(("address", "key"), [
    ("+1 (617) 555-0107", "6175550107"), ("617.555.0107", "6175550107"), ("16175550107", "6175550107"),
    ("+44 20 7946 0958", "442079460958"), ("Pat@Example.COM ", "pat@example.com"),
])
def test_devices_are_looked_up_by_digits_or_lower_case_address(address: str, key: str) -> None:
    assert device_key(address) == key
