"""The annual compendium written from its records (gathered by perfcli.compendium): proof-read,
written to Word, tidied, and, when asked, converted to PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from perfcli.config import CommitteeSettings
from perfcli.domain.assessment import Rated
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.references import path_text
from perfcli.report.builder import to_item
from perfcli.report.compendium import write_compendium
from perfcli.report.compendium_records import CompendiumData
from perfcli.report.proof import Finding, Known, proof_for
from perfcli.report.templates import configured_template, template_root
from perfcli.workspace import Folder, inside


class DraftedCompendium(Struct, frozen=True):
    output: Path
    period: Period
    indicators: int
    themes: int
    charts: int
    pdf: Path | None = None
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """`draft-report --format json` for a compendium."""
        return {
            "written": path_text(self.output), "pdf": path_text(self.pdf) if self.pdf else None,
            "period": self.period.label, "indicators": self.indicators, "themes": self.themes,
            "charts": self.charts, "findings": [f.as_dict() for f in self.findings],
            "warnings": self.warnings,
        }  # fmt: skip


def write_drafted(
    folder: Folder, committee: CommitteeSettings, data: CompendiumData, rated: list[Rated],
    period: Period, target: Path, *, force: bool, pdf: bool, final: bool, indicators: int,
) -> DraftedCompendium:  # fmt: skip
    """Write the compendium to `target` from its records, proof-read first (`final` refuses
    while anything is found); `rated` are the judgements behind its indicators."""
    if pdf and target.with_suffix(".pdf").exists() and not force:
        raise UsageError(
            f"{target.with_suffix('.pdf')} already exists", hint="pass --force to replace it"
        )
    findings = proof_for(
        target, final, Known(names=[data.council]), rated=[to_item(r) for r in rated]
    )
    write_compendium(
        data, _template(folder, committee), target, force=force, before_writing=findings.read
    )
    from perfcli.report.layout import tidy

    tidy(target)
    made = None
    if pdf:
        from perfcli.report.pdf import to_pdf_refreshed

        made = to_pdf_refreshed(target, force=force)
    return DraftedCompendium(
        target,
        period,
        indicators,
        len(data.themes),
        _pictures(target),
        made,
        findings.found,
        _warnings(data.extra.get("missing") or {}),
    )


def _warnings(missing: dict[str, str]) -> list[str]:
    """What an officer can do about an empty Part 2 or 3 that the workspace has data for."""
    from perfcli.report.compendium import ADVICE

    return [ADVICE[why] for why in missing.values() if why in ADVICE]


def _pictures(path: Path) -> int:
    import docx

    return len(docx.Document(str(path)).inline_shapes)


def _template(folder: Folder, committee: CommitteeSettings) -> Path:
    if committee.template:
        setting = folder.config.committee_key(committee, "template")
        return configured_template(folder.root, committee.template, setting)
    if (folder.root / "templates" / "compendium.docx").is_file():
        return inside(folder.root, "templates/compendium.docx")
    return template_root() / "docx" / "compendium.docx"
