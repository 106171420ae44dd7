"""The `ledger` command as a user runs it: a separate process, real files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli import ledger, provision, provision_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = ledger("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "Krabi" in result.stdout
    assert "Composite" in result.stdout
    assert "ILLUSTRATIVE" in result.stdout
    return path


def scores_json(*args: str) -> list[dict[str, Any]]:
    result = ledger("scores", "--json", *args)
    assert result.returncode == 0, result.stderr
    loaded: list[dict[str, Any]] = json.loads(result.stdout)
    return loaded


def test_the_demo_certifies_all_six_andaman_agreements(demo_db: Path) -> None:
    tables = scores_json("--db", str(demo_db), "--round", "12m")
    assert sorted(t["unit_name_en"] for t in tables) == [
        "Andaman province group",
        "Krabi",
        "Phang Nga",
        "Phuket",
        "Ranong",
        "Trang",
    ]
    assert {t["status"] for t in tables} == {"certified"}
    ranong = next(t for t in tables if t["unit_id"] == "TH-85")
    # 3.6140 is hand-checked in tests/unit/test_scoring_tables.py; the paper SAR arrived
    # three working days late (Mon 3 - Wed 5 Nov 2014) at 0.0500 a day.
    assert ranong["composite_before_penalties"] == "3.6140"
    assert ranong["penalties"] == {"late-paper-sar-12m": "0.1500"}
    assert ranong["composite"] == "3.4640"


def test_the_demo_refuses_to_overwrite_and_gives_identical_scores_when_forced(
    demo_db: Path,
) -> None:
    before = scores_json("--db", str(demo_db))
    refused = ledger("demo", "--db", str(demo_db))
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    forced = ledger("demo", "--db", str(demo_db), "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    assert scores_json("--db", str(demo_db)) == before


def test_the_demo_is_the_same_commands_a_user_would_apply(demo_db: Path, tmp_path: Path) -> None:
    emitted = ledger("demo", "--emit")
    assert emitted.returncode == 0
    other = tmp_path / "replayed.sqlite"
    # The cast signs in and registers the six units (its unit grants need them).
    tokens, rest = provision_demo(other, emitted.stdout.splitlines())
    applied = ledger(
        "apply", "-", "--keep-going", "--db", str(other), "--token-file", str(tokens),
        stdin="\n".join(rest),
    )  # fmt: skip
    # The change season's three refusals are reported, recorded as attempts, and skipped.
    assert applied.returncode == 1
    assert applied.stderr.count("refused: line") == 3, applied.stderr
    # 203 more commands applied, one event each, plus the three refused attempts kept.
    # The emitted lines carry no what-if digest (it is computed on the store when the demo
    # sends that decision), so here CR-2557-05 is decided without one: the scores agree.
    assert "applied 203 commands, recorded 207 events, refused 3" in applied.stdout
    assert scores_json("--db", str(other)) == scores_json("--db", str(demo_db))


def test_apply_stops_at_the_first_refusal_and_keeps_what_came_before(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite"
    opdc = {"id": "o", "role": "opdc"}
    lines = [
        {
            "type": "register_unit",
            "actor": opdc,
            "unit_id": "TH-42",
            "name_th": "จังหวัดเลย",
            "name_en": "Loei",
            "level": "province",
        },
        {
            "type": "open_agreement",
            "actor": opdc,
            "unit_id": "TH-42",
            "fiscal_year": 2568,
            "framework_id": "fy2568-provinces",
        },
        {
            "type": "propose_kpi",
            "actor": opdc,
            "agreement": "TH-42/2568",
            "kpi_id": "A1",
            "title_th": "ก",
            "title_en": "a",
            "component": "1.1",
            "unit_of_measure": "%",
            "direction": "higher",
            "weight": "30",
            "thresholds": ["70", "60", "50"],
        },
        {
            "type": "open_agreement",
            "actor": opdc,
            "unit_id": "TH-43",
            "fiscal_year": 2568,
            "framework_id": "fy2568-provinces",
        },
    ]
    file = tmp_path / "commands.jsonl"
    file.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    tokens = provision(db, {"o": "opdc"})
    result = ledger("apply", str(file), "--db", str(db), "--token-file", str(tokens))
    assert result.returncode == 1
    assert "line 3" in result.stderr
    assert "field: criteria.thresholds" in result.stderr
    assert "rule: thresholds in order for the direction" in result.stderr
    history = ledger("history", "TH-42/2568", "--db", str(db), "--json")
    assert [row["event"] for row in json.loads(history.stdout)] == ["AgreementOpened"]


def test_env_var_selects_the_database_and_reads_have_json(demo_db: Path) -> None:
    env = {"LEDGER_DATABASE_URL": str(demo_db)}
    shown = ledger("show", "TH-83/2557", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    state = json.loads(shown.stdout)
    # Phuket's tourism KPI joins TAT's joint KPI; the committee tightened its P2.
    assert state["kpis"]["P1"]["terms"]["joint_id"] == "J-2557-TOURISM"
    assert state["kpis"]["P1"]["terms"]["joint_host"] == "TAT"
    assert state["kpis"]["P2"]["terms"]["thresholds"] == ["11", "10", "9", "8", "7"]
    history = json.loads(ledger("history", "TH-83/2557", "--json", env=env).stdout)
    assert history[0]["event"] == "AgreementOpened"
    assert all(row["recorded_at"] and row["effective_at"] for row in history)
    table = ledger("history", "TH-83/2557", env=env)
    assert "2557" in table.stdout  # Buddhist-Era dates in the table


def test_the_default_database_is_ledger_sqlite_in_the_working_directory(tmp_path: Path) -> None:
    default = {"LEDGER_DATABASE_URL": ""}
    missing = ledger("scores", cwd=tmp_path, env=default)
    assert missing.returncode == 1, missing.stderr
    assert "no ledger at 'ledger.sqlite'" in missing.stderr
    assert not (tmp_path / "ledger.sqlite").exists()
    names = ("--name-th", "ผู้ดูแล", "--name-en", "Administrator")
    made = ledger("users", "bootstrap", "admin", *names, cwd=tmp_path, env=default)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "ledger.sqlite").exists()
    signed_in = {**default, "LEDGER_TOKEN": made.stdout.strip()}
    added = ledger(
        "users", "add", "o", "--name-th", "ก", "--name-en", "O", env=signed_in, cwd=tmp_path
    )
    assert added.returncode == 0, added.stderr
    assert ledger("scores", cwd=tmp_path, env=default).returncode == 0


def test_unknown_agreement_is_an_error_not_a_crash(demo_db: Path) -> None:
    result = ledger("show", "TH-00/2557", "--db", str(demo_db))
    assert result.returncode == 1
    assert "agreement 'TH-00/2557' not found" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        "apply",
        "scores",
        "show",
        "history",
        "audit",
        "demo",
        "requests",
        "sar",
        "governor",
        "warnings",
        "as-of",
        "diff",
        "project",
        "rebuild",
    ],
)
def test_every_subcommand_explains_itself_and_takes_db(command: str) -> None:
    result = ledger(command, "--help")
    assert result.returncode == 0
    assert "--db" in result.stdout


def test_a_new_framework_is_a_new_file_not_new_code(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "ledger/frameworks/data/fy2568-provinces.toml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('id = "fy2568-provinces"', 'id = "fy2569-provinces"')
    text = text.replace("fiscal_year = 2568", "fiscal_year = 2569")
    (tmp_path / "fy2569.toml").write_text(text, encoding="utf-8")
    assert ledger("frameworks", "check", str(tmp_path / "fy2569.toml")).returncode == 0
    opdc = {"id": "o", "role": "opdc"}
    commands = "\n".join(
        json.dumps(c)
        for c in [
            {
                "type": "register_unit",
                "actor": opdc,
                "unit_id": "TH-42",
                "name_th": "เลย",
                "name_en": "Loei",
                "level": "province",
            },
            {
                "type": "open_agreement",
                "actor": opdc,
                "unit_id": "TH-42",
                "fiscal_year": 2569,
                "framework_id": "fy2569-provinces",
            },
        ]
    )
    env = {"LEDGER_FRAMEWORKS_DIR": str(tmp_path)}
    db = tmp_path / "l.sqlite"
    tokens = provision(db, {"o": "opdc"})
    applied = ledger(
        "apply", "-", "--db", str(db), "--token-file", str(tokens), stdin=commands, env=env
    )
    assert applied.returncode == 0, applied.stderr


def test_a_broken_framework_file_is_named_with_its_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nfiscal_year = "soon"\n', encoding="utf-8")
    result = ledger("frameworks", "check", str(bad))
    assert result.returncode == 1
    assert str(bad) in result.stderr
    assert "$.fiscal_year" in result.stderr


def audit_json(demo_db: Path) -> dict[str, dict[str, Any]]:
    result = ledger("audit", "--all", "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    return {report["agreement"]: report for report in json.loads(result.stdout)}


def test_the_demo_change_season_shows_in_the_audit(demo_db: Path) -> None:
    reports = audit_json(demo_db)
    assert {r["verdict"] for r in reports.values()} == {"clean"}
    krabi_p1 = next(k for k in reports["TH-81/2557"]["kpis"] if k["kpi_id"] == "P1")
    first, flood = krabi_p1["versions"]
    assert first["made_by"] == "negotiated, signed"
    assert flood["request_id"] == "CR-2557-01"
    assert flood["thresholds"] == ["2700", "2800", "2900", "3000", "3100"]
    assert flood["position"] > first["position"]
    attempts = {
        ref: [a["attempt"] for a in r["refused_attempts"]]
        for ref, r in reports.items()
        if r["refused_attempts"]
    }
    assert attempts == {
        "TH-81/2557": ["kpi_proposal"],
        "TH-83/2557": ["change_decision"],
        "TH-92/2557": ["change_request"],
    }
    (rule_1,) = reports["TH-83/2557"]["refused_attempts"]
    assert rule_1["rule"].startswith("rule 1")
    assert "K = 78" in rule_1["message"]
    phang_nga = {k["kpi_id"]: k for k in reports["TH-82/2557"]["kpis"]}
    assert phang_nga["P3"]["versions"][-1]["status"] == "cancelled"
    assert phang_nga["P1"]["versions"][-1]["weight"] == "22.5000"


def test_the_audit_table_names_the_verdict_and_the_refusals(demo_db: Path) -> None:
    result = ledger("audit", "TH-83/2557", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert "clean" in result.stdout
    assert "rule 1" in result.stdout
    assert "CR-2557-03" in result.stdout
    # Leaving the agreement out audits every one, as the registers read every agreement.
    every = ledger("audit", "--json", "--db", str(demo_db))
    assert every.stdout == ledger("audit", "--all", "--json", "--db", str(demo_db)).stdout
    assert len(json.loads(every.stdout)) > 1
    both = ledger("audit", "TH-83/2557", "--all", "--db", str(demo_db))
    assert both.returncode == 1
    assert "not both" in both.stderr


def test_the_appeal_was_upheld_and_the_round_recertified(demo_db: Path) -> None:
    result = ledger("history", "TH-92/2557", "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    events = [row["event"] for row in json.loads(result.stdout)]
    tail = ["AppealRequested", "AppealDecided", "ScoreAdjusted", "ScoresCertified"]
    assert events[-4:] == tail
    trang = next(t for t in scores_json("--db", str(demo_db), "TH-92/2557", "--round", "12m"))
    p1 = next(k for k in trang["kpis"] if k["kpi_id"] == "P1")
    assert p1["score"] == "2.6"
    assert trang["status"] == "certified"
