"""``ledger joint``: joint KPIs, their host, participants and the one shared result."""

from __future__ import annotations

import click

from commands.cli.csv_links import JOINT, JOINTS
from commands.cli.csv_out import print_csv
from commands.cli.options import csv_option, db_option, json_option, read_db_option
from commands.cli.render import print_json, print_json_array
from commands.cli.render_joint import print_joint, print_joints
from commands.cli.suggest import recorded_ids
from commands.cli.views import ViewReader, catch_up_option
from ledger.suggestions import not_found
from projections.joints import JointEntry, participant_counts, read_joint, read_joints

__all__ = ["joint"]


@click.group()
def joint() -> None:
    """Joint KPIs: one result, filed by the host agency, counted in every participating
    agreement."""


@joint.command("list")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def joint_list(database: str | None, stale: bool, as_json: bool, as_csv: bool) -> None:
    """Every joint KPI: its measure, host, year and how many KPIs in force join it."""
    with ViewReader(database).view("joints", stale=stale).view.reading() as docs:
        counts = participant_counts(docs)
        if as_csv:
            streamed = (entry for _, entry in docs.stream("entry", JointEntry))
            print_csv(JOINTS, ((e, counts.get(e.joint_id, 0)) for e in streamed))
            return
        if as_json:
            # The entries (what read_joints reads) printed as they are read; only the
            # counts per joint KPI are held.
            streamed = (entry for _, entry in docs.stream("entry", JointEntry))
            print_json_array(
                {"participants": counts.get(e.joint_id, 0), "joint": e} for e in streamed
            )
            return
        entries = read_joints(docs)
    print_joints(entries, counts)


@joint.command("show")
@click.argument("joint_id")
@db_option()
@read_db_option
@catch_up_option
@json_option
@csv_option
def joint_show(
    joint_id: str, database: str | None, stale: bool, as_json: bool, as_csv: bool
) -> None:
    """JOINT_ID's host, measure, participants (KPI, weight, criteria) and per round the
    filed, verified and adjusted shared result, with the appeals on it."""
    reader = ViewReader(database)
    with reader.view("joints", stale=stale).view.reading() as docs:
        found = read_joint(docs, joint_id)
    if found is None:
        known = recorded_ids(reader.ctx.app, "joint")
        rule = "joint KPI must be defined first"
        raise not_found("joint KPI", joint_id, known, field="JOINT_ID", rule=rule)
    if as_csv:
        print_csv(JOINT, [found])
    elif as_json:
        print_json(found)
    else:
        print_joint(found)
