"""A replay's agreement states past the ones kept in memory go to disk and come back equal."""

from __future__ import annotations

from commands.handlers import HandlerContext
from commands.replay.spilled import SpilledAgreements
from ledger.application import agreement_uuid
from tests.builders import fy2568_signed, run


def test_states_spilled_to_disk_come_back_equal(ctx: HandlerContext) -> None:
    refs = [f"TH-{n}/2568" for n in range(40, 45)]
    for ref in refs:
        for command in fy2568_signed(ref.split("/")[0]):
            run(ctx, command)
    states = {agreement_uuid(ref): ctx.app.agreement(ref) for ref in refs}
    spilled = SpilledAgreements(kept=2)
    for key, state in states.items():
        spilled[key] = state
    assert spilled.spilled == 3
    assert len(spilled) == 5
    assert set(spilled) == set(states)
    for key, state in states.items():
        assert key in spilled
        assert spilled[key] == state
    first = next(iter(states))
    del spilled[first]
    assert first not in spilled
    assert spilled.get(first) is None
    assert len(spilled) == 4
