"""A committee report read again after an officer's edits in Word: the same proof-reading pass
`draft-report` runs before writing, against what the store holds now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from perfcli.config import Config
from perfcli.domain.assessment import pick_period, rate_period
from perfcli.domain.period_parsing import find_periods, parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import Records
from perfcli.errors import InputError, UsageError
from perfcli.report.builder import committee_for, glossary_for, known_for, to_item
from perfcli.report.conclusions import conclusions
from perfcli.report.context import unset_settings
from perfcli.report.methods import method_statement
from perfcli.report.proof import Finding, proofread, table_rows
from perfcli.report.proof_tables import appendix_rows


class Reread(Struct):
    """What proof-reading a report again found, and the report period it was read against."""

    path: Path
    period: Period
    findings: list[Finding]

    def to_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "period": self.period.label,
            "findings": [f.as_dict() for f in self.findings],
        }


def reread(
    records: Records, config: Config, committee: str, period: Period | None, path: Path
) -> Reread:
    """Proof-read `path`, a committee's report as an officer has edited it, against the
    records' ratings for `period` (default: the latest report period): a figure, verdict or
    Appendix A cell changed by hand that the store does not give is found, as in the draft."""
    settings = committee_for(config, committee)
    if settings.kind == "compendium":
        raise UsageError(
            f"{committee} drafts the compendium, which draft-report proof-reads as it writes it",
            hint="draft it again with draft-report to proof-read it",
        )
    document = _opened(path)
    named = _named(records, path, document)
    if period is not None and named is not None and period != named:
        # A re-check read 2023/24's report against 2025/26 Q1's figures: 214 findings.
        raise UsageError(
            f"{path.name} is the report for {named.display} by its name or title, not"
            f" {period.display}",
            hint=f"leave out --period, or give --period {named.label}",
        )
    report = pick_period(records, period or named, reports_only=True)
    config = config.judged_for(settings)
    rated = rate_period(records, config, report)
    items = [to_item(r, config) for r in rated]
    glossary = glossary_for(settings, rated, " ".join(p.text for p in document.paragraphs))
    if not any(appendix_rows(table_rows(document), items)):
        raise InputError(
            f"holds no Appendix A row of the {report.display} report's measures: it is not"
            f" the {committee} committee's report for {report.display}",
            file=path,
            hint="give the committee whose report it is, and --period for another period",
        )
    known = known_for(settings, config, items, glossary, method_statement(rated, config),
                      unset_settings(settings, config))  # fmt: skip
    known.concluded = conclusions(items, report, glossary)
    return Reread(path, report, proofread(document, known, items, report.label, items))


def _named(records: Records, path: Path, document: Any) -> Period | None:
    """The report period the document is for: the one its name ends with, as draft-report
    names it (`adults-2023-24.docx`), else the first its opening paragraphs state (a re-check
    proof-read 2023/24's report against 2025/26 Q1's figures: 212 findings); None: the latest."""
    reports = records.report_periods()
    for label in sorted(reports, key=len, reverse=True):
        if path.stem.endswith(label):
            return parse_period(label)
    for paragraph in document.paragraphs[:8]:
        for stated in find_periods(paragraph.text):
            if stated.period is not None and stated.period.label in reports:
                return stated.period
    return None


def _opened(path: Path) -> Any:
    """The Word document at `path`, or one line saying why it cannot be read as one."""
    from docx import Document

    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "is not a file", file=path)
    if path.suffix.lower() != ".docx":
        raise InputError(
            "is not a Word document (.docx)", file=path,
            hint="save the report as a Word Document (.docx) and proof-read that",
        )  # fmt: skip
    try:
        return Document(str(path))
    except Exception:  # a damaged .docx, or another file named .docx
        raise InputError(
            "cannot be read as a Word document: it is damaged, or another kind of file",
            file=path, hint="open it in Word and save it as a Word Document (.docx)",
        ) from None  # fmt: skip
