"""The report as HTML (Jinja, every value escaped) and as an A4 PDF (WeasyPrint, which lays the
Thai out with Pango and HarfBuzz and embeds the font it used).

The HTML is one self-contained file: its stylesheet is inline and it links to nothing. The PDF
is rendered from the same HTML with the glyph key drawn off the page first
(``commands.report_pdf.glyph_key``), so its Thai is text a reader can copy and search.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from commands.cli.numbers import format_number, format_score, format_weighted
from commands.report_pdf.facts import ReportFacts
from commands.report_pdf.glyph_key import GLYPH_KEY, GLYPH_WEIGHTS
from commands.report_pdf.seal import proof_file
from commands.report_pdf.words import LABELS
from commands.web.i18n import Words
from ledger.demo_store import demo_notice
from ledger.frameworks.model import ScoringMethod
from ledger.scoring.levels import level_points
from ledger.thaidate import format_be_date, format_be_datetime

__all__ = [
    "Rendered",
    "level_names",
    "render_html",
    "render_pdf",
    "verify_commands",
    "witness_files",
]

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Rendered:
    """The PDF, its page count, and the characters no installed font could draw (each shown
    as an empty box: a Thai font missing, say)."""

    pdf: bytes
    pages: int
    missing: frozenset[str]


class _MissingGlyphs(logging.Handler):
    """The characters WeasyPrint drew as ``.notdef`` while this thread rendered (it says so
    in a warning per character; other threads' renders are not this one's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.characters: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or not str(record.msg).startswith(".notdef"):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        self.characters.add(str(args[0]) if args else record.getMessage())


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _th(key: str) -> str:
    return LABELS[key][0]


def _en(key: str) -> str:
    return LABELS[key][1]


def _when(value: datetime | date | None) -> str:
    """A moment in Bangkok time with its BE date (a date alone: its BE date)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return format_be_datetime(value)
    return format_be_date(value)


def _year(fiscal_year: int) -> str:
    """A fiscal year in BE with its CE span, as the web pages give it: FY2557 is 2013-14.

    >>> _year(2557)
    'พ.ศ. 2557 · FY2557 (CE 2013-14)'
    """
    return f"พ.ศ. {fiscal_year} · {Words('en', {}).year(fiscal_year)}"


def level_names(scoring: ScoringMethod) -> list[tuple[str, str]]:
    """Each level of the criteria, lowest first, in Thai and English: the three levels' names,
    or the five levels' numbers (the criteria's heading names them).

    >>> level_names("three_level")[0], level_names("five_level")[4]
    (('ขั้นต้น', 'Basic'), ('5', '5'))
    """
    if scoring == "three_level":
        return [(_th(n), _en(n)) for n in ("basic", "standard", "advanced")]
    return [(str(k), str(k)) for k in range(1, len(level_points(scoring)) + 1)]


def witness_files(facts: ReportFacts) -> list[tuple[str, str]]:
    """Each witness whose cosignature the sealing checkpoint carries, with the file name the
    report's commands give the reader's own copy of its key."""
    names = facts.seal.witnesses if facts.seal.signed is not None else []
    if len(names) == 1:
        return [(names[0], "witness.vkey")]
    return [(name, f"witness-{n}.vkey") for n, name in enumerate(names, 1)]


def verify_commands(facts: ReportFacts) -> dict[str, str]:
    """The commands the report gives a reader, by step; empty when nothing seals the
    agreement yet. The log's key is named ``log.vkey`` (the reader's own copy, whatever the
    key is called), each witness's as ``witness_files`` names it."""
    seal = facts.seal
    if seal.signed is None or seal.position is None:
        return {}
    bundle = proof_file(facts.ref, seal.position)
    keys = "--key log.vkey" + "".join(f" --witness {file}" for _, file in witness_files(facts))
    return {
        "prove": f"ledger prove {seal.position} --out {bundle}",
        "verify": f"ledger verify-proof {bundle} {keys}",
        "extends": f"ledger verify {keys} --checkpoint sealed.checkpoint",
        "audit": f"ledger audit {facts.ref} --proofs proofs/",
    }


def render_html(facts: ReportFacts, *, for_print: bool = False) -> str:
    """The report as one HTML document. ``for_print`` adds the glyph key the PDF needs."""
    template = _environment().get_template("report.html")
    return template.render(
        facts=facts,
        th=_th,
        en=_en,
        when=_when,
        year=_year,
        number=format_number,
        score=format_score,
        weighted=format_weighted,
        levels=level_names(facts.framework.scoring),
        demo=demo_notice(facts.demo_scenario) if facts.demo_scenario else None,
        commands=verify_commands(facts),
        witness_files=witness_files(facts),
        glyph_key=GLYPH_KEY if for_print else None,
        glyph_weights=GLYPH_WEIGHTS,
    )


def render_pdf(facts: ReportFacts) -> Rendered:
    """The report as an A4 PDF with its page count. Nothing is fetched while rendering: the
    report is one document, and a URL in it (there is none) would be read from nowhere."""
    # Imported here: WeasyPrint loads Pango, HarfBuzz and fontconfig (a few hundred ms).
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    missing = _MissingGlyphs()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(missing)
    try:
        html = HTML(
            string=render_html(facts, for_print=True),
            url_fetcher=URLFetcher(allowed_protocols=()),
        )
        document = html.render()
        pdf = document.write_pdf()
    finally:
        logger.removeHandler(missing)
    return Rendered(pdf=pdf, pages=len(document.pages), missing=frozenset(missing.characters))
