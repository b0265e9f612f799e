"""Learn a report's house rule: the rating settings that reproduce most of its printed marks."""

from __future__ import annotations

import math
from collections.abc import Sequence

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.mark_steps import (
    Case,
    Step,
    agreeing,
    marked,
    outcome,
    rag_share,
    settings_ranges,
    tolerance_step,
)
from perfcli.domain.marks import Mark, MarkColumn, figures, no_new_survey, shown
from perfcli.domain.model import Aim
from perfcli.domain.outcomes import Rag
from perfcli.domain.rating_settings import RagMargins, Settings, Tolerances

__all__ = ["Calibration", "Case", "Miss", "Rule", "calibrate"]

# Round values first: a house rule is "half a point", not "0.47 points".
ROUND_STEPS = [10.0, 5.0, 2.0, 1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]
# A per-unit tolerance must reproduce this many more marks than the general one: one mark alone
# is as likely a slip as a rule.
PER_UNIT_GAIN = 2
# For the same reason, in a long report a rounder setting (or today's) may reproduce one mark
# fewer than the best, per this many printed marks: a slip next to the rule must not move it.
MARKS_PER_SLIP = 100
# And today's setting stands unless another reproduces at least this many more marks: in a short
# dashboard one wrong letter (a G printed 21.7% short) once learned green = amber = 30%.
CHANGE_GAIN = 2


class Rule(Struct, frozen=True):
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


class Miss(Struct, frozen=True):
    """A printed mark the learned settings do not reproduce, with its figures and why."""

    label: str
    column: MarkColumn
    printed: Mark
    perfcli: Mark | None
    figures: str
    reason: str
    why: str


class Calibration(Struct, frozen=True):
    marks: int
    current: Rule
    current_agree: int
    learned: Rule
    learned_agree: int
    misses: list[Miss]
    # The best fit, round or not, and how many marks it reproduces (the same as learned's
    # when `best` was asked for, or when the round settings lose nothing).
    best: Rule | None = None
    best_agree: int = 0
    # How many of the marks `method = "confidence"` would reproduce with the learned settings,
    # and how many of its rating and progress marks had counts for an interval.
    confidence_agree: int = 0
    with_intervals: int = 0

    @property
    def roundness_costs(self) -> int:
        """How many marks the round settings reproduce fewer than the best fit."""
        return max(self.best_agree - self.learned_agree, 0)


# The search ---------------------------------------------------------------------------------


def calibrate(
    cases: Sequence[Case], current: Settings | None = None, *, best: bool = False
) -> Calibration:
    """The general settings that reproduce the most printed marks, the simplest among equals.

    In a long report a rounder setting may reproduce a mark fewer per hundred (a slip next to
    the rule must not move it); `best` takes the best fit instead, however unround.
    """
    current = current or Settings()
    base = Rule.of(current)
    marks = marked(cases)
    # The best fit is the best, however slight its gain on today's; the learned settings move
    # from today's only for a gain a slip could not make (CHANGE_GAIN), unless `best` is asked.
    held = 0 if best else CHANGE_GAIN - 1
    round_fit, round_agree = _learn(marks, base, 0 if best else len(marks) // MARKS_PER_SLIP, held)
    best_fit, best_agree = (round_fit, round_agree) if best else _learn(marks, base, 0, 0)
    if best_agree < round_agree:  # the knobs interact: the round fit is then the best one
        best_fit, best_agree = round_fit, round_agree
    agree, with_intervals = _confidence(marks, round_fit)
    return Calibration(
        marks=len(marks),
        current=base,
        current_agree=_agreement(marks, base),
        learned=round_fit,
        learned_agree=round_agree,
        misses=_misses(marks, round_fit, best_fit),
        best=best_fit,
        best_agree=best_agree,
        confidence_agree=agree,
        with_intervals=with_intervals,
    )


def _confidence(marks: list[tuple[Case, MarkColumn, Mark]], rule: Rule) -> tuple[int, int]:
    """Marks `method = "confidence"` reproduces, and rating or progress marks with intervals."""
    from perfcli.domain.confidence import Levels, interval, judge_by_confidence

    agree = with_intervals = 0
    levels = Levels()
    for case, column, printed in marks:
        settings = rule.apply(case.settings)
        if column is MarkColumn.RAG:
            agree += outcome(case, column, settings)[0] is printed
            continue
        judged, _ = judge_by_confidence(case.measure, case.current, case.previous,
                                        case.comparator, settings, levels)  # fmt: skip
        mark = judged.progress if column is MarkColumn.PROGRESS else judged.rating
        agree += mark is printed
        with_intervals += interval(case.measure, case.current, levels.level) is not None
    return agree, with_intervals


def _learn(
    marks: list[tuple[Case, MarkColumn, Mark]], base: Rule, slack: int, held: int
) -> tuple[Rule, int]:
    """The settings reproducing most marks, a mark fewer per `slack` allowed for roundness, and
    today's kept where it reproduces no more than `held` fewer."""
    steps: dict[str, list[Step]] = {}
    shares: list[tuple[Case, float, Mark]] = []
    for case, column, printed in marks:
        if column is MarkColumn.RAG:
            share = rag_share(case)
            if share is not None:
                shares.append((case, share, printed))
            continue
        step = tolerance_step(case, column, printed)
        if step is not None:
            steps.setdefault(step.knob, []).append(step)
    in_points = steps.pop("percent", [])
    percent = _best(in_points, base.percent, 1.0, slack, held) if in_points else base.percent
    relative, by_unit = _relative(steps, base, slack, held)
    green, amber = _margins(shares, base, slack, held)
    learned = Rule(percent, relative, by_unit, green, amber)
    current_agree, learned_agree = _agreement(marks, base), _agreement(marks, learned)
    if current_agree > learned_agree:  # the settings interact (one tolerance, two columns)
        return base, current_agree
    return learned, learned_agree


def _agreement(marks: list[tuple[Case, MarkColumn, Mark]], rule: Rule) -> int:
    return sum(
        1
        for case, column, printed in marks
        if outcome(case, column, rule.apply(case.settings))[0] is printed
    )


def _best(
    steps: Sequence[Step], current: float, scale: float, slack: int = 0, held: int = 0
) -> float:
    """The value reproducing most marks (within `slack`): today's if it does (within `held`),
    else the roundest.

    `scale` turns the setting into the figure people round (100 for a fraction, as per cent).
    """
    ranges = settings_ranges(steps)
    top = max(count for _, _, count in ranges)
    kept = top - max(slack, held)
    if any(low <= current + 1e-12 < high and count >= kept for low, high, count in ranges):
        return current
    return _roundest([each for each in ranges if each[2] >= top - slack], scale)


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
    steps: dict[str, list[Step]], base: Rule, slack: int, held: int
) -> tuple[float, dict[str, float]]:
    """The general relative tolerance, and per-unit ones where each earns its place."""
    by_unit = {unit: value for unit, value in base.by_unit.items() if unit not in steps}
    own: set[str] = set()
    while True:
        shared = [step for unit, found in steps.items() if unit not in own for step in found]
        relative = _best(shared, base.relative, 100.0, slack, held) if shared else base.relative
        gains = {}
        for name, found in steps.items():
            if name not in own:
                alone = _best(found, base.by_unit.get(name, relative), 100.0, slack, held)
                gains[name] = (agreeing(found, alone) - agreeing(found, relative), alone)
        if len(gains) < 2:
            break
        unit = max(gains, key=lambda name: gains[name][0])
        if gains[unit][0] < PER_UNIT_GAIN:
            break
        own.add(unit)
        by_unit[unit] = gains[unit][1]
    return relative, by_unit


def _margins(
    shares: list[tuple[Case, float, Mark]], base: Rule, slack: int, held: int
) -> tuple[float, float]:
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

    # For each range of green margins, the amber margin is a one-setting sweep of its own.
    edges = sorted({0.0, *(share for _, share, _ in shares)})
    scored = []
    for green_range in zip(edges, [*edges[1:], math.inf], strict=True):
        fixed, steps = 0, []
        for case, share, printed in shares:
            own_green, own_amber = case.settings.rag_green, case.settings.rag_amber
            if share <= (green_range[0] if own_green is None else own_green) + 1e-9:
                fixed += printed is Rag.GREEN
            elif own_amber is not None:
                fixed += (Rag.AMBER if share <= own_amber + 1e-9 else Rag.RED) is printed
            else:
                steps.append(Step("amber", share, Rag.AMBER, Rag.RED, printed))
        for low, high, value in settings_ranges(steps):
            if high > green_range[0]:  # an amber margin is never below the green one
                scored.append(((green_range, (max(low, green_range[0]), high)), fixed + value))
    top = max(value for _, value in scored)
    if score(base.green, base.amber) >= top - max(slack, held):
        return base.green, base.amber
    near = [(pair, value) for pair, value in scored if value >= top - slack]
    green = _roundest([(*g, value) for (g, _), value in near], 100.0)
    ambers = [(max(a[0], green), a[1], value) for (g, a), value in near if g[0] <= green < g[1]]
    if any(low <= base.amber < high for low, high, _ in ambers):  # no letter asks to move it
        return green, base.amber
    return green, _roundest(ambers, 100.0)


def _misses(marks: list[tuple[Case, MarkColumn, Mark]], rule: Rule, best: Rule) -> list[Miss]:
    """The marks `rule` does not reproduce, each with why: one the `best` fit reproduces is one
    a setting would give without losing another, left only because one mark is not a rule."""
    found = []
    for case, column, printed in marks:
        settings = rule.apply(case.settings)
        perfcli, reason = outcome(case, column, settings)
        if perfcli is printed:
            continue
        said = figures(column, case.measure, case.current, case.previous, case.comparator)
        alone = outcome(case, column, best.apply(case.settings))[0] is printed
        why = _why(case, column, printed, alone)
        found.append(Miss(case.label, column, printed, perfcli, said, reason, why))
    return found


def _survey_gap_unknown(case: Case) -> bool:
    """No figure, and a note that names a survey, for a measure not (yet) defined as a survey."""
    current = case.current
    if case.measure.survey or (current is not None and current.value is not None):
        return False
    said = " ".join(filter(None, (current.raw, current.reason, current.note))) if current else ""
    return "survey" in said.lower()


def _why(case: Case, column: MarkColumn, printed: Mark, alone: bool = False) -> str:
    if column is MarkColumn.RAG:
        return _why_rag(case, printed, alone)
    if column is MarkColumn.PROGRESS and no_new_survey(case.measure, case.current):
        return (f"no new survey this period; if the dashboard repeats the last survey's mark, set "
                f"carry_survey_mark = true under [measures.{case.measure.id}]")  # fmt: skip
    if column is MarkColumn.PROGRESS and _survey_gap_unknown(case):
        return (f"no figure this period, and its note speaks of a survey; if the dashboard repeats "
                f"the last survey's mark, set survey = true and carry_survey_mark = true under "
                f"[measures.{case.measure.id}]")  # fmt: skip
    step = tolerance_step(case, column, printed)
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
    return f"would need a tolerance {need} ±{_said(step)}, {_against(alone, 'marks')}"


def _why_rag(case: Case, printed: Mark, alone: bool = False) -> str:
    share = rag_share(case)
    if share is None:
        return "no setting gives a RAG here: perfcli sees no target to measure against"
    short = f"{_trim(share * 100)}%"
    need = {
        Rag.GREEN: f"a green margin of at least {short}",
        Rag.AMBER: f"a green margin below {short} and an amber one of at least {short}",
        Rag.RED: f"an amber margin below {short}",
    }[Rag(printed)]
    return (f"{short} short of the target: would need {need}, {_against(alone, 'letters')} "
            f"(rag_green or rag_amber under [measures.{case.measure.id}] for this measure alone)")  # fmt: skip


def _against(alone: bool, marks: str) -> str:
    """Why the learned settings do not give it: the other marks, or one mark being no rule."""
    if alone:
        return (
            f"which no other {marks[:-1]} is against, but one {marks[:-1]} alone does not move"
            " today's setting ('perfcli calibrate --best' takes it)"
        )
    return f"against the other {marks}"


def _said(step: Step) -> str:
    if step.knob == "percent":
        return f"{_trim(step.margin)} pp"
    return f"{_trim(step.margin * 100)}%"


def _trim(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
