"""An .xlsx styles part as openpyxl reads it: number formats, which make dates, and date serials.

Each cell style's number format (declared, or built in), whether a number in it is a date or a
duration, and the date, time or duration a saved serial stands for (and back).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# ECMA-376 part 1, 18.8.30: the number formats a workbook may use by id without declaring them
# (the table openpyxl reports; ids it leaves out read as General).
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
FIRST_CUSTOM_FORMAT = 164

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Which formats make a number a date, and which a duration: openpyxl's rules, so that both
# readers turn the same cells into dates.
_IGNORED_IN_DATES = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_EPOCH = datetime(1899, 12, 30)


# Raised by the fast reader's every module (fast_xlsx, xlsx_cells, this one): here, the lowest.
class Unsupported(Exception):
    """This file needs openpyxl to be read the way perfcli has always read it."""


class Style(Struct, frozen=True):
    number_format: str
    date: bool
    duration: bool


def cell_styles(sheet: Element) -> list[Style]:
    """Each cell style (an `s` attribute indexes this list): its number format, and whether a
    number in it is a date or a duration. `sheet` is the styles part's root."""
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in sheet.iter(f"{MAIN}numFmt")
    }
    cell_xfs = sheet.find(f"{MAIN}cellXfs")
    styles = []
    for xf in cell_xfs.iter(f"{MAIN}xf") if cell_xfs is not None else ():
        number = int(xf.get("numFmtId", "0"))
        if number in custom:
            code = custom[number]
        elif number < FIRST_CUSTOM_FORMAT:
            code = BUILTIN_FORMATS.get(number, "General")
        else:
            raise Unsupported(f"undeclared number format {number}")
        first = code.split(";")[0]
        is_date = _DATE_CODE.search(_IGNORED_IN_DATES.sub("", first)) is not None
        styles.append(Style(code, is_date, _DURATION.search(first) is not None))
    return styles


def from_serial(serial: float, duration: bool) -> datetime | time | timedelta:
    """A date serial as openpyxl turns it into a date, time or duration (1900 date system)."""
    if duration:
        span = timedelta(days=serial)
        if span.microseconds:
            return timedelta(
                seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
            )
        return span
    day, fraction = divmod(serial, 1)
    part = timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and part.days == 0:
        seconds, micro = divmod(part.seconds * 1_000_000 + part.microseconds, 1_000_000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return time(hour, minute, second, micro)
    if 0 < serial < 60:
        day += 1  # Excel counts a 29 February 1900 that never was
    try:
        return _EPOCH + timedelta(days=day) + part
    except OverflowError:
        raise Unsupported("a date serial beyond the calendar") from None


def _datetime_serial(moment: datetime) -> float:
    span = moment - _EPOCH
    serial = span.days + (span.seconds * 1_000_000 + span.microseconds) / 86_400_000_000
    return serial - 1 if serial < 61 else serial


# Keyed by the value's exact type, so each function is only ever given its own kind of value.
SERIALS: dict[type, Callable[[Any], float]] = {
    datetime: _datetime_serial,
    date: lambda d: _datetime_serial(datetime.combine(d, time())),
    time: lambda t: (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) / 86400,
    timedelta: lambda span: span.total_seconds() / 86400,
}
