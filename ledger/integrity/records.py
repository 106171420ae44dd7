"""What the integrity layer keeps beside the events: checkpoints, public keys, evidence files.

These live in the event store's own database (not in a view, which may be dropped and rebuilt)
and, like the events, are only ever added to: a checkpoint's body is written once and its
signature lines are added one by one; evidence is stored once under the SHA-256 of its bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import uuid4

from eventsourcing.sqlite import SQLiteDatastore

from ledger.application import LedgerApplication
from ledger.errors import IntegrityViolation, NotFound
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint, parse_signed
from ledger.integrity.keys import KeyFileError, Verifier, parse_verifier
from ledger.integrity.verification import Failure
from ledger.persistence.dialect import Dialect

__all__ = ["TABLES", "IntegrityRecords"]

# Append-only: signed checkpoints cannot be derived again, so none is ever rewritten.
TABLES = {
    "checkpoints": "ledger_checkpoints",
    "signatures": "ledger_checkpoint_signatures",
    "keys": "ledger_public_keys",
    "evidence": "ledger_evidence",
}
_CREATE = (
    "CREATE TABLE IF NOT EXISTS {checkpoints} (tree_size {int} PRIMARY KEY, "
    "body text NOT NULL, recorded_at text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {signatures} (tree_size {int} NOT NULL, line text NOT NULL, "
    "recorded_at text NOT NULL, PRIMARY KEY (tree_size, line))",
    "CREATE TABLE IF NOT EXISTS {keys} (vkey text PRIMARY KEY, kind text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {evidence} (sha256 text PRIMARY KEY, content {bytes} NOT NULL, "
    "recorded_at text NOT NULL)",
)


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _kept_in(datastore: SQLiteDatastore) -> bool:
    """Whether a SQLite store holds the records' tables (it was written by a ledger since
    they exist)."""
    with datastore.transaction(commit=False) as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            (TABLES["checkpoints"],),
        )
        return cursor.fetchone() is not None


def _now() -> str:
    return datetime.now(UTC).isoformat()


class IntegrityRecords:
    def __init__(self, dialect: Dialect, *, create: bool) -> None:
        self._d = dialect
        if create:
            with self._d.transaction(commit=True) as cursor:
                for statement in _CREATE:
                    cursor.execute(self._d.sql(statement))

    @classmethod
    def of(cls, app: LedgerApplication) -> IntegrityRecords:
        """The records in the database of the application's event store (on PostgreSQL,
        created by ``ledger db init`` only; on SQLite, when the store is first written)."""
        datastore = app.recorder.datastore  # type: ignore[attr-defined]
        settings = app.settings
        if settings.is_postgres:
            return cls(Dialect(datastore, TABLES, postgres=True), create=settings.create_tables)
        if settings.access == "read" and not _kept_in(datastore):
            # Never sealed, and opened to be read: nothing is kept, and no table may be made
            # in it; empty records in memory read as that, where creating them would fail.
            datastore = SQLiteDatastore(f"file:records-{uuid4()}?mode=memory&cache=shared")
        return cls(Dialect(datastore, TABLES, postgres=False), create=True)

    def add_checkpoint(self, signed: SignedCheckpoint) -> SignedCheckpoint:
        """Keep a checkpoint and its signature lines; the stored note, with every line so far.

        IntegrityViolation when another root was already kept for the same size: that is a fork.
        """
        size, body = signed.checkpoint.size, signed.checkpoint.body()
        with self._d.transaction(commit=True) as cursor:
            cursor.execute(
                self._d.sql("SELECT body FROM {checkpoints} WHERE tree_size = ?"), (size,)
            )
            row = cursor.fetchone()
            if row is not None and row["body"] != body:
                raise IntegrityViolation(
                    f"a different checkpoint of size {size} is already kept: the log would fork",
                    field="checkpoint",
                    rule="one tree head per size (two would be a fork)",
                )
            if row is None:
                cursor.execute(
                    self._d.sql("INSERT INTO {checkpoints} VALUES (?, ?, ?)"),
                    (size, body, _now()),
                )
            cursor.execute(
                self._d.sql("SELECT line FROM {signatures} WHERE tree_size = ?"), (size,)
            )
            kept = {r["line"] for r in cursor.fetchall()}
            cursor.executemany(
                self._d.sql("INSERT INTO {signatures} VALUES (?, ?, ?)"),
                [(size, line, _now()) for line in signed.signature_lines if line not in kept],
            )
        return self.checkpoint(size)

    def checkpoints(self) -> list[SignedCheckpoint]:
        """Every kept checkpoint that reads as one, smallest tree first (the rest are
        ``checkpoints_and_findings``' findings)."""
        return self.checkpoints_and_findings()[0]

    def checkpoints_and_findings(self) -> tuple[list[SignedCheckpoint], list[Failure]]:
        """Every kept checkpoint, smallest tree first, and a finding for each row that is not
        a signed checkpoint of the size it is kept under (anyone who can insert rows can put
        anything there; a read must not fail on it)."""
        return self._read_checkpoints("", ())

    def _read_checkpoints(
        self, where: str, parameters: tuple[int, ...]
    ) -> tuple[list[SignedCheckpoint], list[Failure]]:
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(
                self._d.sql(f"SELECT tree_size, body FROM {{checkpoints}} {where}"), parameters
            )
            bodies = [(r["tree_size"], r["body"]) for r in cursor.fetchall()]
            cursor.execute(
                self._d.sql(
                    f"SELECT tree_size, line FROM {{signatures}} {where} ORDER BY recorded_at, line"
                ),
                parameters,
            )
            lines: dict[object, list[str]] = {}
            for r in cursor.fetchall():
                lines.setdefault(r["tree_size"], []).append(str(r["line"]))
        found: list[SignedCheckpoint] = []
        findings: list[Failure] = []
        for size, body in bodies:
            note = f"{body}\n" + "".join(f"{x}\n" for x in lines.get(size, []))
            try:
                signed = parse_signed(note)
            except CheckpointError as error:
                findings.append(Failure("checkpoint", f"stored checkpoint {size!r}: {error}"))
                continue
            if signed.checkpoint.size != size:
                findings.append(
                    Failure(
                        "checkpoint",
                        f"stored checkpoint {size!r} holds a checkpoint of size "
                        f"{signed.checkpoint.size}",
                    )
                )
                continue
            found.append(signed)
        return sorted(found, key=lambda c: c.checkpoint.size), findings

    def newest_checkpoints(self, limit: int, below: int | None = None) -> list[SignedCheckpoint]:
        """At most ``limit`` kept checkpoints, largest tree first, of trees smaller than
        ``below`` (default: any). Reads those alone, so a page of them costs what it lists
        however many are kept (a live ledger keeps one per write)."""
        found, _ = self._read_checkpoints(
            "WHERE tree_size IN (SELECT tree_size FROM {checkpoints} WHERE tree_size < ? "
            "ORDER BY tree_size DESC LIMIT ?)",
            (below if below is not None else 2**62, limit),
        )
        return found[::-1]

    def checkpoint(self, size: int) -> SignedCheckpoint:
        """The checkpoint kept for ``size`` (read alone: sealing calls this after every write)."""
        found, _ = self._read_checkpoints("WHERE tree_size = ?", (size,))
        if not found:
            raise NotFound(f"no checkpoint of size {size}", field="checkpoint")
        return found[0]

    def add_key(self, verifier: Verifier) -> None:
        with self._d.transaction(commit=True) as cursor:
            cursor.execute(
                self._d.sql("SELECT 1 AS x FROM {keys} WHERE vkey = ?"), (verifier.text(),)
            )
            if cursor.fetchone() is None:
                cursor.execute(
                    self._d.sql("INSERT INTO {keys} VALUES (?, ?)"),
                    (verifier.text(), verifier.kind),
                )

    def public_keys(self) -> list[Verifier]:
        """The kept keys that read as keys (the rest are ``public_keys_and_findings``')."""
        return self.public_keys_and_findings()[0]

    def public_keys_and_findings(self) -> tuple[list[Verifier], list[Failure]]:
        """The kept public keys, and a finding for each row that is not a key of its kind."""
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT vkey, kind FROM {keys} ORDER BY kind, vkey"))
            rows = [(r["vkey"], r["kind"]) for r in cursor.fetchall()]
        keys: list[Verifier] = []
        findings: list[Failure] = []
        for vkey, kind in rows:
            shown = repr(vkey)[:80]
            try:
                if not isinstance(vkey, str):
                    raise KeyFileError("not text")
                verifier = parse_verifier(vkey)
            except KeyFileError as error:
                findings.append(Failure("key", f"stored key {shown}: {error}"))
                continue
            if verifier.kind != kind:
                findings.append(
                    Failure("key", f"stored key {shown} is a {verifier.kind} key kept as {kind!r}")
                )
            keys.append(verifier)
        return keys, findings

    def add_evidence(self, content: bytes) -> tuple[str, bool]:
        """Store bytes under their SHA-256; (hash, whether they were new)."""
        digest = hashlib.sha256(content).hexdigest()
        with self._d.transaction(commit=True) as cursor:
            cursor.execute(self._d.sql("SELECT 1 AS x FROM {evidence} WHERE sha256 = ?"), (digest,))
            if cursor.fetchone() is not None:
                return digest, False
            cursor.execute(
                self._d.sql("INSERT INTO {evidence} VALUES (?, ?, ?)"), (digest, content, _now())
            )
        return digest, True

    def _evidence_names(self) -> list[object]:
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT sha256 FROM {evidence} ORDER BY sha256"))
            return [r["sha256"] for r in cursor.fetchall()]

    def evidence(self) -> Iterator[tuple[str, bytes]]:
        """Every stored evidence file as (the name it is stored under, its bytes), one at a
        time; rows whose name is not a SHA-256 in hex are left out (``evidence_findings``)."""
        for name in self._evidence_names():
            if not isinstance(name, str) or not _SHA256.fullmatch(name):
                continue
            content = self.evidence_file(name)
            if content is not None:
                yield name, content

    def evidence_file(self, name: str) -> bytes | None:
        """The bytes stored under ``name`` (one row, by its key), or None when there are none.
        A stored value that is not bytes (only in a tampered store) is read as its text."""
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT content FROM {evidence} WHERE sha256 = ?"), (name,))
            row = cursor.fetchone()
        if row is None:
            return None
        content = row["content"]
        if isinstance(content, bytes | bytearray | memoryview):
            return bytes(content)
        return str(content).encode()

    def evidence_findings(self) -> list[Failure]:
        """A finding for each evidence row whose name is not 64 lowercase hex digits."""
        return [
            Failure("evidence", f"stored evidence {name!r:.80}: the name is not a SHA-256 in hex")
            for name in self._evidence_names()
            if not isinstance(name, str) or not _SHA256.fullmatch(name)
        ]
