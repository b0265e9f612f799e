"""`perfcli draft-report` and `perfcli template check`: draft the report, say what was written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.errors import ExitStatus
from perfcli.files import shown_path
from perfcli.present.console import Env, OutputFormat, write_json
from perfcli.present.progress import working
from perfcli.report.builder import Drafted
from perfcli.report.context import CONTEXT_KEYS, REQUIRED_KEYS
from perfcli.report.proof import Finding, ProofError
from perfcli.words import count

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
    output_format: OutputFormat = OutputFormat.TABLE,
) -> Drafted | DraftedCompendium:
    what = "Drafting the report" + (" and converting it to PDF with LibreOffice" if pdf else "")
    try:
        with working(env, what, output_format):
            drafted = Workspace.open(workspace).draft_report(
                committee, period=period, output=output, force=force, meeting_date=meeting_date,
                pdf=pdf, final=final,
            )  # fmt: skip
    except ProofError as refused:
        findings(env, refused.findings, output_format)
        raise
    if output_format is not OutputFormat.TABLE:
        write_json(env, drafted.to_dict())
        return drafted
    if isinstance(drafted, Drafted):
        summary(env, drafted)
    else:
        env.say(f"✔ Drafted the compendium for {drafted.period.display} ({drafted.period.long})")
        env.say(
            f"  {drafted.indicators} indicators in {drafted.themes} themes, {drafted.charts} charts"
        )
        for warning in drafted.warnings:
            env.say(f"  ! {warning}")
        env.say(f"  written to {shown_path(drafted.output)}")
        if drafted.pdf:
            env.say(f"  and as PDF to {shown_path(drafted.pdf)}")
    blocked = len(drafted.blocking) if isinstance(drafted, Drafted) else 0
    findings(env, drafted.findings, output_format, blocked)
    return drafted


def proof_read(
    env: Env, file: Path, committee: str, *, workspace: Path | None, period: Period | None,
    output_format: OutputFormat = OutputFormat.TABLE,
) -> ExitStatus:  # fmt: skip
    """`perfcli proof-read FILE`: the draft's proof-reading pass on the report as edited."""
    reread = Workspace.open(workspace).proof_read(file, committee, period=period)
    if output_format is not OutputFormat.TABLE:
        write_json(env, reread.to_dict())
    else:
        env.say(f"{shown_path(reread.path)}: read against {reread.period.display}'s figures")
        findings(env, reread.findings, output_format)
    return ExitStatus.INVALID_DATA if reread.findings else ExitStatus.OK


def findings(env: Env, found: list[Finding], output_format: OutputFormat, blocked: int = 0) -> None:
    """The proof-reading pass's findings: a line each for people, or (when `--final` refused to
    write) one JSON object. `blocked` counts what keeps the report from being final, listed
    above it."""
    if output_format is not OutputFormat.TABLE:
        write_json(env, {"written": None, "findings": [f.as_dict() for f in found]})
        return
    if not found and blocked:
        env.say(f"✘ proof-read: nothing more, but not final: {count(blocked, 'finding')} above")
        return
    if not found:
        env.say("✔ proof-read: nothing a clerk would send back")
        return
    env.say(f"✘ proof-read: {len(found)} finding{'' if len(found) == 1 else 's'}")
    for finding in found:
        # `placeholder left in: …` says its kind already: not `placeholder: placeholder …`.
        kind = "" if finding.message.startswith(finding.kind) else f"{finding.kind}: "
        env.say(f"  ✘ {finding.where}: {kind}{finding.message}")


def summary(env: Env, drafted: Drafted) -> None:
    report = drafted.period
    env.say(f"✔ Drafted the report for {report.display} ({report.long})")
    env.say(
        f"  {count(drafted.measures, 'measure')}, "
        f"{count(drafted.paragraphs, 'drafted paragraph')}, {count(drafted.tables, 'Appendix A table')}"
    )
    for mid in drafted.left_out:
        env.say(f"  left out of the Performance Update: {mid} (in no section of the committee)")
    for warning in drafted.warnings:
        env.say(f"  ! {warning}")
    for finding in drafted.blocking:
        env.say(f"  ✘ not final: {finding}")
    env.say(f"  written to {shown_path(drafted.path)}")
    if drafted.pdf:
        env.say(f"  and as PDF to {shown_path(drafted.pdf)}")


def check(env: Env, file: Path | None, *, workspace: Path | None) -> ExitStatus:
    """`perfcli template check`: the placeholders used, unknown ones and missing ones."""
    from perfcli.report.document import placeholders
    from perfcli.report.templates import template_for

    if file is None:
        file = template_for(Workspace.open(workspace).root, None, "adults.docx")
    elif not file.is_file():
        file = _named_template(file, workspace)
    found = placeholders(file, CONTEXT_KEYS)
    env.say(f"{file}: {count(len(found.used), 'placeholder')}")
    env.say("  used: " + (", ".join(sorted(found.used)) or "none"))
    lacking = found.lacking(REQUIRED_KEYS)
    if found.missing:
        env.say("  not used: " + ", ".join(sorted(found.missing)))
    if found.unknown:
        env.say("  ✘ unknown (perfcli does not fill these): " + ", ".join(sorted(found.unknown)))
    if lacking:
        env.say("  ✘ missing (a report needs these): " + ", ".join(lacking))
    if not found.unknown and not lacking:
        env.say("✔ every placeholder is one perfcli fills")
        return ExitStatus.OK
    return ExitStatus.INVALID_DATA


def _named_template(file: Path, workspace: Path | None) -> Path:
    """A template named on the command line and not found as typed: the workspace's own copy
    of that name (`perfcli template check adults.docx`, or `adults`, in the workspace), else the
    shipped one a workspace with no copy drafts from, or one line saying where it was looked for."""
    from perfcli.errors import PerfcliError
    from perfcli.report.document import TemplateError
    from perfcli.report.templates import template_root
    from perfcli.workspace import inside

    try:
        root: Path | None = Workspace.open(workspace).root
    except PerfcliError:
        root = None
    if file.name == str(file):
        name = file.name if file.suffix else f"{file.name}.docx"
        if root is not None and (root / "templates" / name).is_file():
            return inside(root, f"templates/{name}")
        if (template_root() / "docx" / name).is_file():
            return template_root() / "docx" / name
    where = f" or in {shown_path(root / 'templates')}" if root is not None else ""
    raise TemplateError(
        f"template {file} does not exist here{where}",
        hint="give the path to a Word template (.docx), or no FILE to check the workspace's own",
    )
