"""KPI templates from the command line: `ledger template-xlsx` writes a blank template for
each shipped framework that opens in openpyxl with its headers and validation lists; a
filled one imported with `ledger import-kpis` leaves the agreement holding exactly its KPIs
(read back with `ledger show --json`), and sending it again records nothing twice; an import
the ledger refuses and keeps for the audit records that attempt alone.
"""

from __future__ import annotations

import doctest
import json
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from commands.kpi_templates import cells, choices, columns, locating, writing
from commands.kpi_templates.columns import columns_for
from ledger.frameworks.loader import builtin_frameworks, framework_by_id
from ledger.frameworks.model import Framework
from tests.cli import LEDGER, ledger
from tests.e2e.kpi_year import (
    FRAMEWORK,
    HIGHER,
    Year,
    build_year,
    fill,
    head,
    import_file,
    kpis_of,
    own,
)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    return build_year(tmp_path_factory.mktemp("kpi-templates"))


def test_the_modules_examples_hold() -> None:
    for module in (cells, choices, columns, locating):
        assert doctest.testmod(module).failed == 0


def _letter(framework: Framework, key: str) -> str:
    return columns.column_letter([c.key for c in columns_for(framework)].index(key))


@pytest.mark.parametrize("framework_id", sorted(builtin_frameworks()))
def test_a_template_is_written_for_every_framework(tmp_path: Path, framework_id: str) -> None:
    path = tmp_path / "blank.xlsx"
    written = ledger("template-xlsx", framework_id, str(path))
    assert written.returncode == 0, written.stderr
    framework = framework_by_id(framework_id)
    level = framework.levels[0] if len(framework.levels) == 1 else None
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["KPIs", "คำแนะนำ Instructions", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    assert book["Lists"]["F1"].value == framework_id
    sheet = book["KPIs"]
    headers = [c.value for c in sheet[1]]
    assert headers == [columns.header_text(c) for c in columns_for(framework)]
    levels = 5 if framework.scoring == "five_level" else 3
    assert sum(1 for c in columns_for(framework) if c.key.startswith("thresholds[")) == levels
    assert f"Result FY{framework.fiscal_year - 3}" in str(headers)
    assert sheet.freeze_panes == "B2"
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    for key, source in (("component", "A"), ("direction", "B"), ("monitor", "C")):
        letter = _letter(framework, key)
        found = validations[f"{letter}2:{letter}61"]
        assert found.type == "list"
        assert found.formula1.startswith(f"'Lists'!${source}$2:${source}$")
    weight = _letter(framework, "weight")
    assert validations[f"{weight}2:{weight}61"].type == "decimal"
    components = framework.components_for(level) if level else framework.components

    def listed(letter: str) -> list[Any]:
        return [c.value for c in book["Lists"][letter][1:] if c.value is not None]

    assert listed("A") == [f"{c.id} – {c.name_th} / {c.name_en}" for c in components]
    assert listed("B") == [f"{code} – {th} / {en}" for code, (th, en) in choices.DIRECTIONS.items()]
    prelisted = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert prelisted == [m.code for m in writing.prelisted(framework, level)]
    guide = [str(c.value) for row in book["คำแนะนำ Instructions"].iter_rows() for c in row]
    assert framework.name_th in guide
    assert any("recorded with the KPI" in v for v in guide)  # the prior years' results


def test_a_level_the_framework_lacks_or_a_folder_missing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    refused = ledger("template-xlsx", FRAMEWORK, str(path), "--level", "department")
    assert refused.returncode == 1
    assert "field: --level" in refused.stderr
    assert not path.exists()
    nowhere = ledger("template-xlsx", FRAMEWORK, str(tmp_path / "no" / "such" / "t.xlsx"))
    assert nowhere.returncode == 1
    assert "cannot write" in nowhere.stderr
    assert "traceback" not in nowhere.stderr


def _mandatory_filled() -> dict[int, dict[str, Any]]:
    """What the unit types beside the mandatory KPIs the template lists (rows 2-9 for a
    province: 2, 3, 4, 5, 6 scored, M1-M3 monitored)."""
    rows: dict[int, dict[str, Any]] = {}
    for number in range(2, 7):
        rows[number] = {
            "unit_of_measure": "ร้อยละ",
            "direction": HIGHER,
            **{f"thresholds[{i}]": 60 + 5 * i for i in range(5)},
        }
    for number in range(7, 10):
        rows[number] = {"unit_of_measure": "ล้านบาท", "direction": "higher"}
    return rows


def test_a_filled_template_proposes_exactly_itskpis_of(year: Year) -> None:
    rows = _mandatory_filled()
    rows[10] = own("G1", **{"prior_results[1]": 85, "prior_results[2]": "88.5"})
    rows[12] = own(  # a blank row between is skipped
        "G2",
        direction="lower",
        component="1.1",
        weight="5",
        baseline=None,
        monitor="no – ไม่ใช่ / no",
        **{f"thresholds[{i}]": v for i, v in enumerate(["10", 8, 6, 4, 2.25])},
    )
    path = fill(year, "good", rows, keep_prelisted=True)
    before = head(year.db)
    done = import_file(year, path, "TH-82/2557", "TH-82", "--effective-at", "2557-03-20")
    assert done.returncode == 0, done.stderr
    assert "imported 10 KPIs into TH-82/2557" in done.stdout
    assert head(year.db) == before + 20  # each proposal and its receipt
    kpis = kpis_of(year, "TH-82/2557")
    assert list(kpis) == ["2", "3", "4", "5", "6", "M1", "M2", "M3", "G1", "G2"]
    assert {k: v["status"] for k, v in kpis.items()} == dict.fromkeys(kpis, "proposed")
    framework = framework_by_id(FRAMEWORK)
    for mandatory in framework.mandatory_for("province"):
        terms = kpis[mandatory.code]["terms"]
        assert terms["mandatory_code"] == mandatory.code
        assert (terms["title_th"], terms["title_en"]) == (mandatory.title_th, mandatory.title_en)
        assert terms["weight"] == str(mandatory.weight)
        assert terms["monitor"] is mandatory.monitor
        assert terms["thresholds"] == ([] if mandatory.monitor else ["60", "65", "70", "75", "80"])
    assert kpis["G1"]["terms"] == {
        "title_th": "ตัวชี้วัด G1",
        "title_en": "KPI G1",
        "component": "1.2",
        "unit_of_measure": "ร้อยละ",
        "direction": "higher",
        "weight": "7.5",
        "thresholds": ["92", "94", "96", "98", "100.5"],
        "baseline": "90.25",
        "monitor": False,
        "cascaded_from": None,
        "joint_host": None,
        "mandatory_code": None,
        "joint_id": None,
        "prior_results": [  # FY2557's template: the results of 2554, 2555 and 2556
            {"fiscal_year": 2554, "value": "80"},
            {"fiscal_year": 2555, "value": "85"},
            {"fiscal_year": 2556, "value": "88.5"},
        ],
    }
    g2 = kpis["G2"]["terms"]
    assert (g2["direction"], g2["component"], g2["weight"], g2["baseline"]) == (
        "lower",
        "1.1",
        "5",
        None,
    )
    assert g2["thresholds"] == ["10", "8", "6", "4", "2.25"]
    history = ledger("history", "TH-82/2557", "--kpi", "G1", "--db", str(year.db))
    assert "20/03/2557" in history.stdout  # the effective date given

    again = import_file(year, path, "TH-82/2557", "TH-82", "--effective-at", "2557-03-20")
    assert again.returncode == 0, again.stderr
    assert "imported 0 KPIs" in again.stdout
    assert "10 already recorded by an earlier import of the same rows" in again.stdout
    assert head(year.db) == before + 20


def test_an_import_for_a_unit_one_may_not_act_for_keeps_only_the_attempt(year: Year) -> None:
    path = fill(year, "others", {2: own("K1"), 3: own("K2")})
    before = head(year.db)
    refused = import_file(year, path, "TH-83/2557", "TH-81")
    assert refused.returncode == 8, refused.stderr
    assert "error: not-allowed: sheet KPIs, row 2:" in refused.stderr
    assert "the refused attempt is recorded for the audit" in refused.stderr
    assert kpis_of(year, "TH-83/2557") == {}
    history = ledger("history", "TH-83/2557", "--db", str(year.db), "--json")
    kinds = [event["event"] for event in json.loads(history.stdout)]
    assert kinds.count("ChangeAttemptRefused") == 1
    assert head(year.db) == before + 2  # the attempt and its receipt: no KPI


def test_opdc_may_import_from_stdin_in_its_own_role(year: Year) -> None:
    path = fill(year, "stdin", {2: own("S1")})
    command = [LEDGER, "import-kpis", "-", "--agreement", "TH-85/2557", "--db", str(year.db)]
    sent = subprocess.run(
        [*command, "--token-file", str(year.tokens / "opdc-secretariat.token"), "--role", "opdc"],
        input=path.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert sent.returncode == 0, sent.stderr
    assert list(kpis_of(year, "TH-85/2557")) == ["S1"]
    history = ledger("history", "TH-85/2557", "--db", str(year.db), "--json")
    proposed = [e for e in json.loads(history.stdout) if e["event"] == "KpiProposed"]
    assert [(e["actor_id"], e["actor_role"]) for e in proposed] == [("opdc-secretariat", "opdc")]
