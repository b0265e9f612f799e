"""Checks on which measure is which: an earlier measure under a new code or new words, a
settings section naming no measure, an alias naming another stored measure."""

from __future__ import annotations

from perfcli.config import Config
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.line_checks import line_location
from perfcli.domain.measure_ids import is_local
from perfcli.domain.model import Measure, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import Records
from perfcli.identity import nearest_id, normalise_alias, similar_descriptions
from perfcli.location import Location

# Findings that name a command to run ('perfcli link OLD NEW'), found against the store only:
# 'perfcli validate FILE' cannot repeat them, so a shortened list shows them before the rest.
LINK_FINDINGS = frozenset({"measure.code_changed", "measure.reworded"})
# Where a finding about the workspace's settings is.
_SETTINGS = Location("perfcli.toml")


def check_codes(
    store: Records, report_period: str, earlier: dict[str, ReportLine] | None = None
) -> list[Finding]:
    """Measures new in this report that look like an earlier measure under a new code.

    `earlier` (each measure's latest line in earlier reports) may be passed in when known.
    """
    lines = store.report_lines(report_period)
    present = {line.measure_id for line in lines}
    report = parse_period(report_period)
    if earlier is None:
        earlier = {}
        for period in store.report_periods():
            if parse_period(period) < report:
                for line in store.report_lines(period):
                    earlier[line.measure_id] = line
    found = []
    gone = {old_id: old for old_id, old in earlier.items() if old_id not in present}
    for line in lines:
        if line.measure_id in earlier:
            continue
        renumbered = _renumbered(line, gone)
        if renumbered is not None:
            old_id, old = renumbered
            found.append(Finding(Severity.WARNING, "measure.code_changed", line_location(line),
                                 f"{line.code} {line.description!r} may be {old.code} from {parse_period(old.report_period).display} under a new code",
                                 f"if they are one measure, run 'perfcli link {old_id} {line.measure_id}' to keep one history"))  # fmt: skip
            continue
        for old_id, old in gone.items():
            if _reworded(line, old):
                found.append(Finding(Severity.WARNING, "measure.reworded", line_location(line),
                                     f"{line.description!r} is new in {report.display} and {old.description!r} ({old_id}) is not in it: they may be one measure",
                                     f"to keep one history, run 'perfcli link {old_id} {line.measure_id}'"))  # fmt: skip
                break
    return found


def _renumbered(line: ReportLine, gone: dict[str, ReportLine]) -> tuple[str, ReportLine] | None:
    """The earlier measure a new one most likely renumbers: the same words, or a code one
    begins with the other's (`ASCOF 3C` -> `ASCOF 3C1`); of several, the closest description
    (seed 000 prints `ASCOF 3C` for service users and for carers)."""
    import difflib

    def words(text: str) -> str:
        return " ".join(text.lower().split())

    best: tuple[tuple[bool, float], str, ReportLine] | None = None
    for old_id, old in gone.items():
        same_text = words(old.description) == words(line.description)
        codes = (line.code.lower(), old.code.lower())
        new_code = not (is_local(line.code) or is_local(old.code)) and (
            codes[0].startswith(codes[1]) or codes[1].startswith(codes[0])
        )
        if not (same_text or new_code):
            continue
        ratio = difflib.SequenceMatcher(None, words(old.description), words(line.description))
        key = (same_text, ratio.ratio())
        if best is None or key > best[0]:
            best = (key, old_id, old)
    return (best[1], best[2]) if best else None


def _reworded(line: ReportLine, old: ReportLine) -> bool:
    """A Local measure whose description was reworded: ids of Local measures follow the words."""
    local = is_local(line.code) and is_local(old.code)
    return local and similar_descriptions(line.description, old.description)


def check_settings(config: Config, stored: list[str], *, every: bool = False) -> list[Finding]:
    """`[measures.X]` sections naming no imported measure: a typo never takes effect.

    Import (`every` False) says so only when a real id is close; validate says so always.
    """
    found = []
    for mid in config.measures:
        if mid in stored:
            continue
        near = nearest_id(mid, [s for s in stored if s not in config.measures])
        if near is None and not every:
            continue
        # A trial set up [measures.ascof-3c1] before importing the report that brings it, and
        # was asked whether it meant ascof-3d: the hint says the other reason too.
        later = " (a measure of a file not imported yet is found once it is)"
        hint = (
            f"did you mean [measures.{near}]?{later}"
            if near
            else f"see 'perfcli measures' for the ids{later}"
        )
        found.append(Finding(Severity.WARNING, "settings.unknown_measure", _SETTINGS,
                             f"[measures.{mid}] names no imported measure, so it has no effect", hint))  # fmt: skip
    return found


def check_aliases(config: Config, measures: list[Measure]) -> list[Finding]:
    """An alias in `[measures.X]` that names another stored measure (its id, code or
    description): the two hold one history between them, which an import cannot join."""
    if not any(settings.aliases for settings in config.measures.values()):
        return []  # no names to compare: every stored name normalised cost 5 ms at 2,000
    names: dict[str, list[str]] = {}
    for measure in measures:
        local = is_local(measure.code)
        for name in (measure.id, measure.description, *([] if local else [measure.code])):
            names.setdefault(normalise_alias(name), []).append(measure.id)
    held = {m.id for m in measures}
    found = []
    for mid, settings in config.measures.items():
        for alias in settings.aliases:
            others = [o for o in names.get(normalise_alias(alias), []) if o != mid]
            for other in others if mid in held else []:
                found.append(Finding(Severity.WARNING, "settings.alias_stored", _SETTINGS,
                                     f"[measures.{mid}] aliases {alias!r}, which names the stored measure {other}: their figures are held apart",
                                     f"run 'perfcli link {other} {mid}' to join them into one history"))  # fmt: skip
    return found
