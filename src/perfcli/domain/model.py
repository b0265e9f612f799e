"""The records perfcli stores and exchanges: measures, their figures, report lines, published
quartiles, national rows."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field
from msgspec.structs import asdict, replace

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.figures import SCALES, Figure, Unit
from perfcli.domain.national_areas import AreaKind, area_kind
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.periods import Period
from perfcli.domain.values import BARE_NUMBER, ParsedValue, reason_in_words
from perfcli.location import Location


class Aim(StrEnum):
    HIGH = "high"
    LOW = "low"
    BAND = "band"
    INFO = "info"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"


class Basis(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    SNAPSHOT = "snapshot"


class PreviousBasis(StrEnum):
    """What the previous-performance column holds in a part-year report."""

    LIKE_FOR_LIKE = "like-for-like"
    YEAR_END = "year-end"


_AIMS = {
    "high": Aim.HIGH,
    "h": Aim.HIGH,
    "higher": Aim.HIGH,
    "low": Aim.LOW,
    "l": Aim.LOW,
    "lower": Aim.LOW,
    "target band width": Aim.BAND,
    "band": Aim.BAND,
    "target band": Aim.BAND,
    "n/a": Aim.INFO,
    "na": Aim.INFO,
    "info": Aim.INFO,
    "for information only": Aim.INFO,
    "for information": Aim.INFO,
    "information only": Aim.INFO,
}
# As dashboards (and perfcli's own returns) often say it: `Higher is better`, `Low is good`.
_AIMS.update(
    {f"{word} is {verdict}": aim
     for words, aim in ((("high", "higher", "bigger", "larger", "more"), Aim.HIGH),
                        (("low", "lower", "smaller", "less", "fewer"), Aim.LOW))
     for word in words for verdict in ("better", "good", "best")}
)  # fmt: skip


def parse_aim(text: str) -> Aim | None:
    """`High`, `H`, `Higher is better`, `Low`, `Target Band Width`, `N/A` -> Aim; None if not
    an aim."""
    return _AIMS.get(" ".join(text.lower().split()))


def aim_label(aim: Aim) -> str:
    return {Aim.HIGH: "High", Aim.LOW: "Low", Aim.BAND: "Target Band Width", Aim.INFO: "N/A"}[aim]


# Made once per row read (a measure, its figures, its line). Nothing changes one once made; a
# changed copy is made with msgspec.structs.replace.
class Measure(Struct, frozen=True, kw_only=True):
    id: str
    code: str
    description: str
    aim: Aim
    unit: Unit
    section: str | None = None
    outcome: str | None = None
    plan: str | None = None
    theme: str | None = None
    tags: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    frequency: Frequency | None = None
    basis: Basis | None = None
    survey: bool = False
    previous: PreviousBasis = PreviousBasis.LIKE_FOR_LIKE
    preferred_direction: Aim | None = None
    survey_period: str | None = None
    aliases: list[str] = field(default_factory=list)
    # The service owner who returns its figures (a key of [owners]), from an Owner column.
    owner: str | None = None


# Not frozen, as Measure.
class Observation(Struct, frozen=True, kw_only=True):
    """A measure's value for one period, with the text it was printed as."""

    measure_id: str
    period: str
    raw: str
    value: float | None = None
    unit: Unit | None = None
    decimals: int = 0
    scale: str = ""
    currency: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = None
    count_label: str | None = None
    # A confidence interval a source published beside the figure (`Lower CI`, `Upper CI`).
    lower_ci: float | None = None
    upper_ci: float | None = None
    status: str | None = None
    reason: str | None = None
    note: str | None = None

    @classmethod
    def from_parsed(cls, measure_id: str, period: Period, parsed: ParsedValue) -> Observation:
        figure = parsed.figure
        if figure is None:
            return cls(
                measure_id=measure_id, period=period.label, raw=parsed.raw.strip(),
                numerator=parsed.numerator, denominator=parsed.denominator, count=parsed.count,
                count_label=parsed.count_label, status=parsed.status, reason=parsed.reason,
                note=parsed.note,
            )  # fmt: skip
        return cls(
            measure_id=measure_id, period=period.label, raw=parsed.raw.strip(),
            value=figure.value, unit=figure.unit, decimals=figure.decimals, scale=figure.scale,
            currency=figure.currency, numerator=parsed.numerator,
            denominator=parsed.denominator, count=parsed.count, count_label=parsed.count_label,
            status=parsed.status, reason=parsed.reason, note=parsed.note,
        )  # fmt: skip

    @property
    def figure(self) -> Figure | None:
        if self.value is None:
            return None
        return Figure(self.value, self.unit, self.decimals, self.scale, self.currency)

    def printed(self, unit: Unit, beside: Observation | None = None) -> str:
        """The figure as a table shows it: as the dashboard printed it, but a bare number (a
        cell typed `81.2` or `2600000` in Excel's General format, an owner's return) in its
        measure's unit and with thousands separators, as the prose writes it (`81.2%`,
        `2,600,000`): a committee reads one figure one way in the paragraphs and the appendix.
        Beside a figure printed to a scale (`539.9k`), a bare number takes that scale and its
        places (`615100` is `615.1k`), so one row does not print its two figures two ways; not
        where they would lose it more than a hundredth (a re-check's 950 as `1.0k`, 49 `0.0k`)."""
        if not self.bare:
            return self.raw
        value = self.value
        assert value is not None  # a bare figure has one
        if beside is not None and beside.scale and not beside.bare and beside.value is not None:
            size = SCALES[beside.scale]
            shown = round(value / size, beside.decimals) * size
            if value and abs(shown - value) <= abs(value) / 100:
                return Figure(value, unit, beside.decimals, beside.scale).text()
        return Figure(value, unit, self.decimals, self.scale).text()

    @property
    def bare(self) -> bool:
        """Whether the figure was typed as a bare number: no unit, scale, currency or words."""
        return (
            self.value is not None and self.unit is None and bool(BARE_NUMBER.fullmatch(self.raw))
        )

    def same_figures(self, other: Observation) -> bool:
        """The same figure and words, whichever measure and period each is filed under."""
        mine, theirs = asdict(self), asdict(other)
        for key in ("measure_id", "period"):
            del mine[key], theirs[key]
        # `1234` typed again as `1,234` says the same: a revision is another figure or words.
        mine["raw"], theirs["raw"] = _unformatted(self.raw), _unformatted(other.raw)
        # A mark stored by an earlier release as its reason (`-`) is the same as its words.
        for held in (mine, theirs):
            held["reason"] = reason_in_words(held["reason"]) if held["reason"] else None
        return mine == theirs


def _unformatted(raw: str) -> str:
    """A figure's text without its thousands separators and spacing."""
    return "".join(raw.replace(",", "").split()) if any(c.isdigit() for c in raw) else raw


def replaces(held: Observation, incoming: Observation) -> bool:
    """Whether a figure read later takes the place of the one held for the same measure and
    period: it does when it differs, but a placeholder ("Due March 2022") from an older report
    never replaces a figure, nor does the held figure printed less precisely (a dashboard's
    `159.1k` read again over a return's `159,100`). A more precise figure that agrees with a
    rounded one held (`159,100` over `159.1k`) does. The store and `rate FILE` both ask this one
    function."""
    if incoming.value is None and held.value is not None:
        return False
    return (
        not held.same_figures(incoming)
        and not rounds_to(held, incoming)
        and not _says_less(held, incoming)
    )


_DETAILS = ("numerator", "denominator", "count", "lower_ci", "upper_ci")


def _beside_the_raw(observation: Observation) -> dict[str, object]:
    """Everything an observation says but its text, measure and period."""
    said = asdict(observation)
    for name in ("measure_id", "period", "raw"):
        del said[name]
    return said


def _says_less(held: Observation, incoming: Observation) -> bool:
    """Whether `incoming` is the held figure with what was said beside it left out: an owner's
    return confirming `88.3% (596 out of 675)` as `88.3`, which had dropped its counts (and with
    them its confidence interval and its verdict under `method = "confidence"`)."""
    if incoming.value is None or held.value is None or incoming.unit not in (None, held.unit):
        return False
    if any(getattr(incoming, name) is not None for name in (*_DETAILS, "status", "note")):
        return False
    bare = BARE_NUMBER.fullmatch(_unformatted(incoming.raw).strip("£$€%"))
    if bare and _beside_the_raw(held) == _beside_the_raw(incoming):
        return True  # `773` over `773 End of March 2024`: only the held one's words say its date
    if held.status not in (None, "actual") or held.note is not None:
        return False  # `Forecast` or a note no longer said: the figure says another thing
    if all(getattr(held, name) is None for name in _DETAILS):
        return False
    return printing_step(incoming) >= printing_step(held) and _prints_as(held.value, incoming)


def kept_for_return(held_from_return: bool, incoming_from_return: bool) -> bool:
    """Whether a figure held stays although a file read later says another: a figure an owner's
    return gave is replaced only by another return, never by a dashboard read again (drafted
    before the owner answered), as the return's commentary and approval are (line_read_again).
    The store asks this beside `replaces`; a file rated alone holds no returns."""
    return held_from_return and not incoming_from_return


def says_another_figure(held: Observation, incoming: Observation) -> bool:
    """Whether `incoming` gives another number than `held`, beyond what its printing rounds
    (`159.1k` for 159,100 or 159,149 is the same number; `597.9k` for 600,000 is not)."""
    if incoming.value is None:
        return False
    return held.value is None or not _prints_as(held.value, incoming)


# How an observation prints its figure; the rest of it (unit, counts, status, words) is what
# it says beside the figure.
_PRINTING = frozenset(("measure_id", "period", "raw", "value", "decimals", "scale"))


def rounds_to(precise: Observation, rounded: Observation) -> bool:
    """Whether `rounded` says what `precise` says, its figure printed less precisely: to fewer
    places or a larger scale (`159.1k` for 159,100 or 159,149), the value of `precise` rounding
    to it (either way at exactly half: Excel and Python round halves differently), and all else
    said beside the figure the same."""
    if rounded.value is None or precise.value is None:
        return False
    if printing_step(rounded) <= printing_step(precise) or not _prints_as(precise.value, rounded):
        return False
    mine, theirs = asdict(precise), asdict(rounded)
    return all(mine[name] == theirs[name] for name in mine if name not in _PRINTING)


def _prints_as(value: float, printed: Observation) -> bool:
    """Whether `value` rounds to `printed`'s figure at its printing (within half its step, either
    way at exactly half: Excel and Python round halves differently)."""
    assert printed.value is not None
    return abs(value - printed.value) <= printing_step(printed) / 2 * (1 + 1e-9)


def printing_step(observation: Observation) -> float:
    """The smallest change its figure could print: 100 for `159.1k`, 0.1 for `82.8%`."""
    return 10.0**-observation.decimals * SCALES[observation.scale]


QUARTILE_NAMES = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


class QuartilePosition(Struct, frozen=True, kw_only=True):
    """A published quartile read once: `3rd (2024) (Counties)`, `1st/2nd (2024)`, `4th*`.

    `best` and `worst` are equal but for a range (a survey result between two quartiles);
    `group` is the comparator group as the file names it (`England`, `Counties`, `CIPFA`,
    `Region` or free text; None when unsaid), `period` the vintage's label (the report's own
    period when none is printed), `printed` the cell as typed.
    """

    best: int
    worst: int
    period: str
    group: str | None = None
    printed: str = ""
    marks: str = ""
    period_printed: bool = True

    @property
    def quartile(self) -> int:
        """The quartile it is counted in: a range counts in its lower quartile, never flattering."""
        return self.worst

    @property
    def is_range(self) -> bool:
        return self.best != self.worst

    def covers(self, quartile: int) -> bool:
        return self.best <= quartile <= self.worst

    @property
    def shown(self) -> str:
        if self.printed:
            return self.printed
        names = "/".join(QUARTILE_NAMES[q] for q in range(self.best, self.worst + 1))
        return names


# Not frozen, as Measure.
class ReportLine(Struct, frozen=True, kw_only=True):
    """One measure's row in one period's dashboard: which figures, against what, and why."""

    report_period: str
    measure_id: str
    code: str
    description: str
    current_period: str
    previous_period: str | None = None
    comparator: Comparator | None = None
    commentary: str | None = None
    section: str | None = None
    outcome: str | None = None
    plan: str | None = None
    theme: str | None = None
    # The marks and quartile the dashboard printed, read once at import: the marks as values
    # (None where none was printed), the quartile as typed and as its position.
    published_rating: Rating | None = None
    published_progress: Progress | None = None
    published_rag: Rag | None = None
    published_quartile: str | None = None
    # Where each mark was printed (a MarkColumn's value -> its file, sheet and cell), so a
    # finding about a mark names its cell. Not compared (says_the_same): a line read again from
    # another file is the same line, kept with its own import's places.
    marks_at: dict[str, Location] = field(default_factory=dict)
    quartile: QuartilePosition | None = None
    override: str | None = None
    override_reason: str | None = None
    footnotes: list[str] = field(default_factory=list)
    position: int = 0
    # From a service owner's return (perfcli returns): the owner, who approved it and when,
    # and the year-end forecast given with the figure.
    returned_by: str | None = None
    approved_by: str | None = None
    approved_on: str | None = None
    forecast: float | None = None

    def says_the_same(self, other: ReportLine) -> bool:
        """Equal in all but where its marks were printed."""
        return replace(self, marks_at=other.marks_at) == other


# What an owner's return decides of a report line beside its figure (perfcli returns): its
# commentary, forecast, owner and approval, and the printed marks (kept where the owner's figure
# is the one the dashboard printed, cleared where it is another).
RETURN_FIELDS = (
    "commentary", "forecast", "returned_by", "approved_by", "approved_on", "published_rating",
    "published_progress", "published_rag",
)  # fmt: skip


def line_read_again(held: ReportLine, incoming: ReportLine) -> ReportLine:
    """The line to hold when `incoming` is read for the same report period and measure as
    `held`: `incoming`, but what an owner's return decided of a line (commentary, forecast,
    owner, approval, which printed marks still describe its figure) is replaced only by another
    return, never by a dashboard read again, as the owner's figure is (kept_for_return). The
    store and `rate FILE` both ask this one function."""
    if not kept_for_return(held.returned_by is not None, incoming.returned_by is not None):
        return incoming
    return replace(incoming, **{name: getattr(held, name) for name in RETURN_FIELDS})


class NationalRow(Struct, frozen=True):
    """One area's figure for a measure and period, from published comparator data."""

    measure_id: str
    period: str
    area_code: str
    area_name: str | None
    level: str | None
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    source: str | None = None
    # A confidence interval the source publishes for this area's figure.
    lower_ci: float | None = None
    upper_ci: float | None = None

    @property
    def is_england(self) -> bool:
        return area_kind(self.level) is AreaKind.ENGLAND

    @property
    def is_council(self) -> bool:
        """Ranked among the comparators: a level perfcli does not know is not (import warns)."""
        return area_kind(self.level) is AreaKind.COUNCIL
