"""Write-back documents: a view's batch reads and writes an in-memory overlay over its table.

A page of events touches the same few documents again and again (an agreement's state, its
score tables, its trail); one SQL round trip and one JSON decode and encode per touch is what
made catch-up slow. Inside one ``writing`` transaction each document is read and decoded at most
once, later reads get the decoded object, writes stay in memory, and ``flush`` writes what
changed with set-based statements (range deletes, key deletes, one bulk upsert) just before the
tracking row, in the same transaction. The stored result is the same as writing through: the
last value put under a key is what is written.

Values are kept as objects, not encoded: callers put frozen structs (or mutate a struct they
got and put it again, as the integrity trail does), so what is flushed is what was last put.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left, insort
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import msgspec

__all__ = ["DocumentStore", "Documents", "Reading", "WriteBack"]

T = TypeVar("T")
_ENCODER = msgspec.json.Encoder()
# Marks a key deleted in the overlay (so a read must not fall back to the table).
_GONE: Any = object()


class Documents(ABC):
    """Typed access to one view's documents inside one transaction."""

    @abstractmethod
    def get(self, collection: str, key: str, kind: type[T]) -> T | None: ...

    @abstractmethod
    def put(self, collection: str, key: str, value: Any) -> None: ...

    @abstractmethod
    def delete(self, collection: str, key: str) -> None: ...

    @abstractmethod
    def delete_prefix(self, collection: str, prefix: str) -> None:
        """Delete every document of a collection whose key starts with ``prefix``."""

    @abstractmethod
    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        """Documents of a collection whose key starts with ``prefix``, in key order."""

    def stream(self, collection: str, kind: type[T], prefix: str = "") -> Iterator[tuple[str, T]]:
        """What ``scan`` returns, one document at a time; a read overrides it to fetch the
        rows in chunks, so a whole-ledger read holds one chunk, not the whole view."""
        return iter(self.scan(collection, kind, prefix))

    @abstractmethod
    def preload(self, collection: str, keys: Iterable[str], kind: type[Any]) -> None:
        """Say which documents are about to be read, so that they can be fetched together."""


class DocumentStore(ABC):
    """One view's table inside one transaction, as raw JSON bodies."""

    @abstractmethod
    def fetch(self, collection: str, key: str) -> str | None: ...

    @abstractmethod
    def fetch_range(self, collection: str, prefix: str) -> list[tuple[str, str]]:
        """(key, body) of the collection's documents whose key starts with ``prefix``."""

    def stream_range(self, collection: str, prefix: str) -> Generator[tuple[str, str]]:
        """What ``fetch_range`` returns, fetched a chunk at a time (stores override it)."""
        yield from self.fetch_range(collection, prefix)

    def fetch_many(self, collection: str, keys: Sequence[str]) -> list[tuple[str, str]]:
        """(key, body) of those of ``keys`` the collection holds; a store where each query is
        a round trip to a server overrides it to ask once."""
        return [(key, body) for key in keys if (body := self.fetch(collection, key)) is not None]

    @abstractmethod
    def write(
        self,
        ranges: Sequence[tuple[str, str]],
        deleted: Sequence[tuple[str, str]],
        upserts: Sequence[tuple[str, str, str]],
    ) -> None:
        """Delete the (collection, prefix) ranges, then the (collection, key) documents, then
        insert or replace the (collection, key, body) documents."""


class Reading(Documents):
    """Documents read straight from the table (reads of a caught-up view: nothing to keep)."""

    def __init__(self, store: DocumentStore) -> None:
        self._store = store
        self._streams: list[Generator[tuple[str, str]]] = []

    def get(self, collection: str, key: str, kind: type[T]) -> T | None:
        body = self._store.fetch(collection, key)
        return None if body is None else msgspec.json.decode(body, type=kind)

    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        return [
            (key, msgspec.json.decode(body, type=kind))
            for key, body in self._store.fetch_range(collection, prefix)
        ]

    def stream(self, collection: str, kind: type[T], prefix: str = "") -> Iterator[tuple[str, T]]:
        rows = self._store.stream_range(collection, prefix)
        self._streams.append(rows)
        decoder = msgspec.json.Decoder(kind)
        return ((key, decoder.decode(body)) for key, body in rows)

    def preload(self, collection: str, keys: Iterable[str], kind: type[Any]) -> None:
        """Nothing to do: a read fetches the few documents it needs as it goes."""

    def close(self) -> None:
        """Close the streams a reader left unfinished (it failed half-way), while their
        transaction is still open: later, their cursors' connection is closed or pooled."""
        for rows in self._streams:
            rows.close()
        self._streams.clear()

    def put(self, collection: str, key: str, value: Any) -> None:
        self._store.write((), (), [(collection, key, _ENCODER.encode(value).decode())])

    def delete(self, collection: str, key: str) -> None:
        self._store.write((), [(collection, key)], ())

    def delete_prefix(self, collection: str, prefix: str) -> None:
        self._store.write([(collection, prefix)], (), ())


class _Collection:
    """The overlay of one collection: values by key, keys in order, and the prefixes whose
    documents are all in the overlay (scanned, or deleted as a range)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.keys: list[str] = []
        self.complete: set[str] = set()

    def remember(self, key: str, value: Any) -> None:
        if key not in self.values:
            insort(self.keys, key)
        self.values[key] = value

    def covered(self, key: str) -> bool:
        """Whether the overlay is all there is under some prefix of ``key``."""
        complete = self.complete
        return bool(complete) and any(key[:n] in complete for n in range(len(key) + 1))

    def under(self, prefix: str) -> list[str]:
        start = bisect_left(self.keys, prefix)
        end = bisect_left(self.keys, prefix + "\U0010ffff", lo=start)
        return self.keys[start:end]


class WriteBack(Documents):
    """Documents of one batch: read through once, written back on ``flush``."""

    def __init__(self, store: DocumentStore) -> None:
        self._store = store
        self._collections: dict[str, _Collection] = {}
        self._dirty: set[tuple[str, str]] = set()
        self._ranges: list[tuple[str, str]] = []

    def _collection(self, collection: str) -> _Collection:
        found = self._collections.get(collection)
        if found is None:
            found = self._collections[collection] = _Collection()
        return found

    def get(self, collection: str, key: str, kind: type[T]) -> T | None:
        overlay = self._collection(collection)
        if key in overlay.values:
            found = overlay.values[key]
            return None if found is _GONE else _typed(found, kind)
        if overlay.covered(key):
            return None
        body = self._store.fetch(collection, key)
        value = _GONE if body is None else msgspec.json.decode(body, type=kind)
        overlay.remember(key, value)
        return None if value is _GONE else value

    def preload(self, collection: str, keys: Iterable[str], kind: type[Any]) -> None:
        overlay = self._collection(collection)
        wanted = [
            key
            for key in dict.fromkeys(keys)
            if key not in overlay.values and not overlay.covered(key)
        ]
        if not wanted:
            return
        found = dict(self._store.fetch_many(collection, wanted))
        decoder = msgspec.json.Decoder(kind)
        for key in wanted:
            body = found.get(key)
            overlay.remember(key, _GONE if body is None else decoder.decode(body))

    def put(self, collection: str, key: str, value: Any) -> None:
        self._collection(collection).remember(key, value)
        self._dirty.add((collection, key))

    def delete(self, collection: str, key: str) -> None:
        self.put(collection, key, _GONE)

    def delete_prefix(self, collection: str, prefix: str) -> None:
        overlay = self._collection(collection)
        gone = overlay.under(prefix)
        for key in gone:
            del overlay.values[key]
            self._dirty.discard((collection, key))
        start = bisect_left(overlay.keys, prefix)
        del overlay.keys[start : start + len(gone)]
        overlay.complete.add(prefix)
        self._ranges.append((collection, prefix))

    def scan(self, collection: str, kind: type[T], prefix: str = "") -> list[tuple[str, T]]:
        overlay = self._collection(collection)
        if not overlay.covered(prefix):
            for key, body in self._store.fetch_range(collection, prefix):
                # A key under a range deleted in this batch is gone, whatever the table says.
                if key not in overlay.values and not overlay.covered(key):
                    overlay.remember(key, msgspec.json.decode(body, type=kind))
            overlay.complete.add(prefix)
        found = ((key, overlay.values[key]) for key in overlay.under(prefix))
        return [(key, _typed(value, kind)) for key, value in found if value is not _GONE]

    def flush(self) -> None:
        """Write every change of the batch (in the caller's transaction) and forget them."""
        deleted: list[tuple[str, str]] = []
        upserts: list[tuple[str, str, str]] = []
        for collection, key in sorted(self._dirty):
            value = self._collections[collection].values[key]
            if value is _GONE:
                deleted.append((collection, key))
            else:
                upserts.append((collection, key, _ENCODER.encode(value).decode()))
        self._store.write(self._ranges, deleted, upserts)
        self._dirty.clear()
        self._ranges.clear()


def _typed(value: Any, kind: type[T]) -> T:
    """``value`` as ``kind`` reads it: itself when it already is one (the usual case), else
    through JSON, as it would have come back from the table."""
    if type(value) is kind:
        return value
    return msgspec.json.decode(_ENCODER.encode(value), type=kind)
