"""`ledger report AGREEMENT --out FILE.pdf|.html`: the demo's TH-81/2557 rendered by the real
command, then read back with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm) as a reader's
tools would: A4 pages numbered in Thai and English; Thai set in an embedded Thai font and read
back as the store's own text (not boxes, not look-alike glyphs); the numbers the views hold;
the checkpoint that seals the agreement, whose printed commands verify; hostile text escaped;
and refusals that write nothing."""

from __future__ import annotations

import html
import json
import re
import shlex
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commands.cli.numbers import format_score
from ledger.demo_store import demo_notice
from tests.cli import ledger, provision
from tests.stores import StoreMaker

AGREEMENT = "TH-81/2557"
UNIT_TH = "จังหวัดกระบี่"
# Poppler's readers of the PDF: the report tests are about what a reader's tools see.
for tool in ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm"):
    if shutil.which(tool) is None:
        raise RuntimeError(f"{tool} is missing: `make test` installs poppler-utils")


def as_drawn(text: str) -> str:
    """``text`` as a glyph map can give it back, without white space (where ``pdftotext``
    breaks a Thai line or guesses a word gap is layout, not text): SARA AM as NIKHAHIT + SARA
    AA (its compatibility decomposition, NFKC), the nikhahit before any tone mark, which is how
    HarfBuzz draws it (commands/report_pdf/glyph_key.py), and marks in canonical order."""
    decomposed = re.sub("([\u0e48-\u0e4b]*)\u0e33", "\u0e4d\\1\u0e32", text)
    return "".join(unicodedata.normalize("NFKC", decomposed).split())


def text_of(pdf: Path, *pages: int) -> str:
    """The PDF's text in drawing order (``-raw``: no reordering by position)."""
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    found = subprocess.run(
        ["pdftotext", "-raw", *span, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return found.stdout


def json_of(*args: str) -> Any:
    result = ledger(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def newest_checkpoint(database: str) -> dict[str, Any]:
    """The largest tree's checkpoint as ``ledger checkpoint list --json`` gives it."""
    kept = json_of("checkpoint", "list", "--json", "--db", database)
    return dict(max(kept, key=lambda c: c["size"]))


class Demo:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "demo.sqlite"
        self.witness = folder / "witness"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    made = Demo(tmp_path_factory.mktemp("report"))
    recorded = ledger("demo", "--db", str(made.db), "--witness-dir", str(made.witness))
    assert recorded.returncode == 0, recorded.stderr
    return made


@pytest.fixture(scope="module")
def pdf(demo: Demo) -> tuple[Path, str]:
    """The report as the command writes it, with what it said on stderr."""
    out = demo.folder / "TH-81-2557.pdf"
    written = ledger("report", AGREEMENT, "--db", str(demo.db), "--out", str(out))
    assert written.returncode == 0, written.stderr
    return out, written.stderr


@pytest.fixture(scope="module")
def page(demo: Demo) -> str:
    """The same report as one HTML file."""
    out = demo.folder / "TH-81-2557.html"
    written = ledger("report", AGREEMENT, "--db", str(demo.db), "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert f"wrote {out}" in written.stderr
    return out.read_text(encoding="utf-8")


def test_the_pdf_is_a4_with_every_page_numbered_in_thai_and_english(
    pdf: tuple[Path, str],
) -> None:
    path, said = pdf
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info.stdout), info.stdout
    counted = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert counted, info.stdout
    pages = int(counted.group(1))
    assert f"wrote {path}: {pages} pages (A4)" in said
    assert pages >= 2
    for number in (1, pages):
        flat = " ".join(text_of(path, number).split())
        assert f"หน้า {number} / {pages} · Page {number} of {pages}" in flat
        assert AGREEMENT in flat  # the running head: whose report a loose page is


def test_thai_is_text_in_an_embedded_thai_font_not_boxes(demo: Demo, pdf: tuple[Path, str]) -> None:
    path, said = pdf
    assert "warning" not in said  # every character had a glyph (the command says when not)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    loma = [line.split() for line in fonts.stdout.splitlines() if "+Loma" in line]
    assert loma, fonts.stdout
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in loma)  # embedded, subset, mapped
    text = text_of(path)
    assert UNIT_TH in text  # exactly as recorded: no SARA AM in it
    drawn = as_drawn(text)
    shown = json_of("show", AGREEMENT, "--json", "--db", str(demo.db))
    titles = [k["terms"][f"title_{lang}"] for k in shown["kpis"].values() for lang in ("th", "en")]
    assert len(titles) > 20
    for title in titles:
        assert as_drawn(title) in drawn, title
    assert as_drawn("การประหยัดพลังงาน") in drawn  # SARA AA read back as itself, never as SARA AM


def test_page_one_renders_as_a_page_of_text(pdf: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = pdf
    subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.pgm")
    width, height, pixels = _pgm(image.read_bytes())
    assert (width, height) == (331, 468)  # A4 at 40 dpi
    ink = sum(1 for value in pixels if value < 200) / len(pixels)
    assert 0.04 < ink < 0.4, ink  # text on paper: neither a blank page nor a solid block


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the pixels of a binary PGM (P5, 8-bit)."""
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    assert depth == b"255"
    return int(width), int(height), pixels[: int(width) * int(height)]


def test_the_numbers_are_the_scores_views_own(demo: Demo, pdf: tuple[Path, str]) -> None:
    path, _ = pdf
    text = " ".join(text_of(path).split())
    tables = json_of("scores", AGREEMENT, "--json", "--db", str(demo.db))
    assert tables
    for table in tables:
        assert f"{table['round_id']} · {table['round_label_th']}" in text
        if table["composite"] is not None:
            assert table["composite"] in text
        for row in table["kpis"]:
            if row["score"] is not None:
                assert f"{row['verified_actual']} {format_score(Decimal(row['score']))}" in text


def _timeline(page: str, kpi_id: str) -> str:
    """The text of one KPI's timeline in the HTML report."""
    start = page.index(f'id="timeline-{kpi_id}"')
    ends = [
        at for mark in ('<div class="kpi"', "</section>") if (at := page.find(mark, start)) >= 0
    ]
    end = min(ends, default=len(page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page[start:end]))


RESULT_EVENTS = ("SarFiled", "EvaluatorAssessed", "ScoreAdjusted", "SharedResultFiled")


def test_each_kpis_timeline_holds_every_target_version_and_every_result(
    demo: Demo, page: str
) -> None:
    (audit,) = json_of("audit", AGREEMENT, "--json", "--db", str(demo.db))
    history = json_of("history", AGREEMENT, "--json", "--db", str(demo.db))
    for kpi in audit["kpis"]:
        shown = " ".join(_timeline(page, kpi["kpi_id"]).split())
        for version in kpi["versions"]:
            assert f"v{version['number']} " in shown
            assert f"#{version['position']}" in shown, (kpi["kpi_id"], version["number"])
        rows = [r for r in history if r["event"] in RESULT_EVENTS and kpi["kpi_id"] in r["kpi_ids"]]
        if kpi["joint_id"]:  # its results are the host's, on the joint KPI's own trail
            rows = json_of("history", f"joint:{kpi['joint_id']}", "--json", "--db", str(demo.db))
            rows = [r for r in rows if r["event"].startswith("SharedResult")]
        assert rows or not kpi["versions"], kpi["kpi_id"]
        for row in rows:
            assert re.search(rf"\s{row['position']}(\s|$)", shown), (kpi["kpi_id"], row)


def test_the_seal_is_the_newest_checkpoint_and_the_printed_commands_verify_it(
    demo: Demo, pdf: tuple[Path, str], page: str, tmp_path: Path
) -> None:
    path, _ = pdf
    newest = newest_checkpoint(str(demo.db))
    flat = "".join(text_of(path).split())
    assert f"{newest['size']}" in flat
    assert newest["root"] in flat
    history = json_of("history", AGREEMENT, "--json", "--db", str(demo.db))
    last = history[-1]["position"]
    blocks = [html.unescape(b) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S)]
    note, prove, verify, extends, audit = blocks
    assert note == newest["note"]
    assert prove == f"ledger prove {last} --out TH-81-2557-{last}.proof.json"
    assert audit == f"ledger audit {AGREEMENT} --proofs proofs/"
    # Run them as printed, with the reader's own copies of the keys and the operator's store.
    shutil.copy(demo.witness / "log.vkey", tmp_path / "log.vkey")
    shutil.copy(demo.witness / "witness.vkey", tmp_path / "witness.vkey")
    (tmp_path / "sealed.checkpoint").write_text(note, encoding="utf-8")
    store = ["--db", str(demo.db)]
    for command, extra in ((prove, store), (verify, []), (extends, store)):
        ran = ledger(*shlex.split(command)[1:], *extra, cwd=tmp_path)
        assert ran.returncode == 0, f"{command}\n{ran.stdout}\n{ran.stderr}"
        if command == verify:
            assert f"Checkpoint of {newest['size']} events" in ran.stdout


def test_the_html_is_one_self_contained_file_that_says_it_is_a_demo(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="th">' in page
    assert "<style>" in page
    assert "@page" in page
    for outside in ("<link", "<script", "src=", "url(", "href="):
        assert outside not in page
    assert demo_notice("andaman") in html.unescape(page)
    assert 'glyph-key"' not in page  # the PDF's glyph key is not drawn in the HTML


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store, never sealed, holding Krabi's registration, agreement and one KPI, with
    markup, quotes and a character no font draws in every name and title."""
    db = tmp_path_factory.mktemp("hostile-report") / "h.sqlite"
    tokens = provision(db, {"opdc-secretariat": "opdc"})
    emitted = ledger("demo", "--emit").stdout.splitlines()
    commands = [json.loads(line) for line in emitted]
    picked = [
        next(c for c in commands if c["type"] == "register_unit" and c["unit_id"] == "GRP-ANDAMAN"),
        next(c for c in commands if c["type"] == "register_unit" and c["unit_id"] == "TH-81"),
        next(c for c in commands if c["type"] == "open_agreement" and c["unit_id"] == "TH-81"),
        next(c for c in commands if c.get("agreement") == AGREEMENT and c.get("kpi_id") == "K3"),
    ]
    for command in picked[1:]:
        for field in ("name_th", "name_en", "title_th", "title_en", "unit_of_measure"):
            if field in command:
                command[field] += f" {HOSTILE}"
    applied = ledger(
        "apply", "--db", str(db), "--token-file", str(tokens), "-",
        stdin="\n".join(json.dumps(c, ensure_ascii=False) for c in picked),
    )  # fmt: skip
    assert applied.returncode == 0, applied.stderr
    return db


HOSTILE = "<script>alert('x')</script></td><img src=x onerror=\"alert(1)\"> \ue000"


def test_hostile_text_is_shown_escaped_and_an_unsealed_agreement_says_so(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "h.html"
    assert ledger("report", AGREEMENT, "--db", str(hostile), "--out", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    for markup in ("<script", "<img", 'onerror="'):
        assert markup not in page
    # Shown whole, as text: names, titles and unit of measure, in several sections.
    assert html.unescape(page).count(HOSTILE) >= 5
    assert "No checkpoint covers the agreement" in page
    assert "ledger prove" not in page
    pdf = tmp_path / "h.pdf"
    written = ledger("report", AGREEMENT, "--db", str(hostile), "--out", str(pdf))
    assert written.returncode == 0, written.stderr
    assert "warning: no installed font draws U+E000; each prints as an empty box" in written.stderr
    assert as_drawn("alert('x')") in as_drawn(text_of(pdf))


def test_an_unknown_agreement_is_not_found_and_nothing_is_written(
    demo: Demo, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    refused = ledger("report", "TH-99/2557", "--db", str(demo.db), "--out", str(out))
    assert refused.returncode == 1
    assert "error: not-found: agreement 'TH-99/2557' not found (did you mean" in refused.stderr
    assert not out.exists()


def test_a_folder_that_is_not_there_is_refused_naming_out_and_nothing_is_left(
    demo: Demo, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "r.pdf"
    refused = ledger("report", AGREEMENT, "--db", str(demo.db), "--out", str(out))
    assert refused.returncode == 1
    assert "field: --out; rule: the file is written into a folder that exists" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_is_replaced_whole_and_no_scratch_file_is_left(
    demo: Demo, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    out.write_text("an older report")
    made = ledger("report", AGREEMENT, "--db", str(demo.db), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


@pytest.mark.parametrize("name", ["r.txt", "r", "r.pdf.bak"])
def test_a_file_of_another_kind_is_refused_before_the_store_is_read(
    name: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-store.sqlite"
    refused = ledger("report", AGREEMENT, "--db", str(missing), "--out", str(tmp_path / name))
    assert refused.returncode == 1
    assert "field: --out; rule: the report is written as FILE.pdf or FILE.html" in refused.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_store_that_is_not_there_is_named_and_nothing_is_created(tmp_path: Path) -> None:
    refused = ledger(
        "report", AGREEMENT, "--db", str(tmp_path / "x.sqlite"), "--out", str(tmp_path / "r.pdf")
    )
    assert refused.returncode == 1
    assert "no ledger at" in refused.stderr
    assert list(tmp_path.iterdir()) == []


def test_on_postgresql_the_report_reads_the_same_seal(tmp_path: Path) -> None:
    maker = StoreMaker("postgresql", tmp_path)
    try:
        database = maker.new("report").database
        recorded = ledger(
            "demo", "--db", database, "--witness-dir", str(tmp_path / "w"), cwd=tmp_path
        )
        assert recorded.returncode == 0, recorded.stderr
        out = tmp_path / "r.html"
        written = ledger("report", AGREEMENT, "--db", database, "--out", str(out))
        assert written.returncode == 0, written.stderr
        newest = newest_checkpoint(database)
        page = out.read_text(encoding="utf-8")
        assert f'<dd id="tree-size">{newest["size"]}</dd>' in page
        assert newest["root"] in page
    finally:
        maker.close()
