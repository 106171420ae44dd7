"""The printed report reads back right: Loei's TH-42/2568 (``ledger demo --scenario loei``)
rendered by the real command. Bold Thai (headings, labels, table heads) reads back from the
PDF as the text it was set from, as the regular text does; and nothing in a table crosses its
cell's rule: the criteria column read back with ``pdftotext -bbox``, and every cell of every
table checked in WeasyPrint's own layout of the same document."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from commands.report_pdf.glyph_key import GLYPH_WEIGHTS
from tests.cli import ledger
from tests.e2e.test_report_pdf import as_drawn, text_of

AGREEMENT = "TH-42/2568"
THAI = re.compile(r"[\u0e01-\u0e5b]+")
# Where a table's text is bold: the browser's defaults and the report's stylesheet.
BOLD = frozenset({"h1", "h2", "h3", "h4", "dt", "th", "b", "strong"})
MM = 72 / 25.4  # PDF points in a millimetre
CELL_PADDING = 1.2 * MM  # report.css: th, td { padding: 0.8mm 1.2mm }


@dataclass(frozen=True)
class Report:
    pdf: Path
    html: Path


@pytest.fixture(scope="module")
def loei(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("report-loei")
    db = str(folder / "loei.sqlite")
    recorded = ledger(
        "demo", "--scenario", "loei", "--db", db, "--witness-dir", str(folder / "witness")
    )
    assert recorded.returncode == 0, recorded.stderr
    made = Report(pdf=folder / "loei.pdf", html=folder / "loei.html")
    for out in (made.pdf, made.html):
        written = ledger("report", AGREEMENT, "--db", db, "--out", str(out))
        assert written.returncode == 0, written.stderr
    return made


class _BoldText(HTMLParser):
    """The Thai runs of the text set in bold, outside the regular-weight English beside it
    (``<span class="en">`` is normal weight in headings) and outside the glyph key."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.runs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "col", "meta"):
            return
        regular = ("class", "en") in attrs or ("class", "glyph-key") in attrs
        self.open.append((tag, regular))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        bold = False
        for tag, regular in self.open:
            if regular:
                return
            bold = bold or tag in BOLD
        if bold:
            self.runs.update(THAI.findall(data))


def test_bold_thai_reads_back_as_the_text_it_was_set_from(loei: Report) -> None:
    text = text_of(loei.pdf)
    # The audit's own examples (gap 4), as the source has them (no SARA AM in them), up to
    # the order of two marks on one letter: HarfBuzz draws a tone mark before a vowel below
    # ("ผู้" is drawn ผ ้ ู), which canonical order (NFC, as any search compares) undoes.
    composed = unicodedata.normalize("NFC", text)
    for exact in ("ผู้ลงนาม Signatories", "หน่วยงาน Unit", "ปีงบประมาณ Fiscal year"):
        assert exact in composed, exact
    flat = "".join(text.split())
    assert "รายงาน" in flat  # the title, in bold: it read back as รำยงำน
    assert "การปฏิบัติราชการTH-42/2568" in flat
    for wrong in ("งำน", "กำร", "ผ้้"):
        assert wrong not in text, wrong
    # Every run of bold Thai on every page, against the HTML the PDF is set from.
    parser = _BoldText()
    parser.feed(loei.html.read_text(encoding="utf-8"))
    runs = parser.runs
    assert len(runs) > 30
    drawn = as_drawn(text)
    missing = sorted(run for run in runs if as_drawn(html.unescape(run)) not in drawn)
    assert not missing, missing


def test_thai_is_set_in_the_faces_the_glyph_key_is_drawn_in(loei: Report) -> None:
    """A third Thai face (a heavier weight, an italic) would take its glyph map from wherever
    its glyphs are first drawn: the glyph key is drawn in regular and bold only."""
    assert GLYPH_WEIGHTS == (400, 700)
    fonts = subprocess.run(["pdffonts", str(loei.pdf)], capture_output=True, text=True, check=True)
    thai = sorted(
        line.split()[0].split("+", 1)[1]
        for line in fonts.stdout.splitlines()
        if "+Loma" in line or "+Garuda" in line
    )
    assert thai == ["Loma", "Loma-Bold"], fonts.stdout


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def _pages(pdf: Path) -> list[tuple[float, list[Word]]]:
    """Each page's height and its words with their boxes, as ``pdftotext -bbox`` gives them."""
    found = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    pages = []
    for page in re.findall(r"<page [^>]*?height=\"([\d.]+)\">(.*?)</page>", found.stdout, re.S):
        words = [
            Word(html.unescape(t), float(a), float(b), float(c), float(d))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"(.*?)</word>",
                page[1],
            )
        ]
        pages.append((float(page[0]), words))
    return pages


def _heading(words: list[Word], *phrase: str) -> Iterator[Word]:
    """The first word of each place ``phrase`` is read in order on one line."""
    for at, word in enumerate(words[: len(words) - len(phrase) + 1]):
        following = words[at : at + len(phrase)]
        if [w.text for w in following] == list(phrase) and all(
            abs(w.y_min - word.y_min) < 1 for w in following
        ):
            yield word


def test_the_criteria_stay_inside_their_column(loei: Report) -> None:
    """Each word of the criteria column lies left of the rule before "Unit of measure" (in
    the audit's render "Standard: 106" of J1 crossed it, and P1's "350" touched it)."""
    checked: set[str] = set()
    for height, words in _pages(loei.pdf):
        units = list(_heading(words, "Unit", "of", "measure"))
        for criteria in _heading(words, "Criteria", "per", "level"):
            # The next column's heading, in the same heading row (a Thai line more or less).
            beside = [u for u in units if abs(u.y_min - criteria.y_min) < 15]
            if not beside:  # a timeline's criteria: the layout test below checks them
                continue
            rule = beside[0].x_min - CELL_PADDING
            body = [
                w
                for w in words
                if w.y_min > criteria.y_max and w.y_max < height - 18 * MM
                and criteria.x_min - 1 <= w.x_min < rule
            ]  # fmt: skip
            assert body
            for word in body:
                assert word.x_max <= rule, (word, rule)
                checked.add(word.text)
    assert {"106", "350"} <= checked  # the audit's two numbers were among the words checked


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def test_no_text_crosses_its_cells_rule_in_any_table(loei: Report) -> None:
    """WeasyPrint's layout of the report (the HTML the command writes is the document the PDF
    is rendered from): every line of text in every table cell, on every page, lies within the
    cell's content box (a date or a number wider than its column breaks inside it instead)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableCellBox, TextBox

    document = HTML(filename=str(loei.html)).render()
    cells = 0
    crossing = []
    for number, page in enumerate(document.pages, 1):
        for cell in (b for b in _boxes(page._page_box) if isinstance(b, TableCellBox)):
            cells += 1
            left = cell.content_box_x()
            right = left + cell.width
            for text in (b for b in _boxes(cell) if isinstance(b, TextBox)):
                end = text.position_x + text.width
                if text.position_x < left - 0.01 or end > right + 0.01:
                    crossing.append((number, text.text, round(end - right, 1)))
    assert cells > 100
    assert not crossing, crossing
