"""`perfcli returns make` and `perfcli returns status`: collect each period's returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.files import shown_path
from perfcli.present.console import Env, OutputFormat, emit, escape
from perfcli.present.table_layout import table
from perfcli.returns.make import MadeReturns
from perfcli.returns.status import STATUS_FIELDS, ReturnsStatus
from perfcli.words import are, count


def make(
    env: Env, *, workspace: Path | None, period: Period, due: str | None, force: bool
) -> MadeReturns:
    made = Workspace.open(workspace).make_returns(period, due=due, force=force)
    when = f", due {made.due:%-d %B %Y}" if made.due else ""
    env.say(f"✔ Made {count(len(made.made), 'return')} for {period.display}{when}")
    if made.early:
        env.warn(f"Warning: {period.display} has not ended (it ends {period.end:%-d %B %Y}): a"
                 " figure returned before then is refused at import")  # fmt: skip
    for item in made.made:
        env.say(f"  {item.owner}: {count(len(item.measures), 'measure')} → {shown_path(item.path)}")
    if made.unowned:
        unowned = len(made.unowned)
        has = "has" if unowned == 1 else "have"
        env.say(f"  ! {count(unowned, 'measure')} {has} no owner, and {are(unowned)} in no return: "
                + ", ".join(made.unowned))  # fmt: skip
    for path in made.kept:
        env.say(f"  = {shown_path(path)} kept as it is (made before; --force makes it again,"
                " replacing what was filled in)")  # fmt: skip
    unknown = [mid for mid in made.unknown if mid not in made.joined]
    if unknown:
        env.say("  ! owned in perfcli.toml but not in the workspace: " + ", ".join(unknown))
    for old, new in made.joined.items():
        env.say(f"  ! {old} was joined into {new} ('perfcli link'), which has no owner: rename"
                f" [measures.{old}] to [measures.{new}] in perfcli.toml and make the returns"
                " again with --force")  # fmt: skip
    return made


STATE_SHOWN = {
    "returned": "✔ returned",
    "returned, not approved": "◐ returned, not approved",
    "filled in, not imported": "◐ filled in, not imported",
    "refused": "✘ refused",
    "overdue": "✘ overdue",
    "awaited": "… awaited",
    "not made": "– not made",
}


def status(
    env: Env, *, workspace: Path | None, period: Period | None, output: OutputFormat,
    remind: bool, today: date | None = None,
) -> ReturnsStatus:  # fmt: skip
    result = Workspace.open(workspace).returns_status(period, remind=remind, today=today)
    emit(env, output, result.to_dict(), result.rows(), STATUS_FIELDS, lambda: _show(env, result))
    if output is OutputFormat.TABLE:
        for path in result.reminders:
            env.say(f"  reminder drafted (not sent): {shown_path(path)}")
    return result


def _show(env: Env, result: ReturnsStatus) -> None:
    grid = table(
        f"Returns for {result.period.display}",
        ["Owner", "State", "Made", "Due", "Returned", "Approved by", "Filled", "Missing", "Errors"],
        env.out,
    )
    for o in result.owners:
        state = STATE_SHOWN[o.state]
        if o.overdue_days is not None:
            state += f" by {o.overdue_days} day{'s' if o.overdue_days != 1 else ''}"
        if o.state == "refused":
            state += f", {o.errors} error{'s' if o.errors != 1 else ''}"
        returned = f"{o.returned_file} at {o.returned_at}" if o.returned_at else ""
        errors = f"{o.errors}: {o.first_error}" if o.errors else "0"
        grid.add_row(escape(f"{o.name} ({o.owner})"), state, (o.made or "")[:10],
                     o.due.isoformat() if o.due else "", escape(returned), escape(o.approved_by or ""),
                     str(o.filled), str(o.missing), escape(errors))  # fmt: skip
    env.out.print(grid)
    if result.unowned:
        has = "has" if len(result.unowned) == 1 else "have"
        env.say(
            f"{count(len(result.unowned), 'measure')} {has} no owner: " + ", ".join(result.unowned)
        )
    for problem in result.refused:  # no owner's return perfcli can tell: import refuses it
        env.say(f"✘ not taken: {escape(problem)}")
