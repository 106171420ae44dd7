"""`ledger export-xlsx` round trips: a demo year exported by the real command, read back
with openpyxl, holds every value the projections hold, exactly, at its quantity's places,
with Buddhist-Era spreadsheet dates, Thai and English headers, frozen header rows, filters
and columns as wide as their Thai text; the filters pick the right rows, and a bad filter or
file is refused naming it, with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from commands.reports.cells import BE_DATE, BE_MOMENT, display_width, excel_moment
from commands.reports.selection import split_ref
from commands.wiring import build_read_context
from ledger.exact import round_half_up
from ledger.persistence.settings import Settings
from projections.change_register import read_register
from projections.current_scores import read_scores
from projections.documents import Documents
from projections.integrity import read_integrity
from projections.joints import read_joint, read_joints
from projections.registry import open_projection
from projections.sar_register import read_sar_register
from tests.cli import ledger
from tests.stores import StoreMaker

SCORES_12M = "Scores 12m · คะแนน"
REQUESTS = "Change requests · คำขอ"
INTEGRITY = "Target integrity · ค่าเป้าหมาย"
SARS = "SAR register · ทะเบียน SAR"
JOINTS = "Joint KPIs · ตัวชี้วัดร่วม"
JOINT_RESULTS = "Joint results · ผลร่วม"


@dataclass(frozen=True)
class Demo:
    database: str
    folder: Path

    def export(self, *args: str) -> openpyxl.Workbook:
        target = self.folder / f"export-{len(list(self.folder.glob('*.xlsx')))}.xlsx"
        done = ledger("export-xlsx", "--db", self.database, *args, str(target))
        assert done.returncode == 0, done.stderr
        assert f"Wrote {target}" in done.stdout
        return openpyxl.load_workbook(target)


def _demo(database: str, folder: Path, *scenario: str) -> Demo:
    made = ledger(
        "demo", *scenario, "--db", database, "--witness-dir", str(folder / "w"), cwd=folder
    )
    assert made.returncode == 0, made.stderr
    return Demo(database, folder)


@pytest.fixture(scope="module")
def andaman(module_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("andaman")
    return _demo(module_stores.new("xlsx-andaman").database, folder)


@pytest.fixture(scope="module")
def andaman_book(andaman: Demo) -> openpyxl.Workbook:
    return andaman.export()


@pytest.fixture(scope="module")
def loei(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("loei")
    return _demo(str(folder / "loei.sqlite"), folder, "--scenario", "loei")


@contextmanager
def view(database: str, name: str) -> Iterator[Documents]:
    """The projection ``name`` as the export left it (caught up), read in this process."""
    settings = Settings.from_environment(database, access="read")
    ctx = build_read_context(settings)
    projection = open_projection(settings, name, ctx.framework)
    try:
        with projection.view.reading() as docs:
            yield docs
    finally:
        projection.view.datastore.close()  # type: ignore[attr-defined]
        ctx.app.close()


def records(sheet: Worksheet) -> list[dict[str, Any]]:
    """The rows below the two header rows, each keyed by its English header."""
    headers = [str(cell.value) for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=3)]


def exact(cell: Any) -> Decimal | None:
    """A numeric cell as the decimal it shows (None for an empty one); text is refused."""
    if cell.value is None:
        return None
    assert isinstance(cell.value, int | float), cell.value
    assert not isinstance(cell.value, bool), cell.value
    return Decimal(str(cell.value))


def places_of(number_format: str) -> int:
    return len(number_format.partition(".")[2])


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(-exponent, 0)


def test_every_score_is_the_projections_at_its_places(andaman: Demo, andaman_book: Any) -> None:
    with view(andaman.database, "scores") as docs:
        tables = read_scores(docs)
    ctx = build_read_context(Settings.from_environment(andaman.database, access="read"))
    seen = 0
    for table in tables:
        rows = {r["KPI"].value: r for r in records(andaman_book[f"Scores {table.round_id} · คะแนน"])
                if r["Agreement"].value == table.agreement}  # fmt: skip
        assert set(rows) == {k.kpi_id for k in table.kpis}
        agreement = ctx.app.agreement(table.agreement)
        for kpi in table.kpis:
            row = rows[kpi.kpi_id]
            assert exact(row["Weight"]) == kpi.weight
            assert places_of(row["Weight"].number_format) == _places(kpi.weight)
            assert exact(row["Reported actual"]) == kpi.reported_actual
            assert exact(row["Verified actual"]) == kpi.verified_actual
            assert exact(row["Score"]) == kpi.score
            assert exact(row["Weighted score"]) == (
                None if kpi.weighted_score is None else round_half_up(kpi.weighted_score, 4)
            )
            if kpi.score is not None:
                assert row["Score"].number_format == "#,##0.0000"
                assert row["Weighted score"].number_format == "#,##0.0000"
            assert exact(row["Composite"]) == table.composite
            assert exact(row["Composite before penalties"]) == table.composite_before_penalties
            assert exact(row["Penalties"]) == (sum(table.penalties.values()) or None)
            assert (row["Band"].value, row["Band (English)"].value) == (
                table.band_th,
                table.band_en,
            )
            assert (row["Title"].value, row["Title (English)"].value) == (
                kpi.title_th,
                kpi.title_en,
            )
            assert row["Round status"].value == table.status
            assert row["Unit name"].value == table.unit_name_th
            assert row["Fiscal year"].value == table.fiscal_year
            assert row["Monitored only"].value is kpi.monitor
            terms = agreement.kpis[kpi.kpi_id].terms
            levels = [exact(row[f"Criteria level {n}"]) for n in range(1, 6)]
            assert levels == [*terms.thresholds, *[None] * (5 - len(terms.thresholds))]
            assert row["Direction"].value == terms.direction
            seen += 1
    ctx.app.close()
    assert seen == sum(len(t.kpis) for t in tables) > 100
    assert sum(andaman_book[f"Scores {r} · คะแนน"].max_row - 2 for r in ("6m", "9m", "12m")) == seen


def test_the_registers_and_the_integrity_report_are_the_projections(
    andaman: Demo, andaman_book: Any
) -> None:
    with view(andaman.database, "requests") as docs:
        requests = read_register(docs)
    rows = records(andaman_book[REQUESTS])
    assert [(r["Agreement"].value, r["Request"].value) for r in rows] == [
        (e.agreement, e.request_id) for e in requests
    ]
    for row, entry in zip(rows, requests, strict=True):
        assert row["Window closes"].value.date() == entry.window_closes
        assert row["Window closes"].number_format == BE_DATE
        assert row["Requested (effective)"].value == excel_moment(entry.requested_effective_at)
        assert row["Requested (effective)"].number_format == BE_MOMENT
        assert row["Request log position"].value == entry.requested_position
        assert row["Status"].value == entry.status
        assert row["Rule 1 violated"].value is entry.rule_1_violation
        assert row["Refused attempts"].value == len(entry.refused_attempts)
    with view(andaman.database, "sar") as docs:
        sars = read_sar_register(docs)
    rows = records(andaman_book[SARS])
    assert [(r["Agreement"].value, r["Round"].value) for r in rows] == [
        (e.agreement, e.round_id) for e in sars
    ]
    late = next(r for r in rows if r["Status on the export's day"].value == "filed late")
    sar = next(e for e in sars if (e.agreement, e.round_id) == ("TH-85/2557", "12m"))
    assert (late["Agreement"].value, late["Round"].value) == ("TH-85/2557", "12m")
    assert exact(late["Penalties"]) == sum(p.amount for p in sar.penalties)
    assert late["Due"].value.date() == sar.due
    assert late["First filed"].value == excel_moment(sar.filings[0].filed_at)
    assert late["Filings"].value == len(sar.filings)
    with view(andaman.database, "integrity") as docs:
        # In the export's order: by unit, then fiscal year.
        reports = sorted(read_integrity(docs), key=lambda r: split_ref(r.agreement))
    rows = records(andaman_book[INTEGRITY])
    expected = [
        (report.agreement, kpi.kpi_id, version.number, seen)
        for report in reports
        for kpi in report.kpis
        for version in kpi.versions
        for seen in version.results_known or (None,)
    ]
    assert len(rows) == len(expected)
    versions = {(r.agreement, k.kpi_id, v.number): (r, v) for r in reports for k in r.kpis
                for v in k.versions}  # fmt: skip
    for row, (ref, kpi_id, number, seen) in zip(rows, expected, strict=True):
        assert (row["Agreement"].value, row["KPI"].value, row["Version"].value) == (
            ref,
            kpi_id,
            number,
        )
        report, version = versions[(ref, kpi_id, number)]
        assert row["Verdict"].value == report.verdict
        assert row["Recorded"].value == excel_moment(version.recorded_at)
        assert row["Effective"].value == excel_moment(version.effective_at)
        assert exact(row["Weight"]) == version.weight
        assert row["Results known then"].value == len(version.results_known)
        if seen is None:
            assert row["Known result: value"].value is None
        else:
            assert exact(row["Known result: value"]) == seen.value
            assert row["Known result: recorded"].value == excel_moment(seen.recorded_at)
            assert row["Known result: log position"].value == seen.position
    assert any(r["Version"].value == 2 for r in rows), "the demo's approved change is a version"


def test_sheets_have_thai_headers_frozen_rows_filters_and_widths_that_fit_thai(
    andaman_book: Any,
) -> None:
    assert andaman_book.sheetnames[0] == "About · เกี่ยวกับ"
    for sheet in andaman_book.worksheets:
        assert sheet.freeze_panes == "A3", sheet.title
        thai = [cell.value for cell in sheet[2]]
        assert all(thai)
        assert any(any("\u0e00" <= c <= "\u0e7f" for c in t) for t in thai)
        last = sheet.cell(2, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A2:{last}{max(sheet.max_row, 2)}", sheet.title
    sheet = andaman_book[SCORES_12M]
    names = [r["Unit name"].value for r in records(sheet)]
    widest = max(names, key=display_width)
    width = sheet.column_dimensions["C"].width
    # As wide as the Thai name's letters (its vowel and tone marks take no room), not its
    # code points: จังหวัดกระบี่ is 13 code points and 9 columns.
    assert int(width) == max(display_width(widest), display_width("ชื่อหน่วยงาน")) + 2
    assert display_width(widest) < len(widest)
    about = {r["Item"].value: r["Value"].value for r in records(andaman_book["About · เกี่ยวกับ"])}
    assert "ledger demo --scenario andaman" in about["Demo store / ฐานข้อมูลสาธิต"]
    assert isinstance(about["Exported / ส่งออกเมื่อ"], datetime)


def test_loei_bands_and_joint_kpis_round_trip(loei: Demo) -> None:
    book = loei.export()
    with view(loei.database, "scores") as docs:
        tables = read_scores(docs)
    bands = {
        (r["Agreement"].value, r["Composite"].value, r["Band"].value, r["Band (English)"].value)
        for r in records(book[SCORES_12M])
    }
    expected = {
        (t.agreement, float(t.composite), t.band_th, t.band_en)
        for t in tables
        if t.round_id == "12m" and t.composite is not None
    }
    assert bands == expected
    assert all(band for _, _, band, _ in bands)
    with view(loei.database, "joints") as docs:
        joints = [read_joint(docs, entry.joint_id) for entry in read_joints(docs)]
    rows = records(book[JOINTS])
    lines = [(j.joint, p) for j in joints if j is not None for p in j.participants]
    assert len(rows) == len(lines) == 3
    for row, (entry, line) in zip(rows, lines, strict=True):
        assert (row["Joint KPI"].value, row["Participant agreement"].value) == (
            entry.joint_id,
            line.agreement,
        )
        assert exact(row["Weight"]) == line.weight
        levels = [exact(row[f"Criteria level {n}"]) for n in range(1, 6)]
        assert levels == [*line.thresholds, *[None] * (5 - len(line.thresholds))]
        assert row["Targets per participant"].value is entry.per_participant_targets
    results = records(book[JOINT_RESULTS])
    entry = lines[0][0]
    assert [(r["Round"].value, exact(r["Filed"]), exact(r["Verified"])) for r in results] == [
        (line.round_id, line.filed, line.verified) for line in entry.rounds
    ]
    filed_at = entry.rounds[0].filed_at
    assert filed_at is not None
    assert results[0]["Filed at"].value == excel_moment(filed_at)


def test_year_round_and_unit_select_the_rows(andaman: Demo) -> None:
    book = andaman.export("--year", "2557", "--round", "12m", "--unit", "TH-81")
    scores = [n for n in book.sheetnames if n.startswith("Scores")]
    assert scores == [SCORES_12M]
    with view(andaman.database, "scores") as docs:
        (table,) = read_scores(docs, agreement="TH-81/2557", round_id="12m")
    rows = records(book[SCORES_12M])
    assert [r["KPI"].value for r in rows] == [k.kpi_id for k in table.kpis]
    for name in (SCORES_12M, REQUESTS, INTEGRITY, SARS):
        assert {r["Agreement"].value for r in records(book[name])} == {"TH-81/2557"}, name
    assert {r["Round"].value for r in records(book[SARS])} == {"12m"}
    assert {r["Participant unit"].value for r in records(book[JOINTS])} == {"TH-81"}
    other_year = andaman.export("--year", "2568")
    assert not [n for n in other_year.sheetnames if n.startswith("Scores")]
    assert all(sheet.max_row == 2 for sheet in other_year.worksheets[1:])


@pytest.mark.parametrize(
    ("args", "field", "code"),
    [
        (("--year", "2999"), "--year", 1),
        (("--year", "2568", "--round", "9m"), "--round", 1),  # FY2568: 6m and 12m
        (("--unit", "TH-99"), "--unit", 1),
        (("--unit", "not an id"), "--unit", 1),
    ],
)
def test_a_bad_filter_is_refused_naming_it_and_nothing_is_written(
    loei: Demo, tmp_path: Path, args: tuple[str, ...], field: str, code: int
) -> None:
    target = tmp_path / "refused.xlsx"
    done = ledger("export-xlsx", "--db", loei.database, *args, str(target))
    assert done.returncode == code, done.stderr
    assert f"field: {field}" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_workbook_or_cannot_be_written_is_refused(
    loei: Demo, tmp_path: Path
) -> None:
    for target, said in (
        (tmp_path / "scores.csv", "ends in .xlsx"),
        (tmp_path / "missing" / "scores.xlsx", "folder that exists"),
    ):
        done = ledger("export-xlsx", "--db", loei.database, str(target))
        assert done.returncode == 1, done.stderr
        assert "field: FILE" in done.stderr
        assert said in done.stderr
    assert list(tmp_path.iterdir()) == []
