"""Fuzzed workbooks and CSVs (synthetic): every run ends in a result or a one-line error, never a traceback."""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import HEADER, Run, last_error, perfcli

HEADERS = ["Measure", "Description", "Aim", "Comparator", "Rating", "Target", "2023/24 Performance",
           "2022/23 Performance", "Q5 Performance", "2023/34 Performance", "ID", "Commentary", "Section",
           "Period", "Value", "Unit", "Basis", "Frequency", "Override", "RAG", "Progress", "", "Ünïcødé ☃"]  # fmt: skip
VALUES = ["49.2%", "17.3k", "2,260.7k", "£915", "-£2.2m", "773 End of March 2024", "87.1% (1,227 out of 1,408)",
          "13.7 per 100k Pop. Actual 58 Admissions in 23/24", "Due June 2022", "N/A", "High", "Low", "H",
          "Target Band Width", "55% - 60% Local target 2023/24", "<1,575 Position as at 1st Jan 2023",
          "67.2% 22/23 Nat. Ave.", "17.3k Local target 2023/34", "For Information Only", "MTFS", "PREVENT NEED",
          "Local", "ASCOF 2A", "1..2", "12.3.4", "%", "£", "Q5", "2023/24", "=1+1", "@SUM(A1)", "+44", "-",
          "x" * 5000, "🙂 emoji", "\u202e reversed", "{{ title }}", "{% for %}", "<w:t>", "0", "-5", "104.0%",
          "better", "similar", "great", "academic_year", "snapshot", "weekly", None, 0.492, 17300, -1e308,
          float("inf"), True]  # fmt: skip


EXTRA = [
    "ID",
    "Commentary",
    "Section",
    "Unit",
    "Basis",
    "Frequency",
    "Override",
    "RAG",
    "Progress",
    "Rating",
]
CODES = ["Local", "ASCOF 2A", "ASCOF 2D <i>*BCF*</i>", "ASCOF 1E²", "", "Local", "Local"]
AIMS = ["High", "Low", "Target Band Width", "N/A", "H", "L"]
FIGURES = [v for v in VALUES if v != "=1+1"]
GOOD = ["49.2%", "17.3k", "£915", "773 End of March 2024", "87.1% (1,227 out of 1,408)", "0", "104.0%",
        "13.7 per 100k Pop. Actual 58 Admissions in 23/24", "Due June 2022", "N/A", "67.2% 22/23 Nat. Ave.",
        "55% - 60% Local target 2023/24", "<1,575 Position as at 1st Jan 2023", "For Information Only",
        "{{ title }}", "@SUM(A1)", 0.492, 17300, None]  # fmt: skip


def random_grid(rng: random.Random) -> list[list[object]]:
    """Two in three grids look like a dashboard, so that most runs get past the header."""
    if rng.random() < 2 / 3:
        return dashboard_grid(rng)
    width = rng.randint(1, 10)
    rows: list[list[object]] = []
    for _ in range(rng.randint(0, 4)):
        rows.append([rng.choice(VALUES) for _ in range(rng.randint(0, 3))])
    rows.append(rng.sample(HEADERS, k=min(width, len(HEADERS))))
    for _ in range(rng.randint(0, 12)):
        rows.append([rng.choice(VALUES) for _ in range(width)])
    return rows


def dashboard_grid(rng: random.Random) -> list[list[object]]:
    """A dashboard; one in three clean, to reach rating and the checks, the rest with stray cells."""
    clean = rng.random() < 1 / 3
    extras = ["Commentary", "Section"] if clean else EXTRA
    figures = GOOD if clean else FIGURES
    header = HEADER + rng.sample(extras, k=rng.randint(0, 2))
    if not clean and rng.random() < 0.2:  # one heading replaced by a stray one
        header[rng.randrange(len(header))] = rng.choice(HEADERS)
    rows: list[list[object]] = [[rng.choice(["Appendix A", "Adults 2023/24", None])], header]
    for i in range(rng.randint(0, 15)):
        if rng.random() < 0.1:
            rows.append(
                [
                    rng.choice(
                        ["PREVENT NEED", "Meet Need", "Supporting outcome: independence", None]
                    )
                ]
            )
            continue
        row: list[object] = [
            rng.choice(["Local", f"ASCOF {i}X", f"Local¹ <i>*BCF*</i> {i}"])
            if clean
            else rng.choice(CODES),
            rng.choice(
                [
                    f"Synthetic measure {i}",
                    f"% of people {i}",
                    "x" * 300 + str(i),
                    "{{ title }}" + str(i),
                ]
            )
            if clean or rng.random() < 0.95
            else None,
            rng.choice(AIMS) if clean or rng.random() < 0.9 else rng.choice(VALUES),
        ]
        row += [rng.choice(figures) for _ in header[3:]]
        rows.append(row)
    if not clean and len(rows) > 2 and rng.random() < 0.1:  # a formula without its saved value
        rows[-1][-1] = "=1+1"
    return rows


def write_xlsx(path: Path, rows: list[list[object]], rng: random.Random) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = rng.choice(["Appendix A", "Sheet1", "Ünï ☃", "x" * 31])
    for row in rows:
        sheet.append(
            [v if not (isinstance(v, float) and v in (float("inf"),)) else "inf" for v in row]
        )
    if sheet.max_row > 2 and rng.random() < 0.5:
        sheet.merge_cells(
            start_row=1, start_column=1, end_row=1, end_column=max(2, sheet.max_column)
        )
    if rng.random() < 0.3:
        sheet.row_dimensions[min(3, sheet.max_row)].hidden = True
    if rng.random() < 0.2:
        workbook.create_sheet("Empty")
    workbook.save(path)


def write_csv(path: Path, rows: list[list[object]], rng: random.Random) -> None:
    separator = rng.choice([",", ";", "\t"])
    text = "\n".join(
        separator.join("" if v is None else str(v).replace(separator, " ") for v in row)
        for row in rows
    )
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
    path.write_bytes(text.encode(encoding, errors="replace"))


def check(run: Run, command: str, path: Path) -> None:
    assert run.exit_code in (0, 1, 2)
    if command == "validate" and run.exit_code == 1 and not run.stderr:
        assert re.search(r"\d+ errors?,", run.stdout)  # validate's findings are its output
    elif run.exit_code:
        last = last_error(run.stderr)
        assert last.startswith("Error: "), run.stderr
        if run.exit_code == 1 and " found, nothing imported" not in last:
            assert last.startswith(f"Error: {path.name}"), last  # the file, then sheet and cell


def stored_rows(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db)
    try:
        return sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("measures", "observations", "report_lines", "imports")
        )
    finally:
        connection.close()


# Each seed's input once, and a workbook once per .xlsx reader (python-calamine's, the default,
# and openpyxl's): the reader is all that differs between the two runs of a seed. A CSV goes
# through neither, so its seed runs once.
SEEDS = range(300)
CASES = [
    pytest.param(seed, xlsx_reader, id=f"{seed}-{xlsx_reader}")
    for seed in SEEDS
    for xlsx_reader in (("fast", "openpyxl") if seed % 3 else ("csv",))
]


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace as `perfcli init` makes it, copied for each case (init is not under test)."""
    folder = tmp_path_factory.mktemp("fuzz") / "ws"
    perfcli("init", folder)
    return folder


@pytest.mark.parametrize(("seed", "xlsx_reader"), CASES)
def test_random_input_ends_cleanly(seed, xlsx_reader, tmp_path, initialised, monkeypatch):
    if xlsx_reader != "csv":
        monkeypatch.setenv("PERFCLI_READER", xlsx_reader)
    rng = random.Random(seed)
    path = tmp_path / ("fuzz.xlsx" if seed % 3 else "fuzz.csv")
    rows = random_grid(rng)
    if path.suffix == ".xlsx":
        write_xlsx(path, rows, rng)
    else:
        write_csv(path, rows, rng)
    shutil.copytree(initialised, tmp_path / "ws")
    for argv in (
        ["import", path, "-w", tmp_path / "ws"],
        ["validate", path],
        ["rate", path, "-f", "json"],
    ):
        run = _run(argv)
        check(run, argv[0], path)
        if argv[0] == "import" and run.exit_code:
            assert stored_rows(tmp_path / "ws" / "perfcli.db") == 0  # nothing half-written


def _run(argv) -> Run:
    for code in (0, 1, 2):
        try:
            return perfcli(*argv, exit=code)
        except AssertionError as error:
            if "wanted" not in str(error):
                raise
    raise AssertionError(f"unexpected exit code for {argv}")
