"""Reads catch their views up as the CLI does, but many at once: requests to two apps over one
store (two workers) race to apply the same new events to the same views while commands are
recorded, and every read still answers, and every view ends as a rebuild from the log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from litestar.testing import TestClient

from commands.handlers import HandlerContext
from commands.http.app import create_app
from commands.http.limits import RateLimit
from ledger.persistence.settings import Settings
from tests.builders import assess, at, fy2557_signed, run, sar
from tests.http.people import bearer, user_with_token
from tests.identity import bootstrap
from tests.views import catch_up_all, close_all, dumps, open_all, rebuilt

REF = "TH-81/2557"
BASE = "/api/agreements/TH-81/2557"
PATHS = [
    f"{BASE}/scores",
    f"{BASE}/history",
    f"{BASE}/audit",
    f"{BASE}/as-of?at=2999-01-01",
    "/api/registers/sar",
    "/api/registers/changes",
    "/api/warnings?all=true",
    "/api/agreements",
]
WRITES = [
    {**sar(REF, "6m", {"G1": "71"}), "effective_at": at("2014-04-29")},
    {**sar(REF, "9m", {"G1": "80", "P1": "72"}), "effective_at": at("2014-07-10")},
    assess(REF, "9m", {"G1": "78", "P1": "70"}),
    {**sar(REF, "12m", {"G1": "90", "P1": "88"}), "effective_at": at("2014-10-20")},
]


def test_two_workers_racing_to_catch_up_the_same_views_answer_and_leave_them_whole(
    settings: Settings, ctx: HandlerContext
) -> None:
    bootstrap(ctx)
    headers = bearer(user_with_token(ctx, "reader-1", [{"role": "auditor"}]))
    for command in fy2557_signed():
        run(ctx, command)
    limit = RateLimit(rate=10_000, burst=10_000)
    workers = [create_app(settings, rate_limit=limit) for _ in range(2)]
    with TestClient(workers[0]) as one, TestClient(workers[1]) as two:
        clients = (one, two)

        def read(n: int) -> list[int]:
            client = clients[n % 2]
            return [client.get(path, headers=headers).status_code for path in PATHS[n % 3 :]]

        with ThreadPoolExecutor(max_workers=8) as pool:
            reads = [pool.submit(read, n) for n in range(24)]
            for command in WRITES:
                run(ctx, command)
            statuses = [status for future in reads for status in future.result()]
        assert set(statuses) == {200}
        final = [c.get(f"{BASE}/scores", headers=headers).json() for c in clients]
    assert final[0] == final[1]
    assert [t["round_id"] for t in final[0]] == ["6m", "9m", "12m"]
    views = open_all(settings, ctx)
    try:
        catch_up_all(ctx, views)  # the views no read above touched (governor)
        assert dumps(views) == rebuilt(ctx, views)
    finally:
        close_all(views)
