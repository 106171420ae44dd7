"""How a demo store says what it is: its first event (the bootstrap) names the demo scenario,
and every read and verification repeats this notice, so no one takes its simulated recorded
times for the moments the ledger recorded them."""

from __future__ import annotations

__all__ = ["demo_notice"]


def demo_notice(scenario: str) -> str:
    """One line, English and Thai."""
    return (
        f"a demo store (ledger demo --scenario {scenario}): its recorded times are simulated, "
        "following the demo's year / ฐานข้อมูลสาธิต: เวลาที่บันทึกเป็นเวลาจำลองตามปีของการสาธิต"
    )
