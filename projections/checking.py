"""Checking stored views against the log: each view is rebuilt from the events in a scratch
store and compared, document by document, with what the view holds.

A view may lag the log (it catches up on the next read), so each is rebuilt up to its own
tracked position. A position past the log's head, or any document that differs from the
rebuild, is a finding naming the view, the document key and both values; ``ledger rebuild``
repairs it.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import msgspec

from ledger.application import LedgerApplication
from ledger.domain.agreement import DAMAGED_LOG_ERRORS
from ledger.frameworks.model import Framework
from ledger.persistence.settings import Settings
from projections.base import LedgerProjection
from projections.catch_up import DEFAULT_BATCH
from projections.documents import DocumentView
from projections.registry import PROJECTIONS, open_projection

__all__ = ["ViewFinding", "check_views"]

# A differing document is shown cut short: the key says where to look.
_SHOWN = 120
# Differences listed per view; the rest are counted.
_PER_VIEW = 5


@dataclass(frozen=True)
class ViewFinding:
    view: str
    message: str


def _short(body: str | None) -> str:
    if body is None:
        return "nothing"
    return body if len(body) <= _SHOWN else body[: _SHOWN - 1] + "…"


def _decoded(body: str | None) -> object:
    if body is None:
        return None
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError:
        return body


def _where(stored: object, rebuilt: object, path: str = "") -> str:
    """The first place two decoded documents differ, as a JSON path with both values."""
    if isinstance(stored, dict) and isinstance(rebuilt, dict):
        for key in sorted(stored.keys() | rebuilt.keys()):
            if stored.get(key) != rebuilt.get(key):
                return _where(stored.get(key), rebuilt.get(key), f"{path}.{key}")
    if isinstance(stored, list) and isinstance(rebuilt, list) and len(stored) == len(rebuilt):
        for index, (a, b) in enumerate(zip(stored, rebuilt, strict=True)):
            if a != b:
                return _where(a, b, f"{path}[{index}]")
    shown = [
        _short(None if v is None else msgspec.json.encode(v).decode()) for v in (stored, rebuilt)
    ]
    return f"${path}: stored {shown[0]}; rebuilt from the log {shown[1]}"


def _differing(
    stored: DocumentView, rebuilt: DocumentView
) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(collection, key, stored body, rebuilt body) of each document that differs (None: not
    there), found by walking both views in key order side by side, so that views larger than
    memory are compared in constant memory."""
    sides = heapq.merge(
        ((collection, key, 0, body) for collection, key, body in stored.rows()),
        ((collection, key, 1, body) for collection, key, body in rebuilt.rows()),
    )
    for (collection, key), rows in groupby(sides, key=lambda row: row[:2]):
        bodies = {side: body for _, _, side, body in rows}
        if bodies.get(0) != bodies.get(1):
            yield collection, key, bodies.get(0), bodies.get(1)


def _compare(name: str, stored: DocumentView, rebuilt: DocumentView) -> list[ViewFinding]:
    findings: list[ViewFinding] = []
    differing = 0
    for collection, key, kept, fresh in _differing(stored, rebuilt):
        differing += 1
        if differing <= _PER_VIEW:
            where = _where(_decoded(kept), _decoded(fresh))
            findings.append(ViewFinding(name, f"document {collection}/{key}: {where}"))
    if differing > _PER_VIEW:
        findings.append(ViewFinding(name, f"… and {differing - _PER_VIEW} more documents differ"))
    return findings


def _rebuild(
    app: LedgerApplication, views: dict[str, LedgerProjection], upto: dict[str, int], batch: int
) -> list[ViewFinding]:
    """Feed each scratch view the log up to its stored view's position, reading it once; a
    view the log cannot be folded into (a damaged log) is named and left out."""
    after, last = 0, max(upto.values(), default=0)
    broken: list[ViewFinding] = []
    while after < last and (page := app.log_page(after, batch)):
        for name, view in list(views.items()):
            seen = [item for item in page if item[0] <= upto[name]]
            try:
                if seen:
                    view.process_batch(seen)
            except DAMAGED_LOG_ERRORS as error:
                del views[name]
                broken.append(
                    ViewFinding(
                        name,
                        f"cannot be rebuilt: the log between positions {seen[0][0]} and "
                        f"{seen[-1][0]} does not fold ({error!r})",
                    )
                )
        after = page[-1][0]
    return broken


def check_views(
    app: LedgerApplication,
    settings: Settings,
    frameworks: Callable[[str], Framework],
    *,
    batch: int = DEFAULT_BATCH,
) -> list[ViewFinding]:
    """Every difference between the stored views and views rebuilt from the log."""
    head = app.head()
    findings: list[ViewFinding] = []
    stored = {name: open_projection(settings, name, frameworks) for name in PROJECTIONS}
    upto: dict[str, int] = {}
    for name, projection in stored.items():
        position = projection.view.max_tracking_id(app.name) or 0
        if position > head:
            findings.append(
                ViewFinding(
                    name,
                    f"its tracking position {position} is past the log's head {head} (the "
                    "position was changed; the view would skip events)",
                )
            )
        upto[name] = min(position, head)
    with tempfile.TemporaryDirectory(prefix="ledger-views-") as scratch:
        rebuilt_settings = Settings(database=str(Path(scratch) / "rebuilt.sqlite"))
        rebuilt = {
            name: open_projection(rebuilt_settings, name, frameworks) for name in PROJECTIONS
        }
        findings += _rebuild(app, rebuilt, upto, batch)
        for name in rebuilt:
            findings += _compare(name, stored[name].view, rebuilt[name].view)
            rebuilt[name].view.datastore.close()  # type: ignore[attr-defined]
    return findings
