"""Web page render time on the demo year and on a 100,000-event store, in one run.

    python -m bench.web_pages [--events 100000] [--requests 50] [--json PATH]

Two SQLite stores, each sealed with a log key of its own and its views caught up
(``ledger project``) before it is served:

- **A, the demo**: the Andaman FY2557 year (``tests.web.world.build_world``, what the web
  tests run on); the agreement is ``TH-81/2557``;
- **B, national**: ``bench.generate`` (seed 0) at about ``--events`` events, ingested as the
  national harness does (``apply_lines``, 500 lines a batch, each line entered by
  ``enterer_of``); the agreement is a generated copy of the same province year,
  ``TH-81-00000/2557`` by default (``--unit``).

Each store is served by ``ledger serve`` (one worker, 127.0.0.1). One ``httpx`` client signs
in through the form, once as OPDC's secretariat (``opdc-secretariat``: may read every
agreement) and once as the province's own office (``UNIT-office``: its unit only), and for each
asks for each page once (not counted; a page still answering 404 is skipped and noted), then
``--requests`` times in a row. Prints a Markdown table (p50 and p95 ms per page and store,
the answer's size, and the ratio B/A of p95: pages must not slow down as the log grows).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec

from bench.generate import default_token_expiry, enterer_of, generate_lines
from bench.generator_cast import ADMIN, office
from bench.national_runs import LEDGER, machine
from commands.authentication import new_token
from commands.cli.apply import apply_lines
from commands.decoding import decode_command
from commands.demo.common import OPDC, evidence_content
from commands.handlers import HandlerContext, handle
from commands.messages import AnyCommand
from commands.wiring import build_context
from ledger.integrity.keys import generate, write_signer
from ledger.integrity.log import TransparencyLog
from ledger.persistence.settings import Settings
from ledger.thaidate import utc_now
from tests.http.live import serving
from tests.web.world import build_world

__all__ = ["PAGES", "main"]

Figures = dict[str, Any]
INGEST_BATCH = 500
OPDC_USER = OPDC["id"]
DEMO_UNIT = "TH-81"
# (name, path): {unit} is the agreement's unit, {kpi} a KPI with a changed target.
PAGES = (
    ("agreements list, filtered to the unit", "/agreements?unit={unit}"),
    ("agreement", "/agreements/{unit}/2557"),
    ("KPI timeline", "/agreements/{unit}/2557/kpis/{kpi}"),
    ("target integrity", "/agreements/{unit}/2557/integrity"),
    ("SAR register, filtered", "/registers/sar?agreement={unit}/2557"),
    ("checkpoints", "/checkpoints"),
    ("checkpoints, the agreement's events", "/checkpoints?agreement={unit}/2557"),
)


def _viewers(unit: str) -> dict[str, str]:
    """Who reads, by label: OPDC (every agreement) and the unit's own office."""
    return {"opdc": OPDC_USER, "office": office(unit)}


def _demo_store(folder: Path) -> tuple[Settings, dict[str, str]]:
    """Store A: the demo year, sealed; the readers' tokens from the demo's cast."""
    folder.mkdir()
    world = build_world(folder, Settings(database=str(folder / "demo.sqlite")))
    return world.settings, {k: world.tokens[u] for k, u in _viewers(DEMO_UNIT).items()}


def _national_store(
    folder: Path, events: int, unit: str
) -> tuple[Settings, dict[str, str], Figures]:
    """Store B: the generated history ingested in batches of 500, a token for each reader
    issued by the administrator, the evidence the history cites stored, the log sealed."""
    folder.mkdir()
    settings = Settings(database=str(folder / "national.sqlite"))
    ctx = build_context(settings)
    contexts: dict[str, HandlerContext] = {}

    def entering(command: AnyCommand) -> HandlerContext:
        user = enterer_of(command)
        if user not in contexts:
            contexts[user] = ctx.entering(user)
        return contexts[user]

    units = max(1, events // 28)  # bench.generate's --events rule (EVENTS_PER_UNIT)
    lines = list(generate_lines(units, 0, default_token_expiry()))
    started = time.perf_counter()
    summary = apply_lines(ctx, lines, keep_going=True, entering=entering, batch_size=INGEST_BATCH)
    ingest = time.perf_counter() - started
    tokens = {k: _issue_token(ctx, u) for k, u in _viewers(unit).items()}
    log = TransparencyLog(ctx.app)
    for name in sorted(_evidence_names(lines)):
        log.records.add_evidence(evidence_content(name))
    key = generate("bench-web-pages-log", "log")
    write_signer(key, folder / "log.key")
    started = time.perf_counter()
    log.catch_up()
    log.sign_head(key)
    sealing = time.perf_counter() - started
    ctx.app.close()
    figures = {
        "lines": len(lines),
        "events_recorded": summary.events,
        "refused_lines": len(summary.refused),
        "ingest_seconds": round(ingest, 1),
        "seal_seconds": round(sealing, 1),
    }
    return msgspec.structs.replace(settings, log_key=str(folder / "log.key")), tokens, figures


def _issue_token(ctx: HandlerContext, user_id: str) -> str:
    """A token for ``user_id``, issued by the generated cast's administrator (as
    ``ledger users token`` does)."""
    token = new_token()
    command = {
        "type": "issue_token",
        "actor": ADMIN,
        "user_id": user_id,
        "token_id": token.token_id,
        "secret_sha256": token.sha256,
        "expires_at": (utc_now() + timedelta(days=30)).isoformat(),
    }
    handle(ctx.entering(ADMIN["id"]), decode_command(msgspec.json.encode(command)))
    return token.token


def _evidence_names(lines: list[str]) -> set[str]:
    names: set[str] = set()
    for line in lines:
        if '"evidence"' in line:
            names.update(e["file_name"] for e in json.loads(line).get("evidence", []))
    return names


def _log_rows(settings: Settings) -> int:
    ctx = build_context(msgspec.structs.replace(settings, access="read", log_key=None))
    try:
        return int(ctx.app.head())
    finally:
        ctx.app.close()


def _project(settings: Settings) -> float:
    """Catch every view up to the log's head (``ledger project``), so that no timed request
    (nor the warm-up) pays for building the views."""
    started = time.perf_counter()
    subprocess.run(
        [LEDGER, "project", "--db", settings.database],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _signed_in(url: str, token: str) -> httpx.Client:
    """A client signed in through the form: the CSRF cookie from GET /login, then the POST."""
    client = httpx.Client(base_url=url, timeout=600, follow_redirects=False)
    client.get("/login").raise_for_status()
    csrf = client.cookies["ledger_csrf"]
    answer = client.post("/login", data={"token": token, "_csrf_token": csrf})
    if answer.status_code != 303:
        raise RuntimeError(f"sign-in refused: {answer.status_code} {answer.text[:500]}")
    return client


def _time_pages(client: httpx.Client, unit: str, kpi: str, requests: int) -> Iterator[Figures]:
    for name, template in PAGES:
        path = template.format(unit=unit, kpi=kpi)
        first = client.get(path)
        if first.status_code != 200:
            yield {"page": name, "path": path, "skipped": f"answered {first.status_code}"}
            continue
        times: list[float] = []
        for _ in range(requests):
            started = time.perf_counter()
            answer = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200:
                raise RuntimeError(f"{path} answered {answer.status_code}")
        yield {
            "page": name,
            "path": path,
            "kb": round(len(first.content) / 1024, 1),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(statistics.quantiles(times, n=20)[18], 1),
            "ms": [round(t, 2) for t in times],
        }


def _measure(
    label: str,
    settings: Settings,
    tokens: dict[str, str],
    unit: str,
    args: argparse.Namespace,
    folder: Path,
) -> Figures:
    project = _project(settings)
    readers: dict[str, list[Figures]] = {}
    with serving(settings, folder, tokens) as live:
        for reader, token in tokens.items():
            client = _signed_in(live.url, token)
            try:
                readers[reader] = list(_time_pages(client, unit, args.kpi, args.requests))
            finally:
                client.close()
            print(f"{label}, {reader}: measured", file=sys.stderr)
    return {
        "agreement": f"{unit}/2557",
        "kpi": args.kpi,
        "log_rows": _log_rows(settings),
        "project_seconds": round(project, 1),
        "readers": {k: {"user": u, "pages": readers[k]} for k, u in _viewers(unit).items()},
    }


def _table(stores: dict[str, Figures]) -> list[str]:
    demo, national = stores["demo"], stores["national"]
    out = [
        f"Store A (demo): {demo['log_rows']:,} log rows, {demo['agreement']}; "
        f"store B (national): {national['log_rows']:,} log rows, {national['agreement']} "
        f"(ingest: {national['ingest']}).",
        "",
        "| page | reader | A p50 ms | A p95 ms | B p50 ms | B p95 ms | A / B KB | B/A p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for reader in demo["readers"]:
        pairs = zip(
            demo["readers"][reader]["pages"], national["readers"][reader]["pages"], strict=True
        )
        for a, b in pairs:
            if "skipped" in a or "skipped" in b:
                why = a.get("skipped") or b.get("skipped")
                out.append(f"| {a['page']} | {reader} | skipped: {why} | | | | | |")
                continue
            out.append(
                f"| {a['page']} | {reader} | {a['p50_ms']} | {a['p95_ms']} | {b['p50_ms']} "
                f"| {b['p95_ms']} | {a['kb']} / {b['kb']} | x{b['p95_ms'] / a['p95_ms']:.2f} |"
            )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--unit", default="TH-81-00000", help="store B's agreement's unit")
    parser.add_argument("--kpi", default="P1", help="the timeline's KPI (changed in the year)")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        settings, tokens = _demo_store(folder / "demo")
        demo = _measure("demo", settings, tokens, DEMO_UNIT, args, folder)
        settings, tokens, ingest = _national_store(folder / "national", args.events, args.unit)
        national = _measure("national", settings, tokens, args.unit, args, folder)
    stores = {"demo": demo, "national": {**national, "ingest": ingest}}
    for line in _table(stores):
        print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        result = {"machine": machine(None), "requests": args.requests, "stores": stores}
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
