"""Learn a report's house rule: the rating settings that reproduce most of its printed marks."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from perfcli.marks import Mark, MarkColumn, figures, no_new_survey, shown
from perfcli.model import Aim, Comparator, Measure, Observation
from perfcli.rating import Judgement, Rag, RagMargins, Settings, Tolerances, judge
from perfcli.values import Unit

# Round values first: a house rule is "half a point", not "0.47 points".
ROUND_STEPS = [10.0, 5.0, 2.0, 1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]
# A per-unit tolerance must reproduce this many more marks than the general one: one mark alone
# is as likely a slip as a rule.
PER_UNIT_GAIN = 2
# For the same reason, in a long report a rounder setting (or today's) may reproduce one mark
# fewer than the best, per this many printed marks: a slip next to the rule must not move it.
MARKS_PER_SLIP = 100
_HUGE = 1e9


@dataclass(frozen=True)
class Case:
    """One measure's row in a report that printed marks: its figures and what was printed.

    `settings` are the workspace's for this measure: per-measure tolerances and margins stay
    as they are; calibration varies only the general ones.
    """

    label: str
    measure: Measure
    current: Observation | None
    previous: Observation | None
    comparator: Comparator | None
    printed: dict[MarkColumn, Mark]
    settings: Settings = field(default_factory=Settings)
    carry_survey_mark: bool = False


@dataclass(frozen=True)
class Rule:
    """The general rating settings calibration can change."""

    percent: float
    relative: float
    by_unit: dict[str, float]
    green: float
    amber: float

    @classmethod
    def of(cls, settings: Settings) -> Rule:
        t = settings.tolerances
        return cls(t.percent, t.relative, dict(t.by_unit), settings.rag.green, settings.rag.amber)

    def apply(self, settings: Settings) -> Settings:
        return replace(
            settings,
            tolerances=Tolerances(self.percent, self.relative, dict(self.by_unit)),
            rag=RagMargins(self.green, self.amber),
        )

    def toml_lines(self) -> list[str]:
        """The rule as perfcli.toml lines."""
        lines = ["[rating]", f"percent_points = {_num(self.percent)}", f"relative = {_num(self.relative)}"]  # fmt: skip
        if self.by_unit:
            units = ", ".join(
                f"{unit} = {_num(value)}" for unit, value in sorted(self.by_unit.items())
            )
            lines.append(f"units = {{ {units} }}")
        lines += ["[rating.rag]", f"green = {_num(self.green)}", f"amber = {_num(self.amber)}"]
        return lines


def _num(value: float) -> str:
    return f"{round(value, 10):g}" if value != int(value) else f"{value:.1f}"


@dataclass(frozen=True)
class Miss:
    """A printed mark the learned settings do not reproduce, with its figures and why."""

    label: str
    column: MarkColumn
    printed: Mark
    perfcli: Mark | None
    figures: str
    reason: str
    why: str


@dataclass(frozen=True)
class Calibration:
    marks: int
    current: Rule
    current_agree: int
    learned: Rule
    learned_agree: int
    misses: list[Miss]


def outcome(case: Case, column: MarkColumn, settings: Settings) -> tuple[Mark | None, str]:
    """perfcli's judgement of one column of a case under `settings`, with its reason."""
    judged = judge(case.measure, case.current, case.previous, case.comparator, settings)
    return _pick(judged, column)


def _pick(judged: Judgement, column: MarkColumn) -> tuple[Mark | None, str]:
    if column is MarkColumn.PROGRESS:
        return judged.progress, judged.progress_reason
    if column is MarkColumn.RATING:
        return judged.rating, judged.rating_reason
    return judged.rag, judged.rag_reason or "no target to measure against"


def marked(cases: Sequence[Case]) -> list[tuple[Case, MarkColumn, Mark]]:
    """Every printed mark to compare; a survey mark carried into a period with no survey is not."""
    found = []
    for case in cases:
        for column, mark in case.printed.items():
            carried = case.carry_survey_mark and no_new_survey(case.measure, case.current)
            if column is MarkColumn.PROGRESS and carried:
                continue
            found.append((case, column, mark))
    return found


# A mark as a step: what perfcli gives within a margin, and beyond it -------------------------


@dataclass(frozen=True)
class Step:
    """How one mark depends on one setting: `inside` when the setting is at least `margin`."""

    knob: str
    margin: float
    inside: Mark | None
    outside: Mark | None
    printed: Mark

    def agrees(self, value: float) -> bool:
        return (self.inside if self.margin <= value + 1e-12 else self.outside) is self.printed

    @property
    def wants(self) -> bool | None:
        """True: needs the setting at or above the margin; False: below; None: neither helps."""
        if self.inside is self.printed:
            return True
        if self.outside is self.printed:
            return False
        return None


def _tolerance_step(case: Case, column: MarkColumn, printed: Mark) -> Step | None:
    """A rating or progress mark against the similar-tolerance, or None if it does not move it."""

    def at(value: float) -> Mark | None:
        tolerances = Tolerances(value, value, {})
        return outcome(case, column, replace(case.settings, tolerances=tolerances))[0]

    inside, outside = at(_HUGE), at(0.0)
    if inside is outside:
        return None
    judged = judge(case.measure, case.current, case.previous, case.comparator, case.settings)
    margin = _guess_margin(case, judged)
    if margin is None or at(margin) is not inside or at(max(margin - 1e-6, 0.0)) is not outside:
        margin = _bisect(lambda value: at(value) is inside)
    return Step(_knob(case.measure.unit), margin, inside, outside, printed)


def _guess_margin(case: Case, judged: Judgement) -> float | None:
    """The change the tolerance is compared with: pp for percentages, else a fraction."""
    if judged.change is None or math.isinf(judged.change):
        return None
    size = abs(judged.change)
    return size if case.measure.unit is Unit.PERCENT else size / 100


def _bisect(inside: Callable[[float], bool], high: float = 1e6) -> float:
    """The least value at which `inside` turns true (it is false at 0 and true at `high`)."""
    low = 0.0
    for _ in range(80):
        middle = (low + high) / 2
        if inside(middle):
            high = middle
        else:
            low = middle
    return high


def _knob(unit: Unit) -> str:
    return "percent" if unit is Unit.PERCENT else unit.value


def _rag_share(case: Case) -> float | None:
    """How far short of its target (relative to it) a case is; None without a RAG."""

    def green_at(value: float) -> bool:
        rag = RagMargins(value, _HUGE)
        settings = replace(case.settings, rag=rag, rag_green=None, rag_amber=None)
        return outcome(case, MarkColumn.RAG, settings)[0] is Rag.GREEN

    if not green_at(_HUGE):
        return None
    if green_at(0.0):
        return 0.0
    return _bisect(green_at)


# The search ---------------------------------------------------------------------------------


def calibrate(cases: Sequence[Case], current: Settings | None = None) -> Calibration:
    """The general settings that reproduce the most printed marks, the simplest among equals."""
    current = current or Settings()
    base = Rule.of(current)
    marks = marked(cases)
    steps: dict[str, list[Step]] = {}
    shares: list[tuple[Case, float, Mark]] = []
    for case, column, printed in marks:
        if column is MarkColumn.RAG:
            share = _rag_share(case)
            if share is not None:
                shares.append((case, share, printed))
            continue
        step = _tolerance_step(case, column, printed)
        if step is not None:
            steps.setdefault(step.knob, []).append(step)
    slack = len(marks) // MARKS_PER_SLIP
    in_points = steps.pop("percent", [])
    percent = _best(in_points, base.percent, 1.0, slack) if in_points else base.percent
    relative, by_unit = _relative(steps, base, slack)
    green, amber = _margins(shares, base, slack)
    learned = Rule(percent, relative, by_unit, green, amber)
    if _agreement(marks, base) > _agreement(marks, learned):
        learned = base
    return Calibration(
        marks=len(marks),
        current=base,
        current_agree=_agreement(marks, base),
        learned=learned,
        learned_agree=_agreement(marks, learned),
        misses=_misses(marks, learned),
    )


def _agreement(marks: list[tuple[Case, MarkColumn, Mark]], rule: Rule) -> int:
    return sum(
        1
        for case, column, printed in marks
        if outcome(case, column, rule.apply(case.settings))[0] is printed
    )


def _score(steps: Sequence[Step], value: float) -> int:
    return sum(1 for step in steps if step.agrees(value))


def _regions(steps: Sequence[Step]) -> list[tuple[float, float, int]]:
    """Each range [low, high) of the setting over which the marks reproduced do not change."""
    edges = sorted({0.0, *(step.margin for step in steps)})
    bounds = [*edges, math.inf]
    return [(low, high, _score(steps, low)) for low, high in zip(bounds, bounds[1:], strict=False)]


def _best(steps: Sequence[Step], current: float, scale: float, slack: int = 0) -> float:
    """The value reproducing most marks (within `slack`): today's if it does, else the roundest.

    `scale` turns the setting into the figure people round (100 for a fraction, as per cent).
    """
    regions = _regions(steps)
    top = max(score for _, _, score in regions)
    near = [region for region in regions if region[2] >= top - slack]
    if any(low <= current + 1e-12 < high for low, high, _ in near):
        return current
    return _roundest(near, scale)


def _roundest(ranges: list[tuple[float, float, int]], scale: float) -> float:
    """The roundest value in any of the ranges; among equally round ones, the best scored."""
    for step in ROUND_STEPS:
        fits = []
        for low, high, score in ranges:
            multiple = max(math.ceil(low * scale / step - 1e-9), 1) * step / scale
            if multiple < high - 1e-12:
                fits.append((-score, multiple))
        if fits:
            return round(min(fits)[1], 10)
    low, high, _ = max(ranges, key=lambda region: region[2])
    return low if math.isinf(high) else (low + high) / 2


def _relative(
    steps: dict[str, list[Step]], base: Rule, slack: int
) -> tuple[float, dict[str, float]]:
    """The general relative tolerance, and per-unit ones where each earns its place."""
    by_unit = {unit: value for unit, value in base.by_unit.items() if unit not in steps}
    own: set[str] = set()
    while True:
        shared = [step for unit, found in steps.items() if unit not in own for step in found]
        relative = _best(shared, base.relative, 100.0, slack) if shared else base.relative
        gains = {}
        for name, found in steps.items():
            if name not in own:
                alone = _best(found, base.by_unit.get(name, relative), 100.0, slack)
                gains[name] = (_score(found, alone) - _score(found, relative), alone)
        if len(gains) < 2:
            break
        unit = max(gains, key=lambda name: gains[name][0])
        if gains[unit][0] < PER_UNIT_GAIN:
            break
        own.add(unit)
        by_unit[unit] = gains[unit][1]
    return relative, by_unit


def _margins(shares: list[tuple[Case, float, Mark]], base: Rule, slack: int) -> tuple[float, float]:
    """RAG green and amber margins reproducing most printed RAG letters, round ones first."""
    if not shares:
        return base.green, base.amber

    def rag_at(case: Case, share: float, green: float, amber: float) -> Mark:
        g = case.settings.rag_green if case.settings.rag_green is not None else green
        a = case.settings.rag_amber if case.settings.rag_amber is not None else amber
        return Rag.GREEN if share <= g + 1e-9 else Rag.AMBER if share <= a + 1e-9 else Rag.RED

    def score(green: float, amber: float) -> int:
        return sum(
            1 for case, share, printed in shares if rag_at(case, share, green, amber) is printed
        )

    edges = sorted({0.0, *(share for _, share, _ in shares)})
    ranges = list(zip(edges, [*edges[1:], math.inf], strict=True))
    scored = [((g, a), score(g[0], a[0])) for g in ranges for a in ranges if a[0] >= g[0]]
    top = max(value for _, value in scored)
    if score(base.green, base.amber) >= top - slack:
        return base.green, base.amber
    near = [(pair, value) for pair, value in scored if value >= top - slack]
    green = _roundest([(*g, value) for (g, _), value in near], 100.0)
    ambers = [(max(a[0], green), a[1], value) for (g, a), value in near if g[0] <= green < g[1]]
    return green, _roundest(ambers, 100.0)


def _misses(marks: list[tuple[Case, MarkColumn, Mark]], rule: Rule) -> list[Miss]:
    found = []
    for case, column, printed in marks:
        settings = rule.apply(case.settings)
        perfcli, reason = outcome(case, column, settings)
        if perfcli is printed:
            continue
        said = figures(column, case.measure, case.current, case.previous, case.comparator)
        found.append(
            Miss(case.label, column, printed, perfcli, said, reason, _why(case, column, printed))
        )
    return found


def _why(case: Case, column: MarkColumn, printed: Mark) -> str:
    if column is MarkColumn.RAG:
        return _why_rag(case, printed)
    if column is MarkColumn.PROGRESS and no_new_survey(case.measure, case.current):
        return (f"no new survey this period; if the dashboard repeats the last survey's mark, set "
                f"carry_survey_mark = true under [measures.{case.measure.id}]")  # fmt: skip
    step = _tolerance_step(case, column, printed)
    if step is None:
        return f"no setting gives {shown(printed)}: the tolerance does not change perfcli's judgement here"
    if step.wants is None:
        said = (f"no setting gives {shown(printed)}: within ±{_said(step)} perfcli gives "
                f"{shown(step.inside)}, beyond it {shown(step.outside)}")  # fmt: skip
        if case.measure.aim is Aim.BAND and case.measure.preferred_direction is None:
            said += (f"; a band measure is judged by its distance from the band unless "
                     f"preferred_direction is set under [measures.{case.measure.id}]")  # fmt: skip
        return said
    need = "of at least" if step.wants else "below"
    return f"would need a tolerance {need} ±{_said(step)}, against the other marks"


def _why_rag(case: Case, printed: Mark) -> str:
    share = _rag_share(case)
    if share is None:
        return "no setting gives a RAG here: perfcli sees no target to measure against"
    short = f"{_trim(share * 100)}%"
    need = {
        Rag.GREEN: f"a green margin of at least {short}",
        Rag.AMBER: f"a green margin below {short} and an amber one of at least {short}",
        Rag.RED: f"an amber margin below {short}",
    }[printed]  # type: ignore[index]
    return (f"{short} short of the target: would need {need}, against the other letters "
            f"(rag_green or rag_amber under [measures.{case.measure.id}] for this measure alone)")  # fmt: skip


def _said(step: Step) -> str:
    if step.knob == "percent":
        return f"{_trim(step.margin)} pp"
    return f"{_trim(step.margin * 100)}%"


def _trim(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
