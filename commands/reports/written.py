"""A file written whole or not at all: the workbooks ``ledger export-xlsx`` and ``ledger
template-xlsx`` write, and the report ``ledger report`` writes, are built in a scratch file
beside the target and renamed onto it, so a failed or interrupted write never leaves a
half-written file under the name asked for.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import InvalidInput

__all__ = ["write_whole", "written_atomically"]


@contextmanager
def written_atomically(path: Path, field: str) -> Iterator[Path]:
    """A scratch file beside ``path`` to write, renamed to ``path`` once the block ends
    without an error (removed otherwise), so ``path`` is never left half written. Raises
    InvalidInput naming ``field`` when the folder cannot be written."""
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise _unwritable(path, field, error) from None
    os.close(descriptor)
    scratch = Path(name)
    try:
        yield scratch
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    try:
        # mkstemp makes the file for its owner alone; a workbook gets what the umask allows.
        umask = os.umask(0)
        os.umask(umask)
        scratch.chmod(0o666 & ~umask)
        os.replace(scratch, path)
    except OSError as error:
        scratch.unlink(missing_ok=True)
        raise _unwritable(path, field, error) from None


def _unwritable(path: Path, field: str, error: OSError) -> InvalidInput:
    return InvalidInput(
        f"cannot write {path}: {error.strerror}",
        field=field,
        rule="the file is written into a folder that exists and may be written",
    )


def write_whole(path: Path, content: bytes, field: str) -> None:
    """``content`` at ``path``, whole or not at all; InvalidInput naming ``field`` when it
    cannot be written."""
    with written_atomically(path, field) as scratch:
        try:
            scratch.write_bytes(content)
        except OSError as error:
            raise _unwritable(path, field, error) from None
