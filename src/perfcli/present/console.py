"""Terminal output: rich tables for people, plain when piped or NO_COLOR, JSON/CSV for programs."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def stdout_console() -> Console:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200, soft_wrap=False)
    return console


def stderr_console() -> Console:
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(stderr=True, highlight=False, soft_wrap=True, width=200)
    return console


class Env:
    """Where one command's output goes: made once per command, passed to whatever prints.

    Its consoles are made when first printed to, so JSON and CSV never load rich.
    """

    def __init__(self, out: Console | None = None, err: Console | None = None) -> None:
        self._out, self._err = out, err

    @classmethod
    def terminal(cls) -> Env:
        return cls()

    @property
    def out(self) -> Console:
        if self._out is None:
            self._out = stdout_console()
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            self._err = stderr_console()
        return self._err

    @property
    def stdout(self) -> IO[str]:
        """Where JSON and CSV are written: the console's file once there is a console."""
        return self._out.file if self._out is not None else sys.stdout

    @property
    def colour(self) -> bool:
        return self.out.is_terminal and not self.out.no_color

    def say(self, text: str) -> None:
        """A plain line on standard output, never read as markup."""
        self.out.print(text, markup=False)

    def warn(self, text: str) -> None:
        self.err.print(text, markup=False)


def table(title: str | None, columns: Sequence[str], console: Console) -> Table:
    from rich import box
    from rich.table import Table

    style = box.ROUNDED if console.is_terminal else box.SIMPLE_HEAD
    result = Table(title=title, box=style, title_justify="left", header_style="bold")
    for name in columns:
        result.add_column(name, overflow="fold")
    return result


def emit(
    env: Env,
    output: OutputFormat,
    data: Any,
    rows: Iterable[dict[str, Any]],
    fields: Sequence[str],
    show: Callable[[], None],
) -> None:
    """A result as asked for: `data` as JSON, `rows` as CSV, or a table for people from `show`."""
    if output is OutputFormat.JSON:
        write_json(env, data)
    elif output is OutputFormat.CSV:
        write_csv(env, rows, fields)
    else:
        show()


def _escape_formula(value: object) -> object:
    # Spreadsheet programs run cells starting with these as formulas: keep them text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def write_json(env: Env, data: Any) -> None:
    # One compact object: the C encoder is several times faster than an indented dump.
    env.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def write_csv(env: Env, rows: Iterable[dict[str, Any]], fields: Sequence[str]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        flat = {
            key: _escape_formula(
                json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
            )
            for key, value in row.items()
        }
        writer.writerow(flat)
    env.stdout.write(buffer.getvalue())
