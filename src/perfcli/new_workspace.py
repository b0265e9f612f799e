"""A new workspace's files: perfcli.toml from its template, a data-entry workbook, the Word templates."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from perfcli.domain.periods import Period
from perfcli.errors import PerfcliError, UsageError
from perfcli.references import path_text
from perfcli.report.templates import template_root
from perfcli.workspace import CONFIG_NAME, department_name, init_placeholders, inside

# The examples init writes where it was not told the real value: each reads right as it stands, so
# an officer replaces it with their own in the same form. draft-report warns about a committee
# setting still at init's value (workspace.init_placeholders).
EXAMPLE_COUNCIL = "Example County Council"
EXAMPLE_DEPARTMENT = "Adults and Communities"


CONFIG_TEMPLATE = """\
# perfcli workspace settings. Replace each example with your own, in the same form;
# the README's "Your own dashboard, step by step" goes through them, and lists every option.
[workspace]
council = "{council}"  # as it signs its reports, e.g. "Leicestershire County Council"
# The department's name alone: the report adds "Department" ("the {name} Department's
# performance"), so "{name}" is enough.
department = "{department}"

# Measure definitions override what the workbooks say, e.g.:
# [measures.ascof-2a]
# aim = "high"
# frequency = "annual"
# aliases = ["ASCOF 2D (2021/22)"]

# The committee report: perfcli draft-report --committee adults. The wording is in
# templates/adults.docx (edit it in Word); here are the facts that change from meeting to meeting.
[committees.adults]
name = "{name} Overview and Scrutiny Committee"
# Printed in capitals under the title: "JOINT REPORT OF THE DIRECTOR OF ...".
joint_report_of = "{joint_report_of}"
meeting_dates = []  # e.g. [2026-06-01, 2026-09-07]: a report goes to the next after its period
appendices = ["B", "C"]

# Officers to contact, one block each (remove the # to use it):
# [[committees.adults.officers]]
# name = "A. Person"
# role = "Director of {name}"
# department = "{name} Department"
# telephone = "0116 000 0000"
# email = "a.person@example.gov.uk"

# Background papers, one block each:
# [[committees.adults.background_papers]]
# title = "Adult Social Care Outcomes Framework"
# link = "https://digital.nhs.uk/data-and-information/publications/statistical/adult-social-care-outcomes-framework-ascof"

# The Performance Update's headings: one per layer of the strategy; the last takes the rest.
[[committees.adults.sections]]
name = "Prevent need"
layers = ["Prevent Need"]

[[committees.adults.sections]]
name = "Reduce need"
layers = ["Reduce Need"]

[[committees.adults.sections]]
name = "Delay need"
layers = ["Delay Need"]

[[committees.adults.sections]]
name = "Meet need"
layers = ["Meet Need"]

[[committees.adults.sections]]
name = "Other measures"
"""

HEADER = ["ID", "Measure", "Description", "Aim", "Comparator"]
AIMS = ["High", "Low", "Target Band Width", "N/A"]


def write_entry_workbook(path: Path, current: Period) -> None:
    # Saved to memory, then written: a failing disk is one OSError here, never an openpyxl zip
    # left open to fail again (and print) when it is collected.
    buffer = io.BytesIO()
    _entry_workbook(current).save(buffer)
    path.write_bytes(buffer.getvalue())


def _entry_workbook(current: Period) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "Appendix A"
    sheet["A1"] = f"Performance {current.display}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = current.long
    header = [
        *HEADER,
        f"{current.display} Performance",
        f"{current.previous().display} Performance",
        "Commentary",
    ]
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    sheet.append(["PREVENT NEED"])
    aims = DataValidation(type="list", formula1='"' + ",".join(AIMS) + '"', allow_blank=True)
    aims.error = "Choose High, Low, Target Band Width or N/A"
    aims.errorTitle = "Aim"
    sheet.add_data_validation(aims)
    aims.add("D6:D1000")
    for column, width in zip("ABCDEFGH", (18, 14, 50, 18, 30, 20, 20, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A5"
    return workbook


class NewWorkspace(Struct, frozen=True):
    """What `create_workspace` wrote: the folder, its settings, its workbook, the templates copied."""

    directory: Path
    config: Path
    workbook: Path
    templates: list[str]
    examples: bool  # some settings are still init's examples (no council or no department given)

    def to_dict(self) -> dict[str, Any]:
        return {
            "directory": path_text(self.directory), "config": path_text(self.config),
            "workbook": path_text(self.workbook), "templates": self.templates,
            "examples": self.examples,
        }  # fmt: skip


def settings_text(council: str, department: str) -> str:
    """perfcli.toml for a new workspace: the council's names where given, else the examples,
    each as TOML writes it in quotes (`A\\B`, `\\"`), so that the file reads back as typed."""
    for option, given in (("--council", council), ("--department", department)):
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in given):
            raise UsageError(
                f"{option} {given!r} holds a control character (a line break, a tab, an escape)",
                hint="type the name on one line, as it is printed",
            )
    return CONFIG_TEMPLATE.format(
        council=_quoted(council or EXAMPLE_COUNCIL),
        department=_quoted(department or EXAMPLE_DEPARTMENT),
        name=_quoted(department_name(department) or EXAMPLE_DEPARTMENT),
        joint_report_of=_quoted(
            init_placeholders(department or EXAMPLE_DEPARTMENT)["joint_report_of"]
        ),
    )


def _quoted(text: str) -> str:
    """A text as it stands between a TOML basic string's quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def create_workspace(
    directory: Path,
    *,
    council: str = "",
    department: str = "",
    force: bool = False,
    today: date | None = None,
) -> NewWorkspace:
    """Write a workspace into `directory`: its settings, and the workbook and templates it lacks
    (an existing perfcli.toml is replaced only with `force`). All or nothing: a failure leaves the
    folder as it was."""
    config = directory / CONFIG_NAME
    if config.exists() and not force:
        raise UsageError(f"{config} already exists", hint="pass --force to start it afresh")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a folder")
    if directory.exists():  # what init writes into must not lead out of the workspace
        for folder in ("data", "templates"):
            inside(directory.resolve(), folder)
    text = settings_text(council, department)
    workbook = directory / "data" / "appendix-a.xlsx"
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        # Everything is written into a hidden folder beside the workspace, then moved in with
        # renames, perfcli.toml last: a full disk leaves nothing behind, and a retry works.
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-init-", dir=directory.parent))
    except OSError as error:
        raise _not_created(directory, error) from None
    try:
        copied = _write(
            staging, text, workbook.exists(), directory / "templates", today or date.today()
        )
        _move_in(staging, directory)
    except OSError as error:
        raise _not_created(directory, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return NewWorkspace(directory, config, workbook, copied, examples=not (council and department))


def _write(staging: Path, text: str, has_workbook: bool, templates: Path, today: date) -> list[str]:
    """The workspace's files, in `staging`: its settings, and the workbook and templates it
    lacks. Returns the names of the templates written."""
    (staging / CONFIG_NAME).write_text(text, encoding="utf-8")
    if not has_workbook:
        current = Period.financial_year(today.year if today.month >= 4 else today.year - 1)
        (staging / "data").mkdir()
        write_entry_workbook(staging / "data" / "appendix-a.xlsx", current)
    source = template_root() / "docx"
    copied = []
    if source.is_dir():
        for template in sorted(source.glob("*.docx")):
            if not (templates / template.name).exists():
                (staging / "templates").mkdir(exist_ok=True)
                shutil.copyfile(template, staging / "templates" / template.name)
                copied.append(template.name)
    return copied


def _move_in(staging: Path, directory: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    if not directory.exists():
        staging.chmod(0o777 & ~umask)  # mkdtemp made it private
        staging.rename(directory)
        return
    for path in sorted(staging.rglob("*")):
        if path.is_file() and path.name != CONFIG_NAME:
            target = directory / path.relative_to(staging)
            target.parent.mkdir(exist_ok=True)
            os.replace(path, target)
    os.replace(staging / CONFIG_NAME, directory / CONFIG_NAME)


def _not_created(directory: Path, error: OSError) -> PerfcliError:
    return PerfcliError(
        f"{directory}: the workspace cannot be created ({error.strerror or error});"
        " nothing was written"
    )
