"""Schema versions: every stored event names its version, and a ScoresCertified written in
version 1's shape (before penalties existed) is upcast as it is read, its stored bytes kept."""

from __future__ import annotations

from decimal import Decimal

import msgspec
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from commands.handlers import HandlerContext
from ledger.application import LedgerApplication, agreement_uuid
from ledger.domain.events import ScoresCertified
from tests.builders import OPDC, assess, fy2568_signed, run, sar

REF = "TH-42/2568"
RESULTS = {"A1": "65", "A2": "80", "A3": "70", "P1": "70", "P2": "71", "P3": "79"}

# As version 1 wrote it: no class_version, no before_penalties, penalties or supersedes.
V1_CERTIFIED = {
    "recorded_at": "2025-01-02T03:04:05+00:00",
    "effective_at": "2025-01-02T03:04:05+00:00",
    "actor": OPDC,
    "round_id": "12m",
    "composite": "2.4100",
    "band_th": "ดี",
    "band_en": "Good",
}


def test_every_stored_event_names_its_schema_version(ctx: HandlerContext) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    stored = ctx.app.recorder.select_notifications(start=1, limit=100)
    versions = {
        n.topic.split(":")[1]: msgspec.json.decode(n.state)["class_version"] for n in stored
    }
    assert versions["AgreementSigned"] == 1
    assert set(versions.values()) == {1}
    assert ScoresCertified.class_version == 2


def test_a_version_1_certification_is_read_as_version_2_and_its_bytes_are_kept(
    ctx: HandlerContext,
) -> None:
    for command in fy2568_signed():
        run(ctx, command)
    run(ctx, sar(REF, "12m", RESULTS))
    run(ctx, assess(REF, "12m", RESULTS))
    aggregate = agreement_uuid(REF)
    version = len(ctx.app.events_of(aggregate)) + 1
    old_bytes = msgspec.json.encode(V1_CERTIFIED)
    ctx.app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=aggregate,
                originator_version=version,
                topic=get_topic(ScoresCertified),
                state=old_bytes,
            )
        ]
    )

    fresh = LedgerApplication(ctx.app.settings)
    try:
        certified = fresh.events_of(aggregate)[-1]
        assert isinstance(certified, ScoresCertified)
        assert certified.before_penalties == certified.composite == Decimal("2.4100")
        assert certified.penalties == 0
        assert certified.supersedes is None
        assert fresh.agreement(REF).round("12m").certified_composite == Decimal("2.4100")
        (kept,) = fresh.recorder.select_events(aggregate, gt=version - 1)
        assert kept.state == old_bytes
    finally:
        fresh.close()
