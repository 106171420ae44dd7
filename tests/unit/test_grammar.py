"""Messages built around a run-time word read as English: "an independent_evaluator",
"1 problem"; and the message builders that had it wrong use them."""

from __future__ import annotations

from typing import get_args

import pytest

from ledger.domain.values import Role
from ledger.grammar import article, counted, with_article

AN_ROLES = {
    "assessed_unit",
    "assessor",
    "oversight_committee",
    "independent_evaluator",
    "opdc",
    "appeal_body",
    "auditor",
    "administrator",
}


@pytest.mark.parametrize("role", get_args(Role))
def test_every_role_takes_the_article_of_its_sound(role: str) -> None:
    assert article(role) == ("an" if role in AN_ROLES else "a")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("approved", "an approved"),
        ("approved_with_amendments", "an approved_with_amendments"),
        ("rejected", "a rejected"),
        ("AgreementOpened", "an AgreementOpened"),
        ("UnitRegistered", "a UnitRegistered"),
        ("ResultRecorded", "a ResultRecorded"),
        ("SAR", "an SAR"),
        ("KPI", "a KPI"),
        ("hour", "an hour"),
        ("user", "a user"),
        ("one-off", "a one-off"),
        ("", "a "),
    ],
)
def test_with_article(word: str, expected: str) -> None:
    assert with_article(word) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 problems"), (1, "1 problem"), (2, "2 problems"), (-1, "-1 problems")],
)
def test_counted_agrees_with_its_count(count: int, expected: str) -> None:
    assert counted(count, "problem") == expected


def test_counted_takes_an_irregular_plural() -> None:
    assert counted(1, "evidence file") == "1 evidence file"
    assert counted(2, "body", "bodies") == "2 bodies"
