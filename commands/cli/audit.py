"""``ledger audit``: the target integrity report."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

import click

from commands.cli.csv_integrity import AUDIT
from commands.cli.csv_out import print_csv
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import print_json, print_json_array
from commands.cli.render_audit import print_audit
from commands.cli.suggest import agreement_not_found
from commands.cli.views import ViewReader, catch_up_option
from ledger.errors import InvalidInput
from ledger.integrity.files import safe_file_name
from projections.audit import AgreementAudit
from projections.integrity import read_integrity

__all__ = ["audit"]


@click.command()
@click.argument("agreement", required=False)
@click.option(
    "--all",
    "all_agreements",
    is_flag=True,
    help="Every agreement in the ledger (what leaving AGREEMENT out does, as for the registers).",
)
@click.option(
    "--proofs",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write a proof bundle per target change into this folder: the change and every "
    "result known before it, against the latest signed checkpoint.",
)
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def audit(
    agreement: str | None,
    all_agreements: bool,
    proofs: Path | None,
    database: str | None,
    stale: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Prove targets were not reset after results were known.

    For AGREEMENT (UNIT/FISCAL_YEAR), or every agreement when it is left out: every version
    of every KPI's target (criteria, weight) with its effective and recorded time and log
    position, the request and decision that made it, the results the ledger held at that
    moment, and rule 1's flags; the change requests, refused attempts, and a verdict per
    agreement (clean, or its findings).

    With --proofs DIR, each target change gets a bundle that `ledger verify-proof` checks
    offline: its leaf index after those of the results, so "result recorded, then target
    changed" is proven, not asserted.
    """
    if agreement is not None and all_agreements:
        raise InvalidInput(
            "name one AGREEMENT or pass --all, not both",
            field="AGREEMENT",
            rule="audit one agreement or all of them",
        )
    if agreement is None:
        _audit_all(database, stale=stale, as_json=as_json, as_csv=as_csv, proofs=proofs)
        return
    reader = ViewReader(database)
    with reader.view("integrity", stale=stale).view.reading() as docs:
        reports = read_integrity(docs, agreement)
    if not reports:
        raise agreement_not_found(reader.ctx.app, agreement)
    if as_csv:
        print_csv(AUDIT, reports)
    elif as_json:
        print_json(reports)
    else:
        print_audit(reports)
    if proofs is not None:
        for path in write_change_proofs(reports, proofs, database):
            click.echo(f"proof: {path}", err=True)


def _audit_all(
    database: str | None, *, stale: bool, as_json: bool, as_csv: bool, proofs: Path | None
) -> None:
    """Every agreement's report, printed as it is read from the view a chunk at a time (the
    ``report`` documents ``read_integrity`` reads); the proofs from a second pass over the
    view in the same transaction, so neither pass holds every report."""
    with ViewReader(database).view("integrity", stale=stale).view.reading() as docs:
        reports = (report for _, report in docs.stream("report", AgreementAudit))
        if as_csv:
            print_csv(AUDIT, reports)
        elif as_json:
            print_json_array(reports)
        else:
            print_audit(reports)
        if proofs is not None:
            again = (report for _, report in docs.stream("report", AgreementAudit))
            for path in write_change_proofs(again, proofs, database):
                click.echo(f"proof: {path}", err=True)


def write_change_proofs(
    reports: Iterable[AgreementAudit], directory: Path, database: str | None
) -> list[Path]:
    """One bundle per target version a change request made: the change and the results
    the ledger held before it."""
    # Imported here: the Merkle log and its keys are needed only with --proofs.
    from commands.cli.merkle_log import caught_up_log
    from ledger.integrity.proving import make_bundle

    log = caught_up_log(database)
    directory.mkdir(parents=True, exist_ok=True)
    inside = directory.resolve()
    written = []
    for report in reports:
        for kpi in report.kpis:
            for version in kpi.versions:
                if version.request_id is None:
                    continue
                positions = [version.position, *(r.position for r in version.results_known)]
                bundle = make_bundle(log, [log.locate(str(p)) for p in positions])
                stem = f"{report.agreement}-{kpi.kpi_id}-v{version.number}"
                path = directory / f"{safe_file_name(stem)}.proof.json"
                _write_inside(inside, path, bundle.encode())
                written.append(path)
    return written


def _write_inside(inside: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` only if it names a file directly in ``inside``, never
    through a link planted there (O_NOFOLLOW)."""
    if path.parent.resolve() != inside or path.name in ("", ".", ".."):
        raise InvalidInput(
            f"{path} would be written outside {inside}",
            field="--proofs",
            rule="proof bundles are written inside the --proofs folder",
        )
    # O_NONBLOCK: a FIFO planted under the name fails to open instead of waiting for a reader.
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        descriptor = os.open(inside / path.name, flags, 0o644)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            raise OSError(0, "not a regular file")
        os.ftruncate(descriptor, 0)
    except OSError as error:
        raise InvalidInput(
            f"cannot write {path}: {error.strerror}",
            field="--proofs",
            rule="proof bundles are written as regular files inside the --proofs folder",
        ) from error
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
