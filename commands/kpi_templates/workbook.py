"""Opening an uploaded workbook without trusting it: its size, what its zip unpacks to, and
then openpyxl in read-only mode (rows streamed from the zip, never the whole sheet in memory),
with formulas kept as formulas so the reader can refuse them.

A workbook is a zip of XML parts: a small file can unpack to gigabytes. Each part's declared
size bounds what ``zipfile`` will unpack from it, so the declared sizes are checked before
anything is read. openpyxl's failures on a malformed file are many and varied (KeyError,
ValueError, XML parse errors); each becomes one ``InvalidInput`` saying the file cannot be
read as a workbook.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ledger.errors import InvalidInput, TooLarge

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "READ_RULE",
    "merged_ranges",
    "open_workbook",
    "unreadable",
]

# A filled template of 60 KPIs is some tens of kilobytes, however much Thai it holds. What it
# unpacks to bounds the parsing: 4 MiB of cells takes openpyxl about a second.
MAX_FILE_BYTES = 2 << 20
MAX_UNPACKED_BYTES = 4 << 20
_MAX_PARTS = 1_000

_SIZE_RULE = "a KPI template is an .xlsx file of at most 2 MiB"
_UNPACKED_RULE = "a KPI template unpacks to at most 4 MiB"
READ_RULE = "a KPI template is an .xlsx workbook"
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=([\"'])([^\"'>]{1,40})\1")


def unreadable(error: Exception) -> InvalidInput:
    """The refusal of a file openpyxl failed on (its message cut short: it may quote the
    file's bytes)."""
    said = f"{type(error).__name__}: {error}"[:200]
    return InvalidInput(
        f"the file cannot be read as an .xlsx workbook ({said})", field="file", rule=READ_RULE
    )


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InvalidInput(
            "the file is not an .xlsx workbook (.xls, .ods, .csv and password-protected "
            "workbooks are not taken: save it as an Excel workbook, .xlsx)",
            field="file",
            rule=READ_RULE,
        ) from error
    with archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
    if len(parts) > _MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise TooLarge(
            f"the workbook unpacks to {unpacked:,} bytes in {len(parts)} parts",
            field="file",
            rule=_UNPACKED_RULE,
            expected=f"at most {MAX_UNPACKED_BYTES:,} bytes",
            actual=unpacked,
        )


@contextmanager
def open_workbook(data: bytes) -> Iterator[Workbook]:
    """The workbook in ``data``, read-only, formulas as written (not their cached values).

    Raises TooLarge for a file over 2 MiB or unpacking to over 4 MiB, InvalidInput for
    anything that is not a readable .xlsx workbook.
    """
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(
            f"the file holds {len(data):,} bytes",
            field="file",
            rule=_SIZE_RULE,
            expected=f"at most {MAX_FILE_BYTES:,} bytes",
            actual=len(data),
        )
    _check_zip(data)
    import openpyxl  # here: the web pages and `template-xlsx` load without it

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # openpyxl's many ways to fail on a malformed file
        raise unreadable(error) from error
    try:
        yield book
    finally:
        book.close()


def merged_ranges(book: Workbook, sheet_name: str) -> list[str]:
    """The merged ranges of a sheet (``A7:A8``), found in its XML part: read-only mode does
    not parse them, and a merged cell would read as empty beside its first one. The part is
    scanned in chunks (text in XML never holds a raw ``<``, so a cell cannot fake a tag)."""
    sheet: Any = book[sheet_name]
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if not isinstance(path, str) or archive is None:
        return []
    found: list[str] = []
    tail = b""
    with archive.open(path) as part:
        while chunk := part.read(1 << 16):
            text = tail + chunk
            matches = list(_MERGE.finditer(text))
            found += [m.group(2).decode("ascii", "replace") for m in matches]
            # Keep what a tag cut by the chunk's end may still need, after the last match.
            start = max(len(text) - 256, matches[-1].end() if matches else 0)
            tail = text[start:]
    return found
