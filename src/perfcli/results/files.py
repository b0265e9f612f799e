"""What `import` and `validate` return: the batches brought in and every finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from perfcli.domain.findings import Severity

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from perfcli.domain.findings import Finding
    from perfcli.domain.records import ImportBatch
    from perfcli.store.summary import ImportSummary


FINDING_FIELDS = ["severity", "code", "location", "message", "hint"]
IMPORT_FIELDS = [
    "file", "changed", "report_periods", "measures", "measures_new", "measures_updated",
    "figures_new", "figures_revised", "figures_unchanged", "lines_new", "lines_updated", "skipped",
    "notes",
]  # fmt: skip


class ValidationResult(Struct, frozen=True):
    """Every finding about the files or the workspace, errors first when shown."""

    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}

    def rows(self) -> list[dict[str, str | None]]:
        return [f.as_dict() for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {"findings": self.rows(), "summary": self.counts()}


class ImportResult(Struct, frozen=True):
    """What an import brought, file by file, and what the checks found."""

    batches: list[ImportBatch]
    summaries: list[ImportSummary]
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        """Each file's counts, as `perfcli import` describes them, and every check's finding."""
        from perfcli.references import path_text

        files = []
        for batch, summary in zip(self.batches, self.summaries, strict=True):
            files.append({
                "file": path_text(batch.file.name),
                "changed": summary.changed,
                "report_periods": summary.report_periods,
                "measures": len(batch.measures),
                "measures_new": summary.measures_new,
                "measures_updated": summary.measures_updated,
                "figures_new": summary.observations_new,
                "figures_revised": summary.observations_revised,
                "figures_unchanged": summary.observations_unchanged,
                "lines_new": summary.lines_new,
                "lines_updated": summary.lines_updated,
                "skipped": summary.problems,
                "notes": [note.as_dict() for note in batch.warnings],
            })  # fmt: skip
        found = ValidationResult(self.findings)
        return {"files": files, "findings": found.rows(), "summary": found.counts()}
