"""An ML-DSA-44 witness from the command line: ``keys generate --algorithm ml-dsa-44`` writes
keys that load, its cosignature is kept by ``checkpoint attach``, and ``verify`` accepts it
through ``--witness`` and through a trust policy (tlog-cosignature type 0x06)."""

from __future__ import annotations

import base64
from pathlib import Path

from ledger.integrity.keys import MLDSA_COSIGNATURE, read_signer, read_verifier
from tests.cli import ledger, provision

WITNESS = "witness.oag.example.go.th"


def test_keys_generate_makes_an_mldsa_witness_key_that_loads(tmp_path: Path) -> None:
    made = ledger(
        "keys", "generate", WITNESS, "--witness", "--algorithm", "ml-dsa-44",
        "--dir", str(tmp_path),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    private, public = tmp_path / f"{WITNESS}.key", tmp_path / f"{WITNESS}.vkey"
    assert private.stat().st_mode & 0o777 == 0o600
    signer, verifier = read_signer(private), read_verifier(public)
    assert signer.verifier == verifier
    assert (verifier.key_type, verifier.kind, len(verifier.public)) == (0x06, "witness", 1312)
    assert made.stdout.strip() == verifier.text()
    seed_form = base64.b64decode(private.read_text().strip().split("+", 4)[4])
    assert (seed_form[0], len(seed_form)) == (MLDSA_COSIGNATURE, 33)


def test_an_mldsa_log_key_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    refused = ledger(
        "keys", "generate", "ledger.example/fy2568", "--algorithm", "ml-dsa-44",
        "--dir", str(tmp_path / "keys"),
    )  # fmt: skip
    assert refused.returncode == 1, refused.stderr
    assert "field: --algorithm" in refused.stderr
    assert "add --witness" in refused.stderr
    assert not (tmp_path / "keys").exists()


def test_an_mldsa_cosignature_is_attached_and_verified(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    provision(db, {})
    keys = tmp_path / "keys"
    assert ledger("keys", "generate", "ledger.example/fy2568", "--dir", str(keys)).returncode == 0
    made = ledger(
        "keys", "generate", WITNESS, "--witness", "--algorithm", "ml-dsa-44", "--dir", str(keys)
    )
    assert made.returncode == 0, made.stderr
    log_key, log_vkey = keys / "ledger.example_fy2568.key", keys / "ledger.example_fy2568.vkey"
    head, cosigned = tmp_path / "head.note", tmp_path / "cosigned.note"
    signed = ledger("checkpoint", "--db", db, "--key", str(log_key), "--out", str(head))
    assert signed.returncode == 0, signed.stderr
    witnessed = ledger(
        "witness", "cosign", str(head), "--state", str(tmp_path / "state.json"),
        "--key", str(keys / f"{WITNESS}.key"), "--log-key", str(log_vkey),
        "--db", db, "--out", str(cosigned),
    )  # fmt: skip
    assert witnessed.returncode == 0, witnessed.stderr
    line = cosigned.read_text().splitlines()[-1]
    assert line.startswith(f"\N{EM DASH} {WITNESS} ")
    assert len(base64.b64decode(line.split(" ")[2])) == 4 + 8 + 2420
    vkey = str(keys / f"{WITNESS}.vkey")
    attached = ledger("checkpoint", "attach", str(cosigned), "--witness", vkey, "--db", db)
    assert attached.returncode == 0, attached.stderr

    by_key = ledger("verify", "--db", db, "--key", str(log_vkey), "--witness", vkey)
    assert by_key.returncode == 0, by_key.stdout + by_key.stderr
    assert "Everything holds." in by_key.stdout
    policy = tmp_path / "trust.policy"
    policy.write_text(
        f"log {log_vkey.read_text().strip()}\n"
        f"witness oag {Path(vkey).read_text().strip()}\n"
        "quorum oag\n"
    )
    by_policy = ledger("verify", "--db", db, "--trust", str(policy))
    assert by_policy.returncode == 0, by_policy.stdout + by_policy.stderr
    assert "Everything holds." in by_policy.stdout

    bundle = tmp_path / "bundle.json"
    proved = ledger("prove", "1", "--out", str(bundle), "--db", db)
    assert proved.returncode == 0, proved.stderr
    offline = ledger("verify-proof", str(bundle), "--key", str(log_vkey), "--witness", vkey)
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert f"Cosigned by {WITNESS}" in offline.stdout
