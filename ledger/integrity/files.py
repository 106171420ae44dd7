"""The one way to read a file an outsider hands us (an export, a bundle, a key, evidence).

Only regular files are read: a symbolic link, a FIFO, a device or a directory where a file
should be is refused before a byte is read, and never waited on (files are opened with
``O_NONBLOCK`` and checked with ``fstat`` after opening, so a file swapped between the check
and the open is caught too). Inside a folder, each name is checked against the pattern
expected of it before it becomes part of a path, and no link is followed on the way
(``O_NOFOLLOW`` at every step). Every read streams under a size limit per kind of file.

>>> KEY_FILE.limit
65536
>>> safe_file_name("TH-81/2557")
'TH-81-2557'
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ledger.errors import InvalidInput, NotFound

__all__ = [
    "BUNDLE",
    "CHECKPOINT_NOTE",
    "CONSISTENCY",
    "EVENT_BYTES",
    "EVIDENCE",
    "KEY_FILE",
    "LINE_BYTES",
    "MANIFEST",
    "MIB",
    "Entry",
    "FileKind",
    "LongLine",
    "UnsafeFile",
    "hash_file",
    "list_folder",
    "open_given",
    "open_inside",
    "read_given",
    "read_inside",
    "read_lines",
    "safe_file_name",
]

MIB = 1 << 20
LINE_BYTES = MIB
# A C2SP tlog-tiles entry is at most 65,535 bytes; every event must fit one.
EVENT_BYTES = 65_535


@dataclass(frozen=True)
class FileKind:
    """What a file is for, and the most bytes read of it."""

    label: str
    limit: int


MANIFEST = FileKind("export manifest", MIB)
CHECKPOINT_NOTE = FileKind("checkpoint note", 64 * 1024)
KEY_FILE = FileKind("key file", 64 * 1024)
CONSISTENCY = FileKind("consistency file", 64 * MIB)
BUNDLE = FileKind("proof bundle", 64 * MIB)
EVIDENCE = FileKind("evidence file", 256 * MIB)
_CHUNK = 1 << 16


class UnsafeFile(InvalidInput):
    """A file that is not a regular file inside its folder, or is larger than its limit."""


_TYPES = {
    stat.S_IFREG: "a regular file",
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _what(mode: int) -> str:
    return _TYPES.get(stat.S_IFMT(mode), "not a regular file")


@dataclass(frozen=True)
class Entry:
    """A name found in a folder and what it is (never followed)."""

    name: str
    regular: bool
    kind: str


def _check_name(name: str, pattern: re.Pattern[str], shown: str) -> None:
    if name in ("", ".", "..") or "/" in name or "\0" in name or not pattern.fullmatch(name):
        raise UnsafeFile(
            f"{shown!r} is not a name this folder may hold",
            field=shown,
            rule=f"names match {pattern.pattern}",
        )


def _open_root(folder: Path) -> int:
    """The folder the caller named (a link the caller chose is followed)."""
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise UnsafeFile(
            f"{folder} cannot be opened as a folder: {error.strerror}", field=str(folder)
        ) from error


def _open_dir(parent: int, name: str, shown: str) -> int:
    """The sub-folder ``name`` of ``parent``, refused if it is a link (O_NOFOLLOW)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        return os.open(name, flags, dir_fd=parent)
    except OSError as error:
        raise UnsafeFile(
            f"{shown} cannot be opened as a folder: {error.strerror}",
            field=shown,
            rule="only real folders inside the given folder are read (no links)",
        ) from error


def _open_regular(name: str, dir_fd: int | None, shown: str, kind: FileKind) -> int:
    """Open ``name`` for reading if it is a regular file; check its size against the limit."""
    rule = f"{kind.label}s are regular files of at most {kind.limit} bytes"
    try:
        before = os.stat(name, dir_fd=dir_fd, follow_symlinks=dir_fd is None)
    except FileNotFoundError:
        raise NotFound(f"{shown} does not exist", field=shown, rule=rule) from None
    except OSError as error:
        raise UnsafeFile(f"{shown}: {error.strerror}", field=shown, rule=rule) from error
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeFile(f"{shown} is {_what(before.st_mode)}", field=shown, rule=rule)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    if dir_fd is not None:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except OSError as error:
        raise UnsafeFile(f"{shown}: {error.strerror}", field=shown, rule=rule) from error
    after = os.fstat(fd)
    if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (
        before.st_dev,
        before.st_ino,
    ):
        os.close(fd)
        raise UnsafeFile(f"{shown} was replaced while it was opened", field=shown, rule=rule)
    if after.st_size > kind.limit:
        os.close(fd)
        raise UnsafeFile(
            f"{shown} holds {after.st_size} bytes; {kind.label}s hold at most {kind.limit}",
            field=shown,
            rule=rule,
            expected=kind.limit,
            actual=after.st_size,
        )
    return fd


@contextmanager
def open_inside(
    folder: Path, parts: tuple[tuple[str, re.Pattern[str]], ...], kind: FileKind
) -> Iterator[BinaryIO]:
    """Open the regular file at ``folder/parts...`` for reading, following no link.

    Each part is (name, the pattern it must match); requires a non-empty ``parts``.
    Raises UnsafeFile naming the file when a name does not match, a step is a link or not
    a folder, the file is not regular, or it is larger than ``kind.limit``.
    """
    shown = "/".join(name for name, _ in parts)
    for name, pattern in parts:
        _check_name(name, pattern, shown)
    dir_fd = _open_root(folder)
    try:
        for name, _ in parts[:-1]:
            inner = _open_dir(dir_fd, name, shown)
            os.close(dir_fd)
            dir_fd = inner
        fd = _open_regular(parts[-1][0], dir_fd, shown, kind)
    finally:
        os.close(dir_fd)
    with os.fdopen(fd, "rb") as handle:
        yield handle


@contextmanager
def open_given(path: Path, kind: FileKind, field: str) -> Iterator[BinaryIO]:
    """Open a file the caller named (on the command line): links the caller chose are
    followed, but only a regular file of at most ``kind.limit`` bytes is read."""
    fd = _open_regular(str(path), None, field, kind)
    with os.fdopen(fd, "rb") as handle:
        yield handle


def _read_all(handle: BinaryIO, kind: FileKind, shown: str) -> bytes:
    data = handle.read(kind.limit + 1)
    if len(data) > kind.limit:
        raise UnsafeFile(
            f"{shown} is larger than {kind.limit} bytes (the limit for {kind.label}s)",
            field=shown,
            expected=kind.limit,
        )
    return data


def read_inside(
    folder: Path, parts: tuple[tuple[str, re.Pattern[str]], ...], kind: FileKind
) -> bytes:
    """The bytes of ``folder/parts...`` (see ``open_inside``)."""
    with open_inside(folder, parts, kind) as handle:
        return _read_all(handle, kind, "/".join(name for name, _ in parts))


def read_given(path: Path, kind: FileKind, field: str) -> bytes:
    """The bytes of a file the caller named (see ``open_given``); errors name ``field``."""
    with open_given(path, kind, field) as handle:
        return _read_all(handle, kind, field)


@dataclass(frozen=True)
class LongLine:
    """A line longer than the limit: not read, only measured."""

    length: int


def read_lines(handle: BinaryIO, limit: int = LINE_BYTES) -> Iterator[bytes | LongLine]:
    """Each line without its newline, streaming; a line over ``limit`` bytes comes as a
    LongLine and is skipped, never held in memory whole."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield line.removesuffix(b"\n")
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
            length += len(line)
        yield LongLine(length - (1 if line.endswith(b"\n") else 0))


def list_folder(folder: Path, parts: tuple[tuple[str, re.Pattern[str]], ...]) -> list[Entry]:
    """The names in ``folder/parts...`` (sorted) and what each is, following no link."""
    shown = "/".join(name for name, _ in parts) or "."
    for name, pattern in parts:
        _check_name(name, pattern, shown)
    dir_fd = _open_root(folder)
    try:
        for name, _ in parts:
            inner = _open_dir(dir_fd, name, shown)
            os.close(dir_fd)
            dir_fd = inner
        found = []
        with os.scandir(dir_fd) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                found.append(Entry(entry.name, stat.S_ISREG(mode), _what(mode)))
    finally:
        os.close(dir_fd)
    return sorted(found, key=lambda e: e.name)


def hash_file(handle: BinaryIO, kind: FileKind, shown: str) -> tuple[str, bytes]:
    """SHA-256 (hex) and bytes of an open file, read in chunks up to ``kind.limit``."""
    digest = hashlib.sha256()
    chunks = []
    size = 0
    while chunk := handle.read(_CHUNK):
        size += len(chunk)
        if size > kind.limit:
            raise UnsafeFile(
                f"{shown} is larger than {kind.limit} bytes (the limit for {kind.label}s)",
                field=shown,
                expected=kind.limit,
            )
        digest.update(chunk)
        chunks.append(chunk)
    return digest.hexdigest(), b"".join(chunks)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_file_name(text: str, limit: int = 120) -> str:
    """A file name for an id (an agreement ref, a KPI id): letters, digits, '.', '_', '-'.

    '/' becomes '-' (TH-81/2557 -> TH-81-2557); any other character outside that set, a
    leading dot or an over-long id also adds eight hex digits of the id's SHA-256, so two
    ids that differ only there do not share a name.
    """
    name = _UNSAFE.sub("-", text.replace("/", "-")).lstrip(".-")[:limit]
    if not name or name != text.replace("/", "-"):
        name = f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:8]}".lstrip("-")
    return name
