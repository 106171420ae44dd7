"""Import a filled KPI template into an agreement: each KPI row becomes the ``propose_kpi``
command ``ledger apply`` takes (decoded by ``decode_command``, so the same bounds, NFC and
messages), and the file's commands are recorded all together or not at all.

Each command's id is drawn from the command itself (a UUID 5 of its JSON): the same row sent
again is the same command, answered from its receipt rather than recorded twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from commands.decoding import decode_command
from commands.handlers import HandlerContext
from commands.kpi_templates.columns import KPI_SHEET, columns_for
from commands.kpi_templates.locating import Place, located
from commands.kpi_templates.reading import KpiRow, read_template
from commands.kpi_templates.recording import Entering, Placed, Recorded, record_all
from ledger.domain.values import Actor
from ledger.errors import InvalidInput, LedgerError

__all__ = ["Imported", "import_kpis"]

_NAMESPACE = uuid.UUID("5b8e2a52-2f43-4c1c-9a57-6f1f0c3b7d19")
_EMPTY_RULE = "a KPI template holds at least one KPI row"


@dataclass(frozen=True)
class Imported:
    """What an import did: ``recorded.commands`` KPI rows handled (``recorded.resent`` of
    them recorded by an earlier send)."""

    agreement: str
    kpi_ids: list[str]
    recorded: Recorded


def import_kpis(
    ctx: HandlerContext,
    data: bytes,
    agreement: str,
    actor: Actor,
    entering: Entering,
    *,
    effective_at: str | None = None,
) -> Imported:
    """Propose every KPI row of the template in ``data`` on ``agreement`` as ``actor``,
    entered as ``entering`` says (the signed-in user), all or none.

    Raises NotFound for an agreement never opened; for a bad file or row, the refusal that
    names its sheet, row and column (InvalidInput, RuleRefused, NotAllowed, ...), with
    nothing of the file recorded.
    """
    loaded = ctx.load(agreement)
    rows = read_template(data, loaded.framework)
    if not rows:
        raise InvalidInput(
            f"sheet {KPI_SHEET} holds no KPI rows", field=KPI_SHEET, rule=_EMPTY_RULE
        )
    columns = columns_for(loaded.framework)

    def columns_of(place: Place, field: str | None) -> Place:
        return place.of_field(field, columns)

    head = {
        "type": "propose_kpi",
        "actor": msgspec.to_builtins(actor),
        "agreement": agreement,
        "effective_at": effective_at,
    }
    placed = [_placed(head, row, columns_of) for row in rows]
    recorded = record_all(ctx, placed, entering)
    return Imported(
        agreement=agreement,
        kpi_ids=[str(row.fields["kpi_id"]) for row in rows],
        recorded=recorded,
    )


def _placed(
    head: dict[str, Any], row: KpiRow, columns_of: Callable[[Place, str | None], Place]
) -> Placed:
    body = {**head, **row.fields}
    drawn = uuid.uuid5(_NAMESPACE, msgspec.json.encode(body, order="sorted").decode())
    body["command_id"] = str(drawn)
    place = Place(KPI_SHEET, row.number)
    try:
        command = decode_command(msgspec.json.encode(body))
    except LedgerError as error:
        raise located(error, columns_of(place, error.field)) from error
    return Placed(command, place, columns_of)
