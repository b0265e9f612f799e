"""`perfcli draft-report` and `perfcli template check`: draft the report, say what was written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfcli.api import Workspace
from perfcli.errors import ExitStatus
from perfcli.periods import Period
from perfcli.present.console import Env
from perfcli.report.builder import Drafted

if TYPE_CHECKING:  # a committee's report never loads the compendium's modules
    from perfcli.report.corporate import DraftedCompendium


def run(
    env: Env,
    committee: str,
    *,
    workspace: Path | None,
    period: Period | None,
    output: Path | None,
    force: bool,
    meeting_date: str | None = None,
    pdf: bool = False,
    final: bool = False,
) -> Drafted | DraftedCompendium:
    drafted = Workspace.open(workspace).draft_report(
        committee,
        period=period,
        output=output,
        force=force,
        meeting_date=meeting_date,
        pdf=pdf,
        final=final,
    )
    if isinstance(drafted, Drafted):
        summary(env, drafted)
    else:
        env.say(f"✔ Drafted the compendium for {drafted.period.display} ({drafted.period.long})")
        env.say(
            f"  {drafted.indicators} indicators in {drafted.themes} themes, {drafted.charts} charts"
        )
        env.say(f"  written to {drafted.output}")
        if drafted.pdf:
            env.say(f"  and as PDF to {drafted.pdf}")
    return drafted


def summary(env: Env, drafted: Drafted) -> None:
    report = drafted.period
    env.say(f"✔ Drafted the report for {report.display} ({report.long})")
    env.say(
        f"  {drafted.measures} measures, {drafted.paragraphs} drafted paragraphs, "
        f"{drafted.tables} Appendix A tables"
    )
    for mid in drafted.left_out:
        env.say(f"  left out of the Performance Update: {mid} (in no section of the committee)")
    for warning in drafted.warnings:
        env.say(f"  ! {warning}")
    for finding in drafted.blocking:
        env.say(f"  ✘ not final: {finding}")
    env.say(f"  written to {drafted.path}")
    if drafted.pdf:
        env.say(f"  and as PDF to {drafted.pdf}")


def check(env: Env, file: Path | None, *, workspace: Path | None) -> ExitStatus:
    """`perfcli template check`: the placeholders used, unknown ones and missing ones."""
    from perfcli.report.builder import CONTEXT_KEYS, REQUIRED_KEYS
    from perfcli.report.document import placeholders
    from perfcli.report.templates import template_for

    if file is None:
        file = template_for(Workspace.open(workspace).root, None, "adults.docx")
    found = placeholders(file, CONTEXT_KEYS)
    env.say(f"{file}: {len(found.used)} placeholders")
    env.say("  used: " + (", ".join(sorted(found.used)) or "none"))
    lacking = found.missing & REQUIRED_KEYS
    if found.missing:
        env.say("  not used: " + ", ".join(sorted(found.missing)))
    if found.unknown:
        env.say("  ✘ unknown (perfcli does not fill these): " + ", ".join(sorted(found.unknown)))
    if lacking:
        env.say("  ✘ missing (a report needs these): " + ", ".join(sorted(lacking)))
    if not found.unknown and not lacking:
        env.say("✔ every placeholder is one perfcli fills")
        return ExitStatus.OK
    return ExitStatus.INVALID_DATA
