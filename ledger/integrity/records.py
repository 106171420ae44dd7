"""What the integrity layer keeps beside the events: checkpoints, public keys, evidence files.

These live in the event store's own database (not in a view, which may be dropped and rebuilt)
and, like the events, are only ever added to: a checkpoint's body is written once and its
signature lines are added one by one; evidence is stored once under the SHA-256 of its bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime

from ledger.application import LedgerApplication
from ledger.errors import ConflictError, NotFound
from ledger.integrity.checkpoint import SignedCheckpoint, parse_signed
from ledger.integrity.keys import Verifier, parse_verifier
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
        created by ``ledger db init`` only)."""
        datastore = app.recorder.datastore  # type: ignore[attr-defined]
        settings = app.settings
        return cls(
            Dialect(datastore, TABLES, postgres=settings.is_postgres),
            create=settings.create_tables or not settings.is_postgres,
        )

    def add_checkpoint(self, signed: SignedCheckpoint) -> SignedCheckpoint:
        """Keep a checkpoint and its signature lines; the stored note, with every line so far.

        ConflictError when another root was already kept for the same size: that is a fork.
        """
        size, body = signed.checkpoint.size, signed.checkpoint.body()
        with self._d.transaction(commit=True) as cursor:
            cursor.execute(
                self._d.sql("SELECT body FROM {checkpoints} WHERE tree_size = ?"), (size,)
            )
            row = cursor.fetchone()
            if row is not None and row["body"] != body:
                raise ConflictError(
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
        """Every kept checkpoint, smallest tree first."""
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT tree_size, body FROM {checkpoints}"))
            bodies = {int(r["tree_size"]): str(r["body"]) for r in cursor.fetchall()}
            cursor.execute(
                self._d.sql("SELECT tree_size, line FROM {signatures} ORDER BY recorded_at, line")
            )
            lines: dict[int, list[str]] = {}
            for r in cursor.fetchall():
                lines.setdefault(int(r["tree_size"]), []).append(str(r["line"]))
        return [
            parse_signed(bodies[size] + "\n" + "".join(f"{x}\n" for x in lines.get(size, [])))
            for size in sorted(bodies)
        ]

    def checkpoint(self, size: int) -> SignedCheckpoint:
        for signed in self.checkpoints():
            if signed.checkpoint.size == size:
                return signed
        raise NotFound(f"no checkpoint of size {size}", field="checkpoint")

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
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT vkey FROM {keys} ORDER BY kind, vkey"))
            return [parse_verifier(str(r["vkey"])) for r in cursor.fetchall()]

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

    def evidence(self) -> Iterator[tuple[str, bytes]]:
        """Every stored evidence file as (the name it is stored under, its bytes)."""
        with self._d.transaction(commit=False) as cursor:
            cursor.execute(self._d.sql("SELECT sha256 FROM {evidence} ORDER BY sha256"))
            names = [str(r["sha256"]) for r in cursor.fetchall()]
        for name in names:
            with self._d.transaction(commit=False) as cursor:
                cursor.execute(
                    self._d.sql("SELECT content FROM {evidence} WHERE sha256 = ?"), (name,)
                )
                yield name, bytes(cursor.fetchone()["content"])
