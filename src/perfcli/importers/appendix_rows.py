"""Appendix A's rows under a heading: the heading in force, each row's kind and each role's cell."""

from __future__ import annotations

import re

from msgspec import Struct, field

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.marks import MarkColumn
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.periods import Period
from perfcli.domain.values import ParsedValue
from perfcli.importers.appendix_header import Header
from perfcli.importers.filing import Filing
from perfcli.importers.grid import Cell, CellRef, column_letter
from perfcli.importers.layout import looks_like_code

_LAYER = re.compile(r"^\d*\s*(prevent|reduce|delay|meet)(?:ing)?\s+needs?$", re.I)
FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹]|\*+)\s*(.+)$")
# The printed marks' columns, by the kind of mark each holds.
MARK_COLUMNS: dict[type, MarkColumn] = {
    Rating: MarkColumn.RATING, Progress: MarkColumn.PROGRESS, Rag: MarkColumn.RAG,
}  # fmt: skip


class HeadingInForce:
    """The heading in force, as the rows under it are read: which of its columns are there, and
    what each text of its comparator and figure columns reads as, read once. A dashboard repeats
    its wording row after row (`22/23 Nat. Ave.`, `per 100k Pop. Actual 60 Admissions in
    23/24`), and a look-up costs a fiftieth of a parse. The readings are kept while the heading
    is in force (its columns' periods place the texts), and are frozen values, so that no
    row's reading can change another's."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.marked = any(column.value in header.columns for column in MARK_COLUMNS.values())
        self.comparators: dict[str, Comparator | None] = {}
        # The figure columns' letters, for the cells a figure is read from (made once: a
        # cell's ref costs 0.4 µs a figure).
        self.letters = (
            column_letter(header.current[0]),
            column_letter(header.previous[0]) if header.previous else "",
        )
        self.current: dict[str, ParsedValue] = {}
        self.previous: dict[str, ParsedValue] = {}
        self.filed: dict[Filing, Period] = {}


class SheetState(Struct):
    """Where the reading of a sheet is: its report, the heading in force, the layer, plan and
    outcome the rows fall under, and the measures read so far."""

    report: Period
    heading: HeadingInForce
    told_apart: dict[tuple[str, str], str] = field(default_factory=dict)
    section: str | None = None
    plan: str | None = None
    outcome: str | None = None
    in_key: bool = False
    # Each measure's id -> the row it was read from.
    seen: dict[str, int] = field(default_factory=dict)


def layer_name(text: str) -> str:
    """A layer row's section name (`1 Preventing Needs` -> `Prevent Need`)."""
    match = _LAYER.match(text.strip())
    assert match is not None
    return f"{match.group(1).capitalize()} Need"


def classify(cells: dict[int, Cell], header: Header) -> str:
    """A row's kind under `header`: data (a measure's), outcome, layer, key, footnote, text (a
    banner's words) or stray."""
    code_col, desc_col = header.columns.get("code"), header.columns["description"]
    id_col = header.columns.get("id")
    has_code = (code_col in cells) or (id_col is not None and id_col in cells)
    if has_code and len(cells) > 1:
        # A measure's row, as most are: of the kinds below, only a plan or outcome heading
        # can have a code and more than one cell.
        first = cells[min(cells)].text.lower()
        if first.startswith("supporting outcome") or "strategic plan" in first:
            return "outcome"
        return "data"
    texts = [c.text for _, c in sorted(cells.items())]
    joined = " ".join(texts)
    if len(texts) == 1 and _LAYER.match(joined.strip()):
        return "layer"
    if texts[0].lower().startswith("supporting outcome"):
        return "outcome"
    if re.match(r"^key\b", texts[0], re.I) and len(texts) == 1:
        return "key"
    if FOOTNOTE.match(joined) and (len(texts) == 1 or not has_code):
        return "footnote"
    if len(texts) == 1 and desc_col not in cells and not looks_like_code(texts[0]):
        return "text"  # a banner's words, perhaps one row of several
    if "strategic plan" in texts[0].lower():
        return "outcome"
    if has_code or desc_col in cells:
        return "data"
    return "stray"


def role_cell(cells: dict[int, Cell], header: Header, role: str) -> Cell | None:
    """The row's cell for one of the heading's roles (None if it has none)."""
    column = header.columns.get(role)
    if column is None:
        return None
    last = header.joined.get(column)
    if last is None:
        return cells.get(column)
    parts = [cells[c] for c in range(column, last + 1) if c in cells]
    if not parts:
        return None
    # Typed across the heading's cells (`ASC` | `OF 3D`): read as one.
    return Cell(parts[0].row, parts[0].column, "".join(p.text for p in parts), None)


def _text(cells: dict[int, Cell], header: Header, role: str) -> str:
    cell = role_cell(cells, header, role)
    return cell.text if cell else ""


def role_texts(cells: dict[int, Cell], header: Header) -> dict[str, str]:
    """Each of the heading's roles -> its text in this row ("" for an empty cell)."""
    if header.joined:
        return {role: _text(cells, header, role) for role in header.columns}
    return {role: cells[c].text if c in cells else "" for role, c in header.columns.items()}


def role_ref(header: Header, number: int, role: str) -> CellRef:
    """Where a problem with a role's cell in row `number` points (column A if it has none)."""
    return CellRef(number, header.columns.get(role, 1))
