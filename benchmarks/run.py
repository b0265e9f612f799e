"""Speed and memory of perfcli's commands at council and national scale, beside their floors.

All data is SYNTHETIC, generated here (never a council's figures):
  council   300 measures x 8 years, tidy workbook (measures sheet + values sheet)
  appendix  2,000 and 20,000 measures, Appendix A workbooks (percentages, counts, rates)
  national  150 councils x 300 measures x 10 years, long CSV (450,000 rows)
Workbooks are saved as Excel saves them: openpyxl writes each text inline in its cell, Excel
keeps one shared-strings table and records each sheet's dimension, and a reader's speed depends
on both, so the files are rewritten that way after openpyxl saves them.
Each command runs as a whole process, --runs times (at least 5), alternating with its floor so
that both see the same machine; figures are medians, and peak memory is the child's largest
resident set. The floor of a command that reads a workbook is openpyxl's read-only load of every
cell of it; `rate FILE` at 20,000 measures is also set beside python-calamine's read of every
sheet, the fastest reader perfcli could use. Each case's target is the one issue 28 sets: a
ratio of medians to a floor's, of peak memory to the floor's peak, or a time; the last column
says whether this run met it (PASS) or not (MISS). perfcli and its dependencies are compiled to
bytecode first, as installed packages are.
Run:  python benchmarks/run.py [--runs 5] [--skip-national] [--only "rate FILE"]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

PY = sys.executable
PERFCLI = [PY, "-m", "perfcli"]
LOAD = (
    "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True);"
    " [r for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]"
)
CALAMINE = (
    "import python_calamine, sys; wb = python_calamine.CalamineWorkbook.from_path(sys.argv[1]);"
    " [wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names]"
)
DOCX = (
    "import docx, sys; d = docx.Document(); rows = max(1, int(sys.argv[2]) // 9)\n"
    "t = d.add_table(rows=rows, cols=9)\nfor r in t.rows:\n    for c in r.cells: c.text = 'x'\n"
    "d.save(sys.argv[1])"
)


@dataclass
class Run:
    seconds: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one whole-process run."""
    # stderr to a file, not a pipe: a full pipe that nobody reads would block the command.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


@dataclass(frozen=True)
class Target:
    """What a case must meet; every bound given must hold."""

    text: str
    floor: float | None = None  # the median at most this many times the floor's
    calamine: float | None = None  # ... and this many times python-calamine's read
    memory: float | None = None  # peak memory at most this many times the floor's peak
    seconds: float | None = None
    mib: float | None = None

    def met(self, mine: Run, floor: Run | None, calamine: Run | None) -> str:
        bounds: list[tuple[float | None, float | None]] = [
            (self.floor, mine.median / floor.median if floor else None),
            (self.calamine, mine.median / calamine.median if calamine else None),
            (self.memory, mine.peak_mib / floor.peak_mib if floor else None),
            (self.seconds, mine.median),
            (self.mib, mine.peak_mib),
        ]
        checked = [
            value <= bound for bound, value in bounds if bound is not None and value is not None
        ]
        if not checked:
            return "–"
        return "PASS" if all(checked) else "MISS"


NONE = Target("–")


def measure(
    command: list[str], cwd: Path, runs: int, floors: tuple[list[str], ...] = (),
    setup: list[str] | None = None,
) -> list[Run]:  # fmt: skip
    """The command's runs and, run in turn with it, each floor's."""
    results = [Run([], 0.0) for _ in (command, *floors)]
    for warm_up in (command, *floors):  # untimed: the first run fills the disk cache
        if setup:
            subprocess.run(setup, cwd=cwd, check=True, capture_output=True)
        once(warm_up, cwd)
    for _ in range(runs):
        for result, each in zip(results, (command, *floors), strict=True):
            if setup and each is command:
                subprocess.run(setup, cwd=cwd, check=True, capture_output=True)
            seconds, peak = once(each, cwd)
            result.seconds.append(seconds)
            result.peak_mib = max(result.peak_mib, peak)
    return results


HEADER = [
    "| command | median | peak memory | floor | × floor | peak × floor's | calamine | × calamine"
    " | target | met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
]


def row(name: str, results: list[Run], target: Target) -> str:
    mine = results[0]
    floor = results[1] if len(results) > 1 else None
    calamine = results[2] if len(results) > 2 else None
    cells = [name, f"{mine.median:.2f} s", f"{mine.peak_mib:.0f} MiB"]
    if floor is not None:
        cells += [f"{floor.median:.2f} s", f"{mine.median / floor.median:.2f}×",
                  f"{mine.peak_mib / floor.peak_mib:.1f}× ({floor.peak_mib:.0f} MiB)"]  # fmt: skip
    else:
        cells += ["–", "–", "–"]
    if calamine is not None:
        cells += [f"{calamine.median:.2f} s", f"{mine.median / calamine.median:.1f}×"]
    else:
        cells += ["–", "–"]
    cells += [target.text, target.met(mine, floor, calamine)]
    return "| " + " | ".join(cells) + " |"


_INLINE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>'
)
_EMPTY_INLINE = re.compile(rb'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")? t="inlineStr"></c>')
_CELL_REF = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')


def as_excel_saves(path: Path) -> None:
    """Rewrite an openpyxl workbook as Excel would save it: text in one shared-strings table
    (openpyxl writes each text inline), and each sheet's dimension recorded."""
    strings: dict[bytes, int] = {}
    uses = 0

    def shared(match: re.Match[bytes]) -> bytes:
        nonlocal uses
        uses += 1
        index = strings.setdefault(match.group(3), len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), index)

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if "xl/sharedStrings.xml" in parts:
        return  # saved this way already
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = _INLINE.sub(shared, _EMPTY_INLINE.sub(b"", parts[name]))  # Excel drops ''

        if b't="inlineStr"' in xml:
            raise SystemExit(f"{name}: an inline string of a shape this rewrite does not know")
        refs = _CELL_REF.findall(xml)
        if refs:
            last_column = max((len(c), c) for c, _ in refs)[1].decode()
            last_row = max(int(r) for _, r in refs)
            dimension = f'<dimension ref="A1:{last_column}{last_row}"/>'.encode()
            xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
            xml = xml.replace(b"<sheetViews>", dimension + b"<sheetViews>", 1)
        parts[name] = xml
    table = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text for text in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (uses, len(strings), table)
    )
    types = parts["[Content_Types].xml"]
    if b"sharedStrings" not in types:
        parts["[Content_Types].xml"] = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    rels = parts["xl/_rels/workbook.xml.rels"]
    if b"sharedStrings" not in rels:
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def council_workbook(path: Path, measures: int = 300, years: int = 8) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    rng = random.Random(1)
    workbook = Workbook()
    defs = workbook.active
    assert isinstance(defs, Worksheet)  # a new workbook's one sheet
    defs.title = "Measures"
    defs.append(["ID", "Measure", "Description", "Aim", "Unit", "Section"])
    layers = ["Prevent Need", "Reduce Need", "Delay Need", "Meet Need"]
    for i in range(measures):
        unit = ("percent", "count", "rate_per_100k")[i % 3]
        aim = ("High", "Low")[i % 2]
        defs.append([f"m{i}", "Local", f"Synthetic measure {i}", aim, unit, layers[i % 4]])
    values = workbook.create_sheet("Values")
    values.append(["ID", "Period", "Value", "Comparator"])
    for i in range(measures):
        for year in range(2016, 2016 + years):
            label = f"{year}/{(year + 1) % 100:02d}"
            if i % 3 == 0:
                value = f"{rng.uniform(10, 95):.1f}%"
                comparator = f"{rng.uniform(10, 95):.1f}% {label} Nat. Ave."
            else:  # a count is whole (value.count_decimals warns of one that is not), a rate not
                places = 0 if i % 3 == 1 else 1
                value, comparator = f"{rng.uniform(100, 900):.{places}f}", ""
            values.append([f"m{i}", label, value, comparator])
    workbook.save(path)
    as_excel_saves(path)


def large_workbook(path: Path, measures: int = 5000, seed: int = 7) -> None:
    """The Appendix A layout: a title, a header, layer rows, and one row per measure."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    rng = random.Random(seed)
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "Appendix A"
    sheet.append(["Synthetic benchmark data - not a council's figures"])
    sheet.append([])
    sheet.append(["ID", "Measure", "Description", "Aim", "Comparator", "2023/24 Performance",
                  "2022/23 Performance"])  # fmt: skip
    n = 0
    for layer in ("PREVENT NEED", "REDUCE NEED", "DELAY NEED", "MEET NEED"):
        sheet.append([layer])
        for i in range(measures // 4):
            n += 1
            if i % 3 == 0:
                sheet.append([f"m{n}", "Local", f"Synthetic percentage {n}", "High",
                              f"{rng.uniform(40, 95):.1f}% 22/23 Nat. Ave.",
                              rng.uniform(40, 95) / 100, rng.uniform(40, 95) / 100])  # fmt: skip
                for column in (6, 7):
                    sheet.cell(sheet.max_row, column).number_format = "0.0%"
            elif i % 3 == 1:
                sheet.append([f"m{n}", "Local", f"Synthetic count {n}", "High",
                              f"{rng.uniform(100, 900):.1f}k Local target 2023/24",
                              f"{rng.uniform(100, 900):.1f}k", f"{rng.uniform(100, 900):.1f}k"])  # fmt: skip
            else:
                a, b = rng.randint(20, 90), rng.randint(20, 90)
                sheet.append([f"m{n}", "Local", f"Synthetic rate {n} per 100,000 pop.", "Low",
                              f"{rng.uniform(5, 20):.1f} per 100k pop. 22/23 Nat. Ave",
                              f"{a / 4.2:.1f} per 100k Pop. Actual {a} Admissions in 23/24",
                              f"{b / 4.2:.1f} per 100k Pop. Actual {b} Admissions in 22/23"])  # fmt: skip
    workbook.save(path)
    as_excel_saves(path)


def national_csv(path: Path, councils: int = 150, measures: int = 300, years: int = 10) -> None:
    rng = random.Random(2)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Area code", "Area name", "Measure", "Period", "Value"])
        for year in range(2014, 2014 + years):
            label = f"{year}/{(year + 1) % 100:02d}"
            for m in range(measures):
                writer.writerows(
                    [f"X{c:08d}", f"Synthetic council {c}", f"Synthetic measure {m}", label,
                     f"{rng.uniform(10, 95):.1f}"]
                    for c in range(councils)
                )  # fmt: skip


def draft_workspaces(folder: Path, appendix: Path) -> tuple[Path, Path]:
    """Two workspaces to draft reports from: `appendix` imported under a committee with no
    sections (so its report drafts every measure), and a copy of the bundled example."""
    big = folder / "ws-2000"
    subprocess.run([*PERFCLI, "init", str(big)], check=True, capture_output=True)
    config = big / "perfcli.toml"
    config.write_text(config.read_text() + '\n[committees.bench]\nname = "Benchmark Committee"\n')
    subprocess.run([*PERFCLI, "import", str(appendix), "-w", str(big)], check=True, capture_output=True)  # fmt: skip
    example = folder / "leicestershire"
    source = Path(__file__).resolve().parents[1] / "examples" / "leicestershire"
    shutil.copytree(source, example, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    data = sorted(str(p) for p in (example / "data").glob("*.xlsx"))
    subprocess.run([*PERFCLI, "import", *data, "-w", str(example)], check=True, capture_output=True)
    return big, example


def machine() -> str:
    """The machine the figures were taken on: they are ratios on it, not promises elsewhere."""
    import platform

    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = names[0].strip() if names else model
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (at least 5)")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--only", help="run only the cases whose name holds this text")
    parser.add_argument(
        "--reader", choices=["fast", "openpyxl"], default="fast", help="perfcli's .xlsx reader"
    )
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        council_workbook(args.build / "council.xlsx")
        large_workbook(args.build / "appendix-2000.xlsx", measures=2_000)
        large_workbook(args.build / "appendix-20000.xlsx", measures=20_000)
        return
    if args.runs < 5:
        parser.error("--runs: a median needs at least 5 runs")
    os.environ["PERFCLI_READER"] = args.reader
    import perfcli

    # As an installed package is: bytecode compiled, so no run pays for compiling.
    subprocess.run([PY, "-m", "compileall", "-q", str(Path(perfcli.__file__).parent)], check=True)
    folder = Path(tempfile.mkdtemp(prefix="perfcli-bench-"))
    try:
        lines = _run(folder, args.runs, args.skip_national, args.only or "")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{machine()}; medians of {args.runs} runs; reader: {args.reader}")
    print("\n".join(lines))


def _run(folder: Path, runs: int, skip_national: bool, only: str) -> list[str]:
    ws = folder / "ws"
    subprocess.run([*PERFCLI, "init", str(ws)], check=True, capture_output=True)
    config = ws / "perfcli.toml"
    mapping = "".join(f'"Synthetic measure {m}" = "m{m}"\n' for m in range(300))
    config.write_text(
        config.read_text()
        + '\n[committees.bench]\nname = "Benchmark Committee"\n[national.measures]\n'
        + mapping
    )
    council, national = folder / "council.xlsx", folder / "national.csv"
    small, large = folder / "appendix-2000.xlsx", folder / "appendix-20000.xlsx"
    # Built in a child: a child forked from a parent that holds the workbooks' objects would
    # count the parent's memory in its own peak.
    subprocess.run([PY, __file__, "--build", str(folder)], check=True)
    w = ["-w", str(ws)]
    subprocess.run([*PERFCLI, "import", str(council), *w], check=True, capture_output=True)
    load = [PY, "-c", LOAD, str(council)]
    load_small, load_large = [PY, "-c", LOAD, str(small)], [PY, "-c", LOAD, str(large)]
    calamine_large = [PY, "-c", CALAMINE, str(large)]
    big, example = draft_workspaces(folder, small)
    fresh = folder / "ws-import"
    subprocess.run([*PERFCLI, "init", str(fresh)], check=True, capture_output=True)

    def reset(workspace: Path) -> list[str]:
        return [PY, "-c", f"import pathlib; [p.unlink() for p in pathlib.Path({str(workspace)!r}).glob('perfcli.db*')]"]  # fmt: skip

    lines = list(HEADER)
    docx = [PY, "-c", DOCX, str(folder / "floor.docx")]
    cases = [
        ("perfcli --help", [*PERFCLI, "--help"], ([PY, "-c", "import typer"],), None, Target("≤ 1.5×", floor=1.5)),
        ("import council (300 × 8), fresh workspace", [*PERFCLI, "import", str(council), *w], (load,), reset(ws), Target("≤ 1.5×", floor=1.5)),
        ("import 2,000 measures, fresh workspace", [*PERFCLI, "import", str(small), "-w", str(fresh)], (load_small,), reset(fresh), Target("≤ 1.2×", floor=1.2)),
        ("validate council", [*PERFCLI, "validate", *w], (), None, NONE),
        ("rate --format json council", [*PERFCLI, "rate", *w, "-f", "json"], (load,), None, NONE),
        ("diff 2021-22 2022-23 council", [*PERFCLI, "diff", "2021-22", "2022-23", *w, "-f", "json"], (), None, NONE),
        ("draft-report council", [*PERFCLI, "draft-report", "-c", "bench", *w, "--force"],
         ([*docx, str(300 * 9)],), None, Target("< 3 s", seconds=3)),
        ("draft-report, 2,000 measures", [*PERFCLI, "draft-report", "-c", "bench", "-w", str(big), "--force"],
         ([*docx, str(2_000 * 9)],), None, Target("≤ 1.5 s", seconds=1.5)),
        ("draft-report, example workspace",
         [*PERFCLI, "draft-report", "--committee", "adults", "--period", "2023-24", "--force", "-w", str(example)],
         ([*docx, str(29 * 9)],), None, Target("≤ 0.5 s", seconds=0.5)),
        ("rate FILE --format json, 2,000 measures", [*PERFCLI, "rate", str(small), "-f", "json"], (load_small,), None, Target("≤ 1.0×", floor=1.0)),
        ("rate FILE --format json, 20,000 measures", [*PERFCLI, "rate", str(large), "-f", "json"], (load_large, calamine_large), None,
         Target("≤ 1.0×, ≤ 6× calamine, peak ≤ 2×", floor=1.0, calamine=6.0, memory=2.0)),
    ]  # fmt: skip
    for name, command, floors, setup, target in cases:
        if only in name:
            lines.append(row(name, measure(command, folder, runs, floors, setup), target))
            print(lines[-1], file=sys.stderr)
    if not skip_national:
        national_csv(national)
        limits = Target("< 60 s, < 1 GB", seconds=60, mib=1024)
        national_cases = [
            ("import-national 450,000 rows", [*PERFCLI, "import-national", str(national), *w], limits),
            ("benchmark over national data", [*PERFCLI, "benchmark", *w, "-f", "json"], Target("< 10 s, < 1 GB", seconds=10, mib=1024)),
            ("rate --format json with national data", [*PERFCLI, "rate", *w, "-f", "json"], Target("< 10 s, < 1 GB", seconds=10, mib=1024)),
        ]  # fmt: skip
        for name, command, target in national_cases:
            if only in name:
                lines.append(row(name, measure(command, folder, runs), target))
                print(lines[-1], file=sys.stderr)
    return lines


if __name__ == "__main__":
    main()
