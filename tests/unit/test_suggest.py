"""Did you mean: the closest known ids for an unknown one, the message that names what was
asked, the as-of argument order, and a diff's values in words. No I/O."""

from __future__ import annotations

import pytest

from commands.cli.render_diff import changes_table, readable
from commands.cli.time_travel import agreement_first
from ledger.errors import NotFound, exit_code_for
from ledger.suggestions import FEW, close_matches, did_you_mean, hint, not_found
from projections.diff import Change

AGREEMENTS = ["GRP-ANDAMAN/2557", "TH-81/2557", "TH-82/2557", "TH-83/2557", "TH-85/2557"]


def test_an_id_equal_but_for_letter_case_is_the_one_suggestion() -> None:
    assert close_matches("th-81/2557", AGREEMENTS) == ["TH-81/2557"]


def test_one_id_that_stands_out_is_suggested_alone() -> None:
    assert close_matches("TH-811/2557", AGREEMENTS) == ["TH-81/2557"]
    assert close_matches("opdc-secretary", ["change-secretary", "opdc-secretariat"]) == [
        "opdc-secretariat"
    ]


def test_equally_close_ids_come_in_name_order_at_most_three() -> None:
    assert close_matches("TH-8/2557", reversed(AGREEMENTS)) == [
        "TH-81/2557",
        "TH-82/2557",
        "TH-83/2557",
    ]


def test_nothing_alike_suggests_nothing() -> None:
    assert close_matches("budget", AGREEMENTS) == []
    assert close_matches("TH-81/2557", []) == []


@pytest.mark.parametrize(
    ("matches", "said"),
    [
        ([], ""),
        (["G1"], " (did you mean 'G1'?)"),
        (["G1", "G2"], " (did you mean 'G1' or 'G2'?)"),
        (["G1", "G2", "P1"], " (did you mean 'G1', 'G2' or 'P1'?)"),
    ],
)
def test_did_you_mean_reads_as_a_question(matches: list[str], said: str) -> None:
    assert did_you_mean(matches) == said


def test_with_no_close_match_a_few_known_ids_are_listed_and_many_are_not() -> None:
    assert hint("G9", ["P1", "G1", "G2"]) == " (known: 'G1', 'G2', 'P1')"
    many = [f"U-{n:03d}" for n in range(FEW + 1)]
    assert hint("nothing-like-it", many) == ""
    assert hint("nothing-like-it", []) == ""


def test_not_found_names_what_was_asked_for_and_where() -> None:
    error = not_found(
        "KPI", "P11", ["P1", "G1"], field="AGREEMENT#KPI", rule="a rule", within="TH-81/2557"
    )
    assert isinstance(error, NotFound)
    assert error.message == "KPI 'P11' not found in TH-81/2557 (did you mean 'P1'?)"
    assert error.expected == ["P1"]
    assert error.actual == "P11"
    assert error.describe().endswith("; field: AGREEMENT#KPI; rule: a rule")
    assert exit_code_for(error) == exit_code_for(NotFound("the one table"))


def test_unit_ids_are_asked_for_as_units() -> None:
    error = not_found("unit", "NOPE", ["TH-81"], field="AGREEMENT", rule="r")
    assert error.message == "unit 'NOPE' not found (known: 'TH-81')"
    assert "agreement" not in error.message


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (("TH-81/2557", "2557-04-30"), ("TH-81/2557", "2557-04-30")),
        (("2557-04-30", "TH-81/2557"), ("TH-81/2557", "2557-04-30")),
        (("30/04/2557", "TH-81/2557"), ("TH-81/2557", "30/04/2557")),
        (
            ("2014-04-30T09:15+07:00", "GRP-ANDAMAN/2557"),
            ("GRP-ANDAMAN/2557", "2014-04-30T09:15+07:00"),
        ),
        # Neither is an agreement: taken as given, so the error names the argument at fault.
        (("nothing", "yesterday"), ("nothing", "yesterday")),
        (("TH-81/2557", "TH-82/2557"), ("TH-81/2557", "TH-82/2557")),
    ],
)
def test_as_of_reads_agreement_first_and_the_old_order_when_unambiguous(
    given: tuple[str, str], read: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert agreement_first(*given) == read
    noted = "old order" in capsys.readouterr().err
    assert noted == (given != read)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "—"),
        (False, "no / ไม่"),
        (True, "yes / ใช่"),
        (("92", "94", "96", "98", "100"), "92 / 94 / 96 / 98 / 100"),
        (["70"], "70"),
        ((), "—"),
        ({"round_id": "12m", "value": "3.5"}, "round id: 12m, value: 3.5"),
        ({}, "—"),
        ("2014-04-30T02:15:00+00:00", "30/04/2557 09:15:00"),
        ("2014-04-30Tnot a time", "2014-04-30Tnot a time"),
        ("accepted", "accepted"),
        (7, "7"),
    ],
)
def test_a_diff_value_reads_as_words_not_python(value: object, words: str) -> None:
    assert readable(value) == words


def test_a_diff_groups_fields_under_their_subject() -> None:
    changes = [
        Change(subject="KPI G1", field="weight", before="7.5", after="10"),
        Change(subject="KPI G1", field="thresholds", before=("1", "2"), after=("2", "3")),
        Change(subject="round 12m KPI G1", field="weighted_score", before=None, after="0.28500"),
        Change(subject="round 12m KPI G1", field="score", before=None, after="2.6"),
    ]
    table = changes_table(changes)
    fields = [str(cell) for cell in table.columns[0].cells]
    assert fields == [
        "KPI G1",
        "  weight",
        "  thresholds",
        "round 12m KPI G1",
        "  weighted score",
        "  score",
    ]
    after = [str(cell) for cell in table.columns[2].cells]
    assert after == ["", "10", "2 / 3", "", "0.2850", "2.6000"]
