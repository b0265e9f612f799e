"""Reminders for `perfcli returns status --remind`: a draft email per overdue owner, and per
return refused, written for the officer to send by hand (perfcli never sends mail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from perfcli.files import write_atomically
from perfcli.returns import returns_folder
from perfcli.returns.status import ReturnsStatus
from perfcli.workspace import Folder


def _writer(content: bytes) -> Callable[[Path], None]:
    def write(temp: Path) -> None:
        temp.write_bytes(content)

    return write


def write_reminders(folder: Folder, status: ReturnsStatus) -> list[Path]:
    """A draft email (.eml) for each overdue owner, their return attached, and for each owner
    whose return came back refused, listing why; nothing is sent."""
    from email.message import EmailMessage

    written = []
    period = status.period
    council = folder.config.workspace.council or "the council"
    target = returns_folder(folder.root, period.label) / "reminders"
    for owner in status.owners:
        if owner.state not in ("overdue", "refused") or owner.path is None:
            continue
        if owner.state == "overdue" and owner.due is None:
            continue
        message = EmailMessage()
        message["To"] = f"{owner.name} <{owner.email}>" if owner.email else owner.name
        message["X-Unsent"] = "1"  # Outlook opens it as a draft to send
        if owner.state == "refused":
            message["Subject"] = f"Performance return for {period.display}: please correct it"
            listed = "".join(f"  - {line}\n" for line in owner.problems)
            approve = "" if owner.approved_in_file else ", have it approved,"
            message.set_content(
                f"Dear {owner.name},\n\n"
                f"Thank you for your performance return for {period.display} ({period.long}). "
                f"It could not be taken into the committee report of {council} as it is, for "
                f"{owner.errors} reason{'s' if owner.errors != 1 else ''}:\n\n{listed}\n"
                "The workbook you sent is attached: please correct the cells named above (only "
                f"the white cells may be filled in){approve} and send it back.\n\n"
                "Thank you.\n"
            )
        else:
            assert owner.due is not None
            message["Subject"] = (
                f"Performance return for {period.display}: due {owner.due:%-d %B %Y}"
            )
            message.set_content(
                f"Dear {owner.name},\n\n"
                f"Your performance return for {period.display} ({period.long}) was due on "
                f"{owner.due:%-d %B %Y}, {_days(owner.overdue_days or 0)} ago, and has not come back "
                f"yet. It covers {owner.measures} measure{'' if owner.measures == 1 else 's'} for the committee report of "
                f"{council}.\n\n"
                "The workbook is attached again: please fill in the white cells (the figure, "
                "and commentary where the figure misses its target or is not as good as last "
                "year), have it approved, and send it back.\n\nThank you.\n"
            )
        message.add_attachment(
            owner.path.read_bytes(), maintype="application",
            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=owner.path.name,
        )  # fmt: skip
        path = target / f"{owner.owner}-{owner.today.isoformat()}.eml"
        # Today's reminder is perfcli's own draft: made again, it replaces itself.
        write_atomically(path, _writer(message.as_bytes()), force=True)
        written.append(path)
    return written


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"
