"""Speed and memory of perfcli's commands at council and national scale, beside their floors.

All data is SYNTHETIC, generated here (never a council's figures):
  council   300 measures x 8 years, tidy workbook (measures sheet + values sheet)
  large     5,000 measures, Appendix A workbook
  national  150 councils x 300 measures x 10 years, long CSV (450,000 rows)
Each figure is the median of --runs whole-process runs; peak memory is the child's max RSS.
Run:  python benchmarks/run.py [--runs 3] [--skip-national]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable


def timed(command: list[str], cwd: Path, runs: int, setup: list[str] | None = None) -> tuple[float, float]:
    """Median seconds and peak MiB over `runs` whole-process runs."""
    seconds, peaks = [], []
    for _ in range(runs):
        if setup:
            subprocess.run(setup, cwd=cwd, check=True, capture_output=True)
        # stderr to a file, not a pipe: a full pipe that nobody reads would block the command.
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            seconds.append(time.perf_counter() - start)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode not in (0, 1):
                errors.seek(0)
                raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(seconds), max(peaks)


def council_workbook(path: Path, measures: int = 300, years: int = 8) -> None:
    from openpyxl import Workbook

    rng = random.Random(1)
    workbook = Workbook()
    defs = workbook.active
    defs.title = "Measures"
    defs.append(["ID", "Measure", "Description", "Aim", "Unit", "Section"])
    layers = ["Prevent Need", "Reduce Need", "Delay Need", "Meet Need"]
    for i in range(measures):
        unit = ("percent", "count", "rate_per_100k")[i % 3]
        defs.append([f"m{i}", "Local", f"Synthetic measure {i}", ("High", "Low")[i % 2], unit, layers[i % 4]])
    values = workbook.create_sheet("Values")
    values.append(["ID", "Period", "Value", "Comparator"])
    for i in range(measures):
        for year in range(2016, 2016 + years):
            label = f"{year}/{(year + 1) % 100:02d}"
            value = f"{rng.uniform(10, 95):.1f}%" if i % 3 == 0 else f"{rng.uniform(100, 900):.1f}"
            values.append([f"m{i}", label, value, f"{rng.uniform(10, 95):.1f}% {label} Nat. Ave." if i % 3 == 0 else ""])
    workbook.save(path)


def large_workbook(path: Path, measures: int = 5000) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from rate_vs_load import make_workbook

    make_workbook(path, measures)


def national_csv(path: Path, councils: int = 150, measures: int = 300, years: int = 10) -> None:
    rng = random.Random(2)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Area code", "Area name", "Measure", "Period", "Value"])
        for year in range(2014, 2014 + years):
            label = f"{year}/{(year + 1) % 100:02d}"
            for m in range(measures):
                for c in range(councils):
                    writer.writerow([f"X{c:08d}", f"Synthetic council {c}", f"Synthetic measure {m}", label, f"{rng.uniform(10, 95):.1f}"])


def docx_floor(path: Path, cells: int) -> list[str]:
    code = (
        "import docx, sys; d = docx.Document(); n = int(sys.argv[2]); rows = max(1, n // 9);"
        "t = d.add_table(rows=rows, cols=9)\nfor r in t.rows:\n    for c in r.cells: c.text = 'x'\n"
        "d.save(sys.argv[1])"
    )
    return [PY, "-c", code, str(path), str(cells)]


LOAD = "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True); [r for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]"


def row(name: str, result: tuple[float, float], floor: tuple[float, float] | None, target: str) -> str:
    seconds, peak = result
    if floor is None:
        return f"| {name} | {seconds:.2f} s | {peak:.0f} MiB | – | – | {target} |"
    return f"| {name} | {seconds:.2f} s | {peak:.0f} MiB | {floor[0]:.2f} s | {seconds / floor[0]:.1f}× | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    perfcli = [PY, "-m", "perfcli"]
    folder = Path(tempfile.mkdtemp(prefix="perfcli-bench-"))
    try:
        ws = folder / "ws"
        subprocess.run([*perfcli, "init", str(ws)], check=True, capture_output=True)
        config = ws / "perfcli.toml"
        config.write_text(config.read_text() + '\n[committees.bench]\nname = "Benchmark Committee"\n'
                          + '[national.measures]\n' + "".join(f'"Synthetic measure {m}" = "m{m}"\n' for m in range(300)))  # fmt: skip
        council, large, national = folder / "council.xlsx", folder / "large.xlsx", folder / "national.csv"
        council_workbook(council)
        large_workbook(large)
        lines = ["| command | median | peak memory | floor | × floor | target |", "| --- | --- | --- | --- | --- | --- |"]
        help_floor = timed([PY, "-c", "import typer"], folder, args.runs)
        lines.append(row("perfcli --help", timed([*perfcli, "--help"], folder, args.runs), help_floor, "≤ 1.5×"))
        reset = [PY, "-c", f"import pathlib; [p.unlink() for p in pathlib.Path({str(ws)!r}).glob('perfcli.db*')]"]
        load = timed([PY, "-c", LOAD, str(council)], folder, args.runs)
        lines.append(row("import council (300 × 8)", timed([*perfcli, "import", str(council), "-w", str(ws)], folder, args.runs, reset), load, "≤ 2×"))
        lines.append(row("validate council", timed([*perfcli, "validate", "-w", str(ws)], folder, args.runs), None, "–"))
        lines.append(row("rate --format json council", timed([*perfcli, "rate", "-w", str(ws), "-f", "json"], folder, args.runs), load, "≤ 2×"))
        lines.append(row("diff 2021-22 2022-23 council", timed([*perfcli, "diff", "2021-22", "2022-23", "-w", str(ws), "-f", "json"], folder, args.runs), None, "–"))
        floor_docx = timed(docx_floor(folder / "floor.docx", 300 * 9), folder, args.runs)
        lines.append(row("draft-report council", timed([*perfcli, "draft-report", "-c", "bench", "-w", str(ws), "--force"], folder, args.runs), floor_docx, "< 3 s"))
        large_load = timed([PY, "-c", LOAD, str(large)], folder, args.runs)
        lines.append(row("rate FILE --format json, 5,000 measures", timed([*perfcli, "rate", str(large), "-f", "json"], folder, args.runs), large_load, "≤ 2×"))
        if not args.skip_national:
            national_csv(national)
            lines.append(row("import-national 450,000 rows", timed([*perfcli, "import-national", str(national), "-w", str(ws)], folder, 1), None, "< 60 s, < 1 GB"))
            lines.append(row("benchmark over national data", timed([*perfcli, "benchmark", "-w", str(ws), "-f", "json"], folder, 1), None, "< 10 s, < 1 GB"))
        print("\n".join(lines))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
