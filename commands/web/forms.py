"""Acting from a page: a form's fields become the same JSON a client posts to
``/api/commands``, decoded by ``decode_command`` (the same bounds, duplicate-key and NFC
checks, the same messages) and recorded by ``commands.http.writes.record`` as the signed-in
user. A refusal comes back as a ``Refusal`` for the form to show beside what was typed.

Each form carries a command id drawn when it was shown, so sending it twice (a double click,
the back button) records it once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from commands.decoding import decode_command
from commands.http.writes import Recorded, Sealer, record
from commands.web.i18n import Words
from commands.web.refusals import Refusal, refusal
from commands.web.session import Viewer
from ledger.errors import LedgerError
from ledger.thaidate import parse_moment

__all__ = ["Outcome", "effective_at", "fresh_command_id", "submit", "text"]


class Outcome(msgspec.Struct, frozen=True):
    """What a form post came to: ``recorded`` or ``refused`` (exactly one is set)."""

    recorded: Recorded | None = None
    refused: Refusal | None = None


def fresh_command_id() -> str:
    return str(uuid.uuid4())


def text(form: Mapping[str, Any], name: str) -> str:
    """A text field as typed, stripped at the ends ("" when absent or not text), with the
    browser's CRLF line ends made LF (the ledger's texts keep line feeds and refuse other
    control characters).

    >>> text({"narrative": " line one\r\nline two "}, "narrative")
    'line one\nline two'
    """
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.strip().replace("\r\n", "\n").replace("\r", "\n")


def effective_at(form: Mapping[str, Any], name: str = "effective_at") -> str | None:
    """The moment a form says its decision took effect (ISO 8601 or a BE date, as the CLI
    takes it), as the command's ISO text; None (take effect when recorded) when left empty."""
    given = text(form, name)
    return parse_moment(given, field=name).isoformat() if given else None


def submit(viewer: Viewer, sealer: Sealer, build: Callable[[], dict[str, Any]]) -> Outcome:
    """Build the command (a dict shaped as its JSON; ``build`` may raise ``InvalidInput`` for
    a field it reads) and record it as the viewer. A ``LedgerError`` becomes a refusal in the
    viewer's language; nothing is recorded but a kept refusal (a rule-1 attempt), which is
    itself the record of the attempt."""
    try:
        decoded = decode_command(msgspec.json.encode(build()))
        return Outcome(recorded=record(viewer.api, sealer, decoded, viewer.user_id))
    except LedgerError as error:
        return Outcome(refused=refusal(error, Words(viewer.language, {})))
