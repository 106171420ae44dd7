"""Weight redistribution: exact totals, proportional shares, a deterministic remainder."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.errors import InvalidInput
from ledger.scoring.redistribution import proportional_shares

QUANTUM = Decimal("0.0001")
weights_in_quanta = st.integers(min_value=1, max_value=1_000_000)


@given(
    st.dictionaries(
        st.text(alphabet="ABCDEFGP0123456789", min_size=1, max_size=3),
        weights_in_quanta,
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=-(10**6), max_value=10**6),
)
def test_shares_add_up_exactly_and_stay_within_a_quantum_of_proportion(
    quanta: dict[str, int], amount_quanta: int
) -> None:
    weights = {k: QUANTUM * n for k, n in quanta.items()}
    amount = QUANTUM * amount_quanta
    shares = proportional_shares(weights, amount, QUANTUM)
    assert sum(shares.values(), Decimal(0)) == amount
    total = sum(Fraction(w) for w in weights.values())
    for kpi, share in shares.items():
        exact = Fraction(amount) * Fraction(weights[kpi]) / total
        assert abs(Fraction(share) - exact) < Fraction(QUANTUM)
        assert share % QUANTUM == 0
    # Proportions hold in order: a larger weight never gets a smaller share of a gift.
    ordered = sorted(weights, key=lambda k: weights[k])
    for small, large in itertools.pairwise(ordered):
        if weights[small] < weights[large]:
            if amount >= 0:
                assert shares[small] <= shares[large]
            else:
                assert shares[small] >= shares[large]


@given(st.lists(weights_in_quanta, min_size=2, max_size=8), weights_in_quanta)
def test_weights_after_a_cancellation_total_exactly_what_they_did(
    rest: list[int], cancelled: int
) -> None:
    weights = {f"K{i}": QUANTUM * n for i, n in enumerate(rest)}
    before = sum(weights.values(), Decimal(0)) + QUANTUM * cancelled
    shares = proportional_shares(weights, QUANTUM * cancelled, QUANTUM)
    after = sum((weights[k] + shares[k] for k in weights), Decimal(0))
    assert after == before


def test_the_remainder_goes_to_the_largest_remainders_then_by_kpi_id() -> None:
    weights = {"P2": Decimal(15), "P1": Decimal(15), "P3": Decimal(15)}
    assert proportional_shares(weights, Decimal(10), Decimal("0.01")) == {
        "P2": Decimal("3.33"),
        "P1": Decimal("3.34"),
        "P3": Decimal("3.33"),
    }


def test_an_amount_finer_than_the_weight_step_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        proportional_shares({"A": Decimal(1)}, Decimal("0.00001"), QUANTUM)
    assert error.value.field == "weight"


def test_weight_cannot_move_to_nothing() -> None:
    with pytest.raises(InvalidInput):
        proportional_shares({}, Decimal(5), QUANTUM)
