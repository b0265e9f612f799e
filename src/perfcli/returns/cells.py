"""What a return's cells hold: each read at its cell (`K9`), the owner's figures checked against
the measure's unit, and printed as a dashboard prints them so that they read back as any figure."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from perfcli.domain.figures import Unit, places_for
from perfcli.domain.model import Measure, Observation
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import PeriodKind
from perfcli.domain.values import WRITTEN_NUMBER, parse_value
from perfcli.errors import PerfcliError
from perfcli.importers.grid import Cell, Sheet, column_letter
from perfcli.returns import DENOMINATOR, FIGURE, NUMERATOR, canonical

if TYPE_CHECKING:
    from perfcli.store.database import Store

CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def cell_at(sheet: Sheet, row: int, column: int) -> Cell | None:
    return sheet.rows.get(row, {}).get(column)


def value_at(sheet: Sheet, row: int, column: int) -> object:
    found = cell_at(sheet, row, column)
    if found is None:
        return None
    if found.value is None or found.value == "":
        return found.text or None
    return found.value


def text_at(sheet: Sheet, row: int, column: int) -> str:
    return canonical(value_at(sheet, row, column))


def lines_at(sheet: Sheet, row: int, column: int) -> str:
    """A cell's text with the lines the owner typed (Alt+Enter) kept, each line's spaces
    tidied and blank lines left out: commentary's points stay points."""
    value = value_at(sheet, row, column)
    if not isinstance(value, str):
        return canonical(value)
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def cell_ref(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def number_at(sheet: Sheet, row: int, column: int, unit: Unit) -> float | None:
    """A filled cell's number, checked against the unit's range; None when empty."""
    value = value_at(sheet, row, column)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    as_text = isinstance(value, str)  # typed as text: '84.5%' is 84.5 as it reads
    if isinstance(value, str):
        text = value.strip().removesuffix("%").rstrip()
        if not WRITTEN_NUMBER.fullmatch(text):  # `12,9` is no 129, nor `nan` a figure
            hint = (
                "write decimals with a point (12.9) and thousands in threes (12,900)"
                if "," in text
                else "type the number alone (88.3), without words or units"
            )
            raise sheet.error(f"{value!r} is not a number", cell_ref(row, column), hint=hint)
        value = float(text.replace(",", ""))
    if isinstance(value, date):  # a datetime too: a date typed, or a figure Excel made one
        raise sheet.error(
            f"{value.day} {value:%B %Y} is a date, not a figure", cell_ref(row, column),
            hint="type the figure (Excel may have made a typed '1/2' or '1-2' a date)",
        )  # fmt: skip
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise sheet.error(f"{canonical(value)!r} is not a number", cell_ref(row, column))
    number = float(value)
    cell = cell_at(sheet, row, column)
    shown_as = (cell.number_format or "") if cell is not None and not as_text else ""
    if "%" in shown_as.replace("\\%", ""):
        # '84.5%' typed into Excel or Calc is stored as 0.845 shown as a percentage: take the
        # figure the owner typed and sees.
        number = round(number * 100, 10)
    if unit is Unit.PERCENT and not 0 <= number <= 100:
        raise sheet.error(f"{number:g} is not a percentage (0 to 100)", cell_ref(row, column))
    if unit is Unit.COUNT and (number < 0 or not number.is_integer()):
        raise sheet.error(
            f"{number:g} is not a count (a whole number, 0 or more)", cell_ref(row, column)
        )
    if unit is not Unit.CURRENCY and number < 0:
        raise sheet.error(f"{number:g} is below 0", cell_ref(row, column))
    return number


def held_before(store: Store, measure_id: str, period: str) -> list[Observation]:
    """The measure's figures for periods that ended before `period` began, oldest first: what
    a return shows its owner, and what it asks and prints the owner's figure by."""
    start = parse_period(period).start
    return sorted(
        (o for o in (s.observation for s in store.observations(measure_id))
         if parse_period(o.period).end < start),
        key=lambda o: parse_period(o.period).sort_key(),
    )  # fmt: skip


def usual_places(held: list[Observation]) -> int:
    """The decimal places the latest of `held` is printed with, where it is printed in full (a
    dashboard's `159.1k` says nothing of a count's places)."""
    full = [o for o in held if o.value is not None and not o.scale]
    return full[-1].decimals if full else 0


def asks_for_parts(held: list[Observation]) -> bool:
    """Whether a return asks for the figure's numerator and denominator: where a figure `held`
    before it gave them (the return leaves the two cells locked otherwise)."""
    return any(o.numerator is not None and o.denominator is not None for o in held)


def observation_at(
    sheet: Sheet, row: int, measure: Measure, period: str, places: int, *, parts: bool = True
) -> Observation | None:
    """The owner's figure, printed to the measure's usual places (`places_for`); its numerator
    and denominator where the return asks for them (`parts`), else their cells stay empty."""
    value = number_at(sheet, row, FIGURE, measure.unit)
    numerator = number_at(sheet, row, NUMERATOR, Unit.COUNT)
    denominator = number_at(sheet, row, DENOMINATOR, Unit.COUNT)
    if not parts and (numerator is not None or denominator is not None):
        typed = NUMERATOR if numerator is not None else DENOMINATOR
        raise sheet.error("a locked cell was changed after the return was made",
                          cell_ref(row, typed), hint="only the white cells may be filled in")  # fmt: skip
    if value is None:
        if numerator is not None or denominator is not None:
            raise sheet.error("a numerator or denominator with no figure", cell_ref(row, FIGURE))
        return None
    if (numerator is None) != (denominator is None):
        # Named at the cell filled: where the return asks for neither, that is the one typed
        # into a locked cell; where it asks for both, the one given without its partner.
        given, lacking = (
            ("numerator", "denominator") if denominator is None else ("denominator", "numerator")
        )
        raise sheet.error(f"a {given} with no {lacking}: give both, or neither",
                          cell_ref(row, NUMERATOR if denominator is None else DENOMINATOR))  # fmt: skip
    if numerator is not None and denominator is not None and measure.unit is Unit.PERCENT:
        if denominator == 0 or abs(numerator / denominator * 100 - value) > 0.1:
            raise sheet.error(f"{value:g}% is not {numerator:,.0f} out of {denominator:,.0f}",
                              cell_ref(row, FIGURE))  # fmt: skip
    held = parse_period(period)
    printed = printed_as(value, places_for(value, places), measure.unit, numerator, denominator)
    if held.kind is PeriodKind.SNAPSHOT:  # a count at a date says its date, as dashboards do
        printed += f" {held.display}"
    return Observation.from_parsed(measure.id, held, parse_value(printed))


def printed_as(
    value: float, places: int, unit: Unit, numerator: float | None, denominator: float | None
) -> str:
    """The figure as a dashboard prints it, so it reads back as any imported figure does."""
    shown = f"{value:,.{places}f}"
    text = {Unit.PERCENT: f"{shown}%", Unit.RATE_PER_100K: f"{shown} per 100k"}.get(unit, shown)
    if unit is Unit.CURRENCY:
        text = f"£{shown}"
    if numerator is not None and denominator is not None:
        text += f" ({numerator:,.0f} out of {denominator:,.0f})"
    return text


def date_in(raw: object) -> tuple[date | None, str | None]:
    """A date cell as a date, or the text it holds when that is not one."""
    from perfcli.domain.dates import read_date

    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    try:
        return read_date(str(raw)), None
    except PerfcliError:
        return None, canonical(raw)
