"""The four shipped frameworks, and what happens to a framework file that is wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.frameworks.loader import FrameworkFileError, builtin_frameworks, load_framework


def test_the_four_seed_frameworks_ship_as_data() -> None:
    assert set(builtin_frameworks()) == {
        "fy2552-pilot-ministry-departments",
        "fy2554-rayong-agencies-individuals",
        "fy2557-provinces",
        "fy2568-provinces",
    }


def test_fy2557_carries_the_seed_weights_limits_calendar_and_penalties() -> None:
    fw = builtin_frameworks()["fy2557-provinces"]
    assert {d.id: d.weight for d in fw.dimensions} == {"external": 70, "internal": 30}
    assert [(c.id, c.weight) for c in fw.components][:2] == [
        ("1.1", Decimal(15)),
        ("1.2", Decimal(45)),
    ]
    assert fw.kpi_count_limits[0].max_scored_kpis == 5
    assert [str(r.sar_due) for r in fw.rounds] == ["2014-04-30", "2014-07-31", "2014-10-31"]
    assert [str(w.closes) for w in fw.change_windows] == ["2014-04-30", "2014-10-31"]
    assert {p.kind: p.amount for p in fw.penalties} == {
        "late_esar": Decimal("0.0500"),
        "late_paper_sar_per_working_day": Decimal("0.0500"),
    }
    assert {m.code for m in fw.mandatory_kpis if m.monitor} == {"M1", "M2", "M3"}


def test_fy2568_scores_three_levels_and_rounds_assess_the_seed_components() -> None:
    fw = builtin_frameworks()["fy2568-provinces"]
    assert fw.scoring == "three_level"
    assert [(r.id, r.assesses) for r in fw.rounds] == [
        ("6m", ("performance",)),
        ("12m", ("performance", "potential")),
    ]
    assert [c.code for c in fw.change_reasons] == ["1.1", "1.2", "1.3", "1.4", "1.5"]


def test_fy2552_requires_dimensions_one_and_two_to_outweigh_three_and_four() -> None:
    fw = builtin_frameworks()["fy2552-pilot-ministry-departments"]
    assert fw.weight_comparisons[0].greater == ("d1", "d2")
    assert {m.code: m.weight for m in fw.mandatory_kpis}["6"] == 20


def test_fy2554_individuals_have_two_half_year_rounds() -> None:
    fw = builtin_frameworks()["fy2554-rayong-agencies-individuals"]
    assert [r.id for r in fw.rounds_for("individual")] == ["h1", "h2"]
    assert [r.id for r in fw.rounds_for("provincial_agency")] == ["6m", "9m", "12m"]


MINIMAL = """
id = "test"
fiscal_year = 2570
name_th = "ทดสอบ"
name_en = "test"
source = "tests"
levels = ["province"]
scoring = "three_level"
rounds = []
[[dimensions]]
id = "d"
name_th = "มิติ"
name_en = "d"
weight = "100"
[[components]]
id = "c"
dimension = "d"
name_th = "ก"
name_en = "c"
"""


def test_a_minimal_new_framework_loads() -> None:
    assert load_framework("new.toml", MINIMAL.encode()).id == "test"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('scoring = "three_level"', 'scoring = "four_level"'), "$.scoring"),
        (('weight = "100"', "weight = true"), "$.dimensions[0].weight"),
        (('source = "tests"', 'source = "tests"\ncolour = "red"'), "$.colour"),
        (('dimension = "d"', 'dimension = "nope"'), "$.components[0].dimension"),
        (('weight = "100"', 'weight = "90"'), "$.dimensions"),
        (("fiscal_year = 2570", "fiscal_year = 2027"), "$.fiscal_year"),
    ],
)
def test_an_invalid_framework_file_names_the_file_and_the_field(
    change: tuple[str, str], field: str
) -> None:
    text = MINIMAL.replace(*change)
    with pytest.raises(FrameworkFileError) as error:
        load_framework("frameworks/bad.toml", text.encode())
    assert error.value.message.startswith("frameworks/bad.toml: ")
    assert error.value.field == field


def test_bare_toml_numbers_are_read_as_exact_decimals() -> None:
    text = MINIMAL.replace('weight = "100"', "weight = 100.0")
    assert load_framework("new.toml", text.encode()).dimensions[0].weight == Decimal("100.0")
