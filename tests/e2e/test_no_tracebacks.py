"""Every error a user can cause ends in one line on stderr and the exit code of the one table
(ledger.errors.OUTCOMES), never a traceback; and reads never create a store."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.cli import LEDGER, beside_demo_note, ledger, provision_demo

AGREEMENT = "TH-81/2557"
AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
READS = [
    ["show", AGREEMENT],
    ["history", AGREEMENT],
    ["scores"],
    ["audit", "--all"],
    ["requests"],
    ["sar"],
    ["governor"],
    ["warnings"],
    ["as-of", AGREEMENT, "2014-09-30"],
    ["diff", AGREEMENT, "2014-04-01", "2014-10-30"],
    ["project"],
    ["rebuild", "--all"],
]


def said_once(result: subprocess.CompletedProcess[str], exit_code: int, *words: str) -> str:
    """The one error line, after checking the exit code and that nothing else went wrong."""
    stderr = result.stderr
    context = f"exit {result.returncode}, stderr:\n{stderr}"
    assert "Traceback" not in stderr, context
    assert result.returncode == exit_code, context
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, context
    for word in words:
        assert word in lines[0], context
    return lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "x.sqlite"
    assert ledger("demo", "--force", "--db", str(path)).returncode == 0
    return path


@pytest.fixture
def outside_tmp() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="ledger-e2e-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("read", READS, ids=lambda args: args[0])
def test_a_read_of_a_store_that_is_not_there_says_so_and_creates_nothing(
    read: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "mistyped.sqlite"
    said_once(ledger(*read, "--db", str(missing)), 1, "not-found", "no ledger at", "--db")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "read", [["verify"], ["export", "OUT"], ["prove", "1"]], ids=lambda args: args[0]
)
def test_verify_and_export_of_a_store_that_is_not_there_create_nothing(
    read: list[str], tmp_path: Path
) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else a for a in read]
    said_once(ledger(*args, "--db", str(tmp_path / "mistyped.sqlite")), 1, "no ledger at")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "exit_code", "words"),
    [
        ("ftp://x", 1, ("invalid-input", "--db")),
        ("postgresql://h:notaport/x", 1, ("invalid-input", "port", "--db")),
        ("postgresql://h/x?pool_size=many", 1, ("invalid-input", "pool_size")),
        ("postgresql://postgres@127.0.0.1:1/x", 6, ("store-unavailable", "127.0.0.1:1", "down")),
    ],
    ids=["unknown scheme", "bad port", "bad pool size", "closed port"],
)
def test_a_bad_or_unreachable_database_url_is_one_line(
    url: str, exit_code: int, words: tuple[str, ...]
) -> None:
    said_once(ledger("scores", "--db", url), exit_code, *words)


def test_a_missing_postgres_database_is_named() -> None:
    try:
        psycopg.connect("host=127.0.0.1 port=5432 user=postgres connect_timeout=3").close()
    except psycopg.Error:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    url = "postgresql://postgres@127.0.0.1:5432/no_such_ledger_db"
    said_once(ledger("scores", "--db", url), 1, "not-found", "no_such_ledger_db")
    url = "postgresql://no_such_ledger_role@127.0.0.1:5432/postgres"
    said_once(ledger("scores", "--db", url), 6, "store-unavailable", "no_such_ledger_role")


def test_a_corrupted_store_is_an_integrity_failure(tmp_path: Path) -> None:
    corrupted = tmp_path / "x.sqlite"
    corrupted.write_bytes(os.urandom(8192))
    said_once(ledger("show", AGREEMENT, "--db", str(corrupted)), 4, "integrity", "corrupted")
    said_once(ledger("scores", "--db", str(corrupted)), 4, "integrity")


def _read_only_copy(demo_db: Path, folder: Path, folder_mode: int) -> Path:
    store = folder / "store" / "x.sqlite"
    store.parent.mkdir()
    shutil.copy(demo_db, store)
    store.chmod(0o444)
    store.parent.chmod(folder_mode)
    return store


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
@pytest.mark.parametrize("folder_mode", [0o555, 0o777], ids=["read-only folder", "0444 file"])
def test_a_read_only_store_can_be_read_by_a_user_who_cannot_write_it(
    demo_db: Path, outside_tmp: Path, folder_mode: int
) -> None:
    store = _read_only_copy(demo_db, outside_tmp, folder_mode)
    before = store.read_bytes()
    for read in (["show", AGREEMENT], ["history", AGREEMENT], ["scores"], ["audit", "--all"]):
        result = ledger(*read, "--db", str(store), prefix=tuple(AS_NOBODY))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert store.read_bytes() == before
    assert stat.S_IMODE(store.stat().st_mode) == 0o444


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
def test_a_read_only_store_can_be_verified(demo_db: Path, outside_tmp: Path) -> None:
    store = _read_only_copy(demo_db, outside_tmp, 0o555)
    key = outside_tmp / "log.vkey"
    shutil.copy(demo_db.parent / "x.keys" / "log.vkey", key)
    key.chmod(0o444)
    result = ledger("verify", "--key", str(key), "--db", str(store), prefix=tuple(AS_NOBODY))
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
def test_writing_to_a_read_only_store_is_one_line(demo_db: Path, outside_tmp: Path) -> None:
    store = _read_only_copy(demo_db, outside_tmp, 0o555)
    command = ledger("demo", "--emit").stdout.splitlines()[0]
    result = ledger("apply", "--db", str(store), "-", stdin=command, prefix=tuple(AS_NOBODY))
    said_once(result, 6, "store-unavailable")


def _small_disk() -> None:
    # The file-size limit makes writes fail as a full disk does (SQLite: EFBIG, not a signal).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))


def test_a_full_disk_while_applying_is_one_line(tmp_path: Path) -> None:
    store = tmp_path / "x.sqlite"
    tokens, rest = provision_demo(store, ledger("demo", "--emit").stdout.splitlines())
    result = ledger(
        "apply", "--db", str(store), "--token-file", str(tokens), "-",
        stdin="\n".join(rest), preexec_fn=_small_disk,
    )  # fmt: skip
    said_once(result, 6, "store-unavailable")


@pytest.mark.parametrize(
    "content", [b"garbage\n", os.urandom(64), b""], ids=["text", "binary", "empty"]
)
def test_a_malformed_key_file_is_invalid_input(
    demo_db: Path, tmp_path: Path, content: bytes
) -> None:
    key = tmp_path / "bad.vkey"
    key.write_bytes(content)
    said_once(ledger("verify", "--key", str(key), "--db", str(demo_db)), 1, "--key")


@pytest.mark.parametrize(
    "args", [["no-such-command"], ["scores", "--no-such-option"], ["show"]], ids=str
)
def test_a_wrong_command_line_is_a_usage_error(args: list[str]) -> None:
    said_once(ledger(*args), 2, "usage")


def test_a_reader_that_goes_away_ends_the_command_quietly(demo_db: Path) -> None:
    for extra in ([], ["--json"]):
        reading = subprocess.Popen(
            [LEDGER, "history", AGREEMENT, *extra, "--db", str(demo_db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert reading.stdout is not None
        assert reading.stderr is not None
        reading.stdout.close()
        stderr = reading.stderr.read()
        reading.stderr.close()
        assert reading.wait(timeout=60) == 141
        assert beside_demo_note(stderr.decode()) == ""


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(tmp_path: Path) -> None:
    program = (
        "import sys, click\n"
        "from commands.cli import main\n"
        "main.cli.add_command(click.Command('boom', callback=lambda: 1 / 0))\n"
        "sys.argv = ['ledger', 'boom']\n"
        "main.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LEDGER_LOG_DIR": str(tmp_path / "logs")},
        check=False,
    )
    line = said_once(result, 70, "internal", "ZeroDivisionError")
    log = tmp_path / "logs" / "errors.log"
    assert str(log) in line
    logged = log.read_text()
    assert "Traceback" in logged
    assert "ZeroDivisionError" in logged
