"""`perfcli init`: a new workspace with settings, a data-entry workbook and Word templates."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from perfcli.errors import UsageError
from perfcli.files import write_atomically
from perfcli.periods import Period
from perfcli.present.console import Env
from perfcli.report.templates import template_root
from perfcli.workspace import CONFIG_NAME, department_name, init_placeholders

CONFIG_TEMPLATE = """\
# perfcli workspace settings. See the README for every option.
[workspace]
council = "{council}"
department = "{department}"

# Measure definitions override what the workbooks say, e.g.:
# [measures.ascof-2a]
# aim = "high"
# frequency = "annual"
# aliases = ["ASCOF 2D (2021/22)"]

# The committee report: perfcli draft-report --committee adults. The wording is in
# templates/adults.docx (edit it in Word); here are the facts that change from meeting to meeting.
[committees.adults]
name = "{committee}"
joint_report_of = "{joint_report_of}"
meeting_dates = []  # e.g. [2026-06-01, 2026-09-07]: a report goes to the next after its period
appendices = ["B", "C"]

# Officers to contact, one block each:
# [[committees.adults.officers]]
# name = "A. Person"
# role = "Director"
# department = "{department_or_adults} Department"
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
    workbook.save(path)


def run(env: Env, directory: Path, *, council: str, department: str, force: bool) -> None:
    config = directory / CONFIG_NAME
    if config.exists() and not force:
        raise UsageError(f"{config} already exists", hint="pass --force to start it afresh")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    department = department.replace('"', "'")
    text = CONFIG_TEMPLATE.format(
        council=council.replace('"', "'"),
        department=department,
        department_or_adults=department_name(department) or "Adults",
        joint_report_of=init_placeholders(department)["joint_report_of"],
        committee=f"{department_name(department) or 'Adults'} Overview and Scrutiny Committee",
    )

    def write_config(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    write_atomically(config, write_config, force=force)
    today = date.today()
    current = Period.financial_year(today.year if today.month >= 4 else today.year - 1)
    workbook = directory / "data" / "appendix-a.xlsx"
    if not workbook.exists():
        write_atomically(workbook, lambda p: write_entry_workbook(p, current))
    source = template_root() / "docx"
    target = directory / "templates"
    copied = []
    if source.is_dir():
        for template in sorted(source.glob("*.docx")):
            destination = target / template.name
            if not destination.exists():
                target.mkdir(exist_ok=True)
                shutil.copy2(template, destination)
                copied.append(destination.name)
    console = env.out
    console.print(f"✔ Created workspace in {directory.resolve()}", markup=False)
    console.print(
        f"  {CONFIG_NAME}: settings (council, committees, measure definitions)", markup=False
    )
    console.print(
        f"  data/{workbook.name}: data-entry workbook in the Appendix A layout", markup=False
    )
    if copied:
        console.print(f"  templates/: {', '.join(copied)}", markup=False)
