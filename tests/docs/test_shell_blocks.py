"""Every shell block in README.md and docs/*.md runs, so a walkthrough that cannot run fails
the suite (issue 18, point 6; the eventsourcing project tests its docs the same way).

The convention, also in docs/ARCHITECTURE.md ("How the docs are tested"):

- **What runs.** Fenced blocks marked ``sh``, ``bash``, ``shell`` or ``console``. In a
  ``console`` block only the ``$ `` lines run (with the lines that continue them); the other
  lines are output shown to the reader and are not compared. Blocks marked ``text``,
  ``json``, ``sql`` or nothing are output, data or SQL, and never run.
- **Where.** Each document gets one scratch folder; its blocks run there in document order,
  each under ``bash -euo pipefail``, and must exit 0. Variables a block exports are seen by
  the later blocks of the document, as in one shell; nothing else carries over. The folder
  holds ``.venv``, a link to the environment running the tests (as a checkout does after
  ``make install``), and PATH starts with its ``bin/``. HOME is a folder of the run's own,
  and no ``LEDGER_*``, ``PG*`` or ``XDG_*`` variable of the person running the tests leaks in.
- **A refusal shown on purpose** is written so the block still exits 0 and reads well:
  ``ledger verify ... || echo "exit $?"``.
- **make.** ``make TARGET`` runs as ``make --dry-run`` in the repository: the target must
  exist, and nothing is built or run (the README's ``make test`` is this very suite).
- **Servers.** A block may start ``ledger serve ... &`` in the background (and wait for it,
  e.g. ``curl --retry-connrefused ... /ready``); later blocks of the document may use it.
  Whatever the blocks leave running is stopped (SIGTERM to each block's process group) at the
  document's end. Port 8000 in a block (``--port 8000``, ``:8000``) is replaced by a free port
  of the document's own, so a test run never meets a server someone else is running.
- **PostgreSQL.** A block that names ``$PGDATABASE`` uses PostgreSQL's own variables, as a
  reader does (``export PGHOST=... PGUSER=... PGDATABASE=...``). For such a document the test
  creates a fresh database on the suite's server (``LEDGER_TEST_POSTGRES_URL``, else
  ``postgresql://postgres@127.0.0.1:5432/test``), sets ``PGHOST``, ``PGPORT``, ``PGUSER`` and
  ``PGDATABASE`` to it, and drops it (and any ``<name>_...`` database the blocks made) at the
  end. Without a server the document's blocks are skipped (failed with ``CI=true``), as every
  PostgreSQL test is.
- **Skipping.** A block that must not or cannot run in a scratch folder has, as the last line
  before its fence, ``<!-- docs-test: skip (REASON) -->``. The reason is mandatory and a test
  checks it; keep skips rare (a second PostgreSQL server; a state the demo never leaves).

Run a document whole (``-k README``): a block on its own lacks what the blocks before it made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs.blocks import Block, markers, shell_blocks
from tests.docs.session import DocumentSession, uses_postgres

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _name(document: Path) -> str:
    return str(document.relative_to(ROOT))


def _cases() -> Iterator[tuple[Path, Block, bool]]:
    """Each block that runs (a block marked skip is no test: its marker's reason is checked
    below), and whether it is the last its document runs (the document ends after it)."""
    for document in DOCUMENTS:
        blocks = shell_blocks(document.read_text(encoding="utf-8"))
        run = [block for block in blocks if block.skip is None]
        for block in run:
            yield document, block, block is run[-1]


CASES = list(_cases())
# A document any of whose blocks names $PGDATABASE gets its database before its first block.
ON_POSTGRES = {document for document, block, _ in CASES if uses_postgres(block.script)}


@pytest.fixture(scope="session")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Path, DocumentSession]]:
    opened: dict[Path, DocumentSession] = {}
    yield opened
    for session in opened.values():
        session.close()


def _session_for(
    document: Path, sessions: dict[Path, DocumentSession], factory: pytest.TempPathFactory
) -> DocumentSession:
    if document not in sessions:
        label = _name(document).replace("/", "-")
        sessions[document] = DocumentSession(
            _name(document), factory.mktemp(f"{label}-scratch"), factory.mktemp(f"{label}-run")
        )
    return sessions[document]


@pytest.mark.parametrize(
    ("document", "block", "last"),
    CASES,
    ids=[f"{_name(document)}:{block.line}" for document, block, _ in CASES],
)
def test_the_block_runs(
    document: Path,
    block: Block,
    last: bool,
    sessions: dict[Path, DocumentSession],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    session = _session_for(document, sessions, tmp_path_factory)
    if document in ON_POSTGRES:
        session.create_database()
    try:
        outcome = session.run(block.script)
    finally:
        if last:
            session.close()
    if outcome.returncode == 0:
        return
    failure = (
        f"{_name(document)}, the block at line {block.line} exited {outcome.returncode} "
        f"(scratch folder {session.scratch}):\n{block.script}\n--- stderr:\n{outcome.stderr}"
        f"\n--- stdout (end):\n{outcome.stdout[-2000:]}"
    )
    pytest.fail(failure, pytrace=False)


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_marker_is_a_skip_with_a_reason_before_a_shell_block(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    placed = {block.marker.line for block in shell_blocks(text) if block.marker is not None}
    for marker in markers(text):
        where = f"{_name(document)}:{marker.line}"
        assert marker.reason is not None, f"{where}: write <!-- docs-test: skip (REASON) -->"
        assert marker.line in placed, f"{where}: a marker must be the last line before a block"


def test_the_readme_opens_with_the_two_commands() -> None:
    first = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:4]
    assert first[0] == "```sh"
    assert first[1].startswith("make demo ")
    assert first[2].startswith("make test ")
    assert first[3] == "```"
