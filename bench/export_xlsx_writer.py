"""The export's workbook writer alone, without reading a store: ``python -m
bench.export_xlsx_writer ROWS FILE`` writes ROWS rows shaped like the scores sheet's (Thai
names and titles, decimals, flags; each row's texts distinct, as each agreement's are)
through ``commands.reports.cells`` in ``constant_memory`` mode and prints one JSON object:
the seconds and this process's peak RSS (kB). ``bench.export_xlsx`` runs it at each store's
row count, to tell the writer's memory from the reads'.
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal

from bench.peak_rss import peak_kb
from commands.reports.cells import Book, Cell
from commands.reports.score_sheets import SCORE_COLUMNS

__all__ = ["main", "row"]


def row(n: int) -> list[Cell]:
    """A scores row for agreement ``n``, its texts its own."""
    unit = f"TH-81-{n // 13:05d}"
    return [
        f"{unit}/2557", unit, f"จังหวัดกระบี่ ที่ {n // 13}", f"Krabi {n // 13}", 2557,
        "fy2557-provinces", "certified", f"P{n % 13}",
        f"ร้อยละของพื้นที่ปลูกปาล์มน้ำมันที่ได้รับการฟื้นฟู {n}", f"Oil-palm area restored {n}",
        "1.1", "% of area", False, Decimal("7.5"), "higher",
        Decimal("60"), Decimal("65"), Decimal("70"), Decimal("75"), Decimal("80"),
        Decimal("72.4"), Decimal("72.4"), Decimal("3.4800"), Decimal("0.2610"),
        Decimal("3.8123"), Decimal("0.15"), "late-paper-sar-12m: 0.15", Decimal("3.6623"),
        "ดี", "good",
    ]  # fmt: skip


def main() -> None:
    rows, target = int(sys.argv[1]), sys.argv[2]
    import xlsxwriter

    started = time.perf_counter()
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = Book(workbook).sheet("Scores 12m · คะแนน", SCORE_COLUMNS)
    for n in range(rows):
        sheet.add(row(n))
    sheet.finish()
    workbook.close()
    seconds = time.perf_counter() - started
    sys.stdout.write(json.dumps({"rows": rows, "wall": seconds, "maxrss_kb": peak_kb()}) + "\n")


if __name__ == "__main__":
    main()
