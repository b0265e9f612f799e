"""Tables for people: findings, changes, the catalogue and calibration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfcli.domain.findings import Finding, Severity
from perfcli.domain.measure_checks import LINK_FINDINGS
from perfcli.domain.model import Aim, aim_label
from perfcli.domain.period_parsing import parse_period
from perfcli.files import shown_path
from perfcli.present.console import Env, escape
from perfcli.present.marks import SEVERITY_MARKS, STATUS_MARKS, mark, rating_mark
from perfcli.present.table_layout import show_table, table
from perfcli.references import cell_order
from perfcli.words import count

if TYPE_CHECKING:  # for types only: each command loads its own results family, no other
    from perfcli.results.calibration import CalibrationResult
    from perfcli.results.catalogue import HistoryResult, LinkResult, MeasuresResult
    from perfcli.results.diff import DiffResult
    from perfcli.results.files import ValidationResult
    from perfcli.store.links import MeasureLink


def diff(env: Env, result: DiffResult) -> None:
    first, second = result.old, result.new
    env.out.print(f"[bold]What changed: {escape(first.display)} → {escape(second.display)}[/]")
    grid = table(
        None,
        ["Status", "Section", "Measure", "From", "To", "Change", "Rating", "Reason", "Flags"],
        env.out,
    )
    for c in result.changes:
        unit = c.measure.unit
        before = c.before.observation.printed(unit) if c.before and c.before.observation else ""
        after = c.after.observation.printed(unit) if c.after and c.after.observation else ""
        change = ""
        if c.change is not None:
            change = f"{c.change:+.1f} pp" if c.change_unit == "pp" else f"{c.change:+.1f}%"
        rating = " → ".join(
            rating_mark(s.judgement, s.observation.value if s.observation else None,
                        s.comparator, env.colour)
            for s in (c.before, c.after) if s and s.judgement
        )  # fmt: skip
        grid.add_row(
            mark(STATUS_MARKS, c.status.value, env.colour), escape(c.measure.section or ""),
            escape(c.measure.description), escape(before), escape(after), change, rating,
            escape(c.reason), escape(", ".join(c.flags)),
        )  # fmt: skip
    env.out.print(grid)
    env.say(result.sentence)


def findings(
    env: Env, result: ValidationResult, *, to_stderr: bool = False, shown: int | None = None
) -> None:
    """The findings, errors first, and a count of them all; `shown` lists only the first few.

    Within a severity, the measures that may be one (each with its 'perfcli link') come first:
    they are found against the store, so 'perfcli validate FILE' cannot list them again.
    """
    console = env.err if to_stderr else env.out
    colour = console.is_terminal and not console.no_color
    order = list(Severity)
    listed = sorted(
        result.findings,
        key=lambda f: (order.index(f.severity), f.code not in LINK_FINDINGS, _reading(f)),
    )
    if shown is not None:
        listed = [f for f in listed if f.severity is not Severity.INFO][:shown]
    if listed:
        rows = [
            [mark(SEVERITY_MARKS, f.severity.value, colour), escape(f.where),
             escape(f.text), escape(f.hint or "")]
            for f in listed
        ]  # fmt: skip
        show_table(console, None, ["Severity", "Location", "Message", "Hint"], rows)
    counts = result.counts()
    say = env.warn if to_stderr else env.say
    say(
        f"{count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, "
        f"{count(counts['info'], 'note')}."
    )
    if len(listed) < len(result.findings):
        say(
            f"{len(listed):,} of the {len(result.findings):,} {'is' if len(listed) == 1 else 'are'} "
            "listed (errors first); 'perfcli validate' with the same files lists them all."
        )


def measures(env: Env, result: MeasuresResult) -> None:
    rows = result.rows()
    cells = [
        [escape(r["id"]), escape(r["code"]), escape(r["description"]),
         aim_label(Aim(r["aim"])), r["unit"].replace("_", " "), escape(r["section"] or ""),
         escape(r["owner"] or "none"), ", ".join(parse_period(p).display for p in r["periods"])]
        for r in rows
    ]  # fmt: skip
    columns = ["ID", "Code", "Description", "Aim", "Unit", "Section", "Owner", "Periods held"]
    show_table(env.out, count(len(rows), "measure"), columns, cells, whole=("ID", "Code"))


def history(env: Env, result: HistoryResult) -> None:
    cells = [
        [parse_period(r["period"]).display, escape(r["value_text"]),
         "● current" if r["status"] == "current" else "○ superseded", r["recorded_at"],
         "edited in the store" if r["edited"] else escape(r["file"] or ""),
         escape(r["cell"] or ""), escape(r["returned_by"] or ""),
         escape(f"{r['approved_by']}, {r['approved_on']}" if r["approved_by"] else "")]
        for r in result.rows()
    ]  # fmt: skip
    columns = [
        "Period",
        "Value",
        "Status",
        "Recorded",
        "File",
        "Cell",
        "Returned by",
        "Approved by",
    ]
    show_table(env.out, f"History of {escape(result.measure_id)}", columns, cells)
    for line in _joined(result.links):
        env.say(line)


def _joined(links: list[MeasureLink]) -> list[str]:
    return [
        f"Joined from {link.old_id} ({link.old_code} {link.old_description!r}) on"
        f" {link.linked_at[:10]}: {count(link.figures_moved, 'figure')} moved"
        + (f", {link.figures_superseded} kept as superseded" if link.figures_superseded else "")
        for link in links
    ]


def link(env: Env, result: LinkResult) -> None:
    joined = result.link
    env.say(
        f"✔ Joined {joined.old_id} into {joined.new_id}: {count(joined.figures_moved, 'figure')} moved"
        + (f", {joined.figures_superseded} kept as superseded (both held that period)"
           if joined.figures_superseded else "")
        + f"; {joined.new_id} now holds {result.figures}. 'perfcli history {joined.new_id}'"
        " shows them."
    )  # fmt: skip
    if result.stale_settings:
        env.warn(
            f"Warning: perfcli.toml still has [measures.{joined.old_id}]: move its settings under"
            f" [measures.{joined.new_id}]"
        )


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def calibration(env: Env, result: CalibrationResult) -> None:
    from perfcli.domain.marks import shown
    from perfcli.workspace import CONFIG_NAME

    learned, marks = result.calibration, result.calibration.marks
    env.say(
        f"{marks} printed marks. Today's settings reproduce {learned.current_agree} "
        f"({_share(learned.current_agree, marks)}); the learned settings reproduce "
        f"{learned.learned_agree} ({_share(learned.learned_agree, marks)})."
    )
    if learned.roundness_costs:
        env.say(
            f"The best fit reproduces {learned.best_agree} ({_share(learned.best_agree, marks)}): "
            f"round settings cost {learned.roundness_costs} mark"
            f"{'s' if learned.roundness_costs > 1 else ''} (--best takes the best fit)."
        )
    env.say(
        f'method = "confidence" would reproduce {learned.confidence_agree} '
        f"({_share(learned.confidence_agree, marks)}); {learned.with_intervals} of the rating "
        f"and progress marks have counts for a confidence interval, the others keep the house rule."
    )
    env.say("\nLearned settings, for perfcli.toml:\n")
    for line in learned.learned.toml_lines():
        env.say(f"  {line}")
    if learned.misses:
        count = len(learned.misses)
        env.say(f"\n{count} mark{'s' if count > 1 else ''} the learned settings do not reproduce:")
        grid = table(None, ["Measure", "Column", "Printed", "perfcli", "Figures", "Why"], env.out)
        for miss in learned.misses:
            grid.add_row(
                escape(miss.label), miss.column.value, shown(miss.printed), shown(miss.perfcli),
                escape(miss.figures), escape(f"{miss.why} ({miss.reason})"),
            )  # fmt: skip
        env.out.print(grid)
    if result.written:
        written = shown_path(result.written)
        env.say(f"\nWritten to {written} (the previous file kept as {CONFIG_NAME}.bak).")
    elif result.asked_to_write:
        kept = ("already the best" if learned.best_agree <= learned.current_agree
                else "kept (nothing else reproduces enough more marks)")  # fmt: skip
        env.say(f"\nToday's settings are {kept}: {CONFIG_NAME} is left as it is.")


def _reading(finding: Finding) -> tuple[str, str, int, int, str]:
    """Where a finding is, as a reader goes through a workbook: file, sheet, then row by row and
    left to right (F6 before F11, which text's order put after it), then the rest of its place."""
    where = finding.location
    row, column = cell_order(where.cell) if where.cell else (where.row or 0, 0)
    return (where.file or "", where.sheet or "", row, column, finding.where)
