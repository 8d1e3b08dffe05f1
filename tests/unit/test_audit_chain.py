"""The hash chain reveals any altered, removed or reordered entry."""

import pytest

from services.analytics.domain.chain import GENESIS, first_break, link

pytestmark = pytest.mark.unit


def chain(bodies):
    entries, prev = [], GENESIS
    for position, body in enumerate(bodies, start=1):
        h = link(prev, body)
        entries.append((position, body, prev, h))
        prev = h
    return entries


BODIES = [{"event_id": str(i), "type": "T", "payload": {"n": i}} for i in range(5)]


def test_an_untouched_chain_verifies():
    assert first_break(chain(BODIES)) is None


def test_an_altered_payload_breaks_the_chain_at_that_entry():
    entries = chain(BODIES)
    pos, body, prev, h = entries[2]
    entries[2] = (pos, {**body, "payload": {"n": 99}}, prev, h)
    assert first_break(entries) == 3


def test_a_removed_entry_breaks_the_chain_after_the_gap():
    entries = chain(BODIES)
    del entries[1]
    assert first_break(entries) == 3


def test_the_hash_does_not_depend_on_key_order():
    assert link(GENESIS, {"a": 1, "b": 2}) == link(GENESIS, {"b": 2, "a": 1})
