"""Users (and the other small aggregates read on every command) are kept between reads in a
process (ledger.persistence.held): a read still sees what another writer recorded since."""

from __future__ import annotations

from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.domain.identity.principals import User
from tests.builders import UNIT, run, unit_with_agreement
from tests.stores import StoreMaker


def _units_granted(app: LedgerApplication) -> list[str | None]:
    user = app.user(UNIT["id"])
    assert isinstance(user, User)
    return [grant.unit_id for grant in user.grants]


def test_a_user_read_again_holds_the_grant_another_writer_recorded_since(
    stores: StoreMaker,
) -> None:
    settings = stores.new("held")
    writer = build_context(settings)
    reader = LedgerApplication(settings)
    assert reader.user(UNIT["id"]) is None
    for command in unit_with_agreement("TH-81", "province", 2568, "fy2568-provinces"):
        run(writer, command)
    assert _units_granted(reader) == ["TH-81"]
    # Another process's writes: the unit's office is granted the next unit too.
    for command in unit_with_agreement("TH-42", "province", 2568, "fy2568-provinces"):
        run(writer, command)
    assert _units_granted(reader) == ["TH-81", "TH-42"]
    assert _units_granted(reader) == _units_granted(writer.app)
    reader.close()
    writer.app.close()
