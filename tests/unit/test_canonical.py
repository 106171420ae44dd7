"""Canonical event bytes: one encoding per event, sorted and compact, read back exactly."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.integrity.canonical import (
    CanonicalEvent,
    CanonicalFormError,
    canonical_bytes,
    canonical_from_stored,
    parse_canonical,
    stored_payload,
)

ID = UUID("6f1c7d2e-6a0b-5b7e-9d55-2c1f4ad0b001")


def test_members_sorted_compact_utf8() -> None:
    stored = '{"z": "ตรัง", "recorded_at": "2014-04-30T09:00:00Z", "a": {"y": 1, "b": "2.50"}}'
    event = canonical_from_stored(ID, 3, "ledger.domain.events:SarFiled", stored.encode())
    assert (
        canonical_bytes(event)
        == (
            '{"originator_id":"6f1c7d2e-6a0b-5b7e-9d55-2c1f4ad0b001","originator_version":3,'
            '"payload":{"a":{"b":"2.50","y":1},"z":"ตรัง"},"recorded_at":"2014-04-30T09:00:00Z",'
            '"topic":"ledger.domain.events:SarFiled"}'
        ).encode()
    )


def test_only_canonical_bytes_are_read_back() -> None:
    event = canonical_from_stored(ID, 1, "t:T", b'{"recorded_at":"x","n":1}')
    data = canonical_bytes(event)
    assert parse_canonical(data) == event
    with pytest.raises(CanonicalFormError, match="canonical form"):
        parse_canonical(data.replace(b",", b", "))
    with pytest.raises(CanonicalFormError):
        parse_canonical(data[:-1])


def test_floats_and_payloads_without_a_recorded_time_are_refused() -> None:
    with pytest.raises(CanonicalFormError, match="floats"):
        canonical_from_stored(ID, 1, "t:T", b'{"recorded_at":"x","score":2.5}')
    with pytest.raises(CanonicalFormError, match="recorded time"):
        canonical_from_stored(ID, 1, "t:T", b'{"score":"2.5"}')
    with pytest.raises(CanonicalFormError, match="not JSON"):
        canonical_from_stored(ID, 1, "t:T", b'{"recorded_at":"x"')


values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(payload=st.dictionaries(st.text().filter(lambda k: k != "recorded_at"), values))
def test_stored_and_canonical_forms_round_trip(payload: dict[str, Any]) -> None:
    event = CanonicalEvent(
        originator_id=ID, originator_version=7, topic="t:T", recorded_at="r", payload=payload
    )
    data = canonical_bytes(event)
    assert parse_canonical(data) == event
    again = canonical_from_stored(ID, 7, "t:T", stored_payload(event))
    assert canonical_bytes(again) == data
