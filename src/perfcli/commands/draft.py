"""`perfcli draft-report`: the committee report and its Appendix A, from the Word template."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.periods import Period
from perfcli.present.console import Env
from perfcli.report.builder import Drafted
from perfcli.report.corporate import DraftedCompendium


def run(
    env: Env,
    committee_name: str,
    *,
    workspace: Path | None,
    period: Period | None,
    output: Path | None,
    force: bool,
) -> Drafted | DraftedCompendium:
    drafted = Workspace.open(workspace).draft_report(
        committee_name, period=period, output=output, force=force
    )
    if isinstance(drafted, DraftedCompendium):
        env.say(f"✔ Drafted the compendium for {drafted.period.display} ({drafted.period.long})")
        env.say(
            f"  {drafted.indicators} indicators in {drafted.themes} themes, {drafted.charts} charts"
        )
        env.say(f"  written to {drafted.output}")
    else:
        _summary(env, drafted)
    return drafted


def _summary(env: Env, drafted: Drafted) -> None:
    console, report = env.out, drafted.period
    console.print(f"✔ Drafted the report for {report.display} ({report.long})", markup=False)
    console.print(
        f"  {drafted.measures} measures, {drafted.paragraphs} drafted paragraphs, "
        f"{drafted.tables} Appendix A tables",
        markup=False,
    )
    for mid in drafted.left_out:
        console.print(
            f"  left out of the Performance Update: {mid} (in no section of the committee)",
            markup=False,
        )
    console.print(f"  written to {drafted.output}", markup=False)
