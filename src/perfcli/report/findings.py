"""What the proof-reading pass finds: one finding each, and the error that stops a final draft."""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from msgspec.structs import asdict

from perfcli.errors import PerfcliError

# The kinds of finding, in the order a report lists them.
KINDS = (
    "placeholder", "repeated", "brackets", "shorthand", "precision", "period", "name",
    "contradiction", "untraced", "long", "judgement", "header",
)  # fmt: skip


class Finding(Struct, frozen=True):
    """One thing a clerk would send back: where it is, what kind, and the words at fault."""

    kind: str
    where: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class ProofError(PerfcliError):
    """`--final` with findings left: the document is not written."""

    def __init__(self, findings: list[Finding], target: Any) -> None:
        super().__init__(
            f"{target}: not written: the proof-reading pass found {len(findings)} "
            f"problem{'' if len(findings) == 1 else 's'}",
            hint="fix them, or draft without --final to write it for editing",
        )
        self.findings = findings
