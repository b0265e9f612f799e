"""Benchmark: `perfcli rate FILE --format json` against just loading the workbook with openpyxl.

The workbook is SYNTHETIC (generated here, not any council's figures): 2,000 measures in the
Appendix A layout with percentages, counts and rates. Reports medians over several runs, as
whole processes, and the ratio. Run:  python benchmarks/rate_vs_load.py [--measures 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD = "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True); [r for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]"


def make_workbook(path: Path, measures: int, seed: int = 7) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Appendix A"
    ws.append(["Synthetic benchmark data - not a council's figures"])
    ws.append([])
    ws.append(
        [
            "ID",
            "Measure",
            "Description",
            "Aim",
            "Comparator",
            "2023/24 Performance",
            "2022/23 Performance",
        ]
    )
    for layer in ("PREVENT NEED", "REDUCE NEED", "DELAY NEED", "MEET NEED"):
        ws.append([layer])
        for i in range(measures // 4):
            n = len(ws["A"])
            kind = i % 3
            if kind == 0:
                now, before = rng.uniform(40, 95), rng.uniform(40, 95)
                row = [
                    f"m{n}",
                    "Local",
                    f"Synthetic percentage {n}",
                    "High",
                    f"{rng.uniform(40, 95):.1f}% 22/23 Nat. Ave.",
                    now / 100,
                    before / 100,
                ]
                ws.append(row)
                ws.cell(ws.max_row, 6).number_format = "0.0%"
                ws.cell(ws.max_row, 7).number_format = "0.0%"
            elif kind == 1:
                row = [
                    f"m{n}",
                    "Local",
                    f"Synthetic count {n}",
                    "High",
                    f"{rng.uniform(100, 900):.1f}k Local target 2023/24",
                    f"{rng.uniform(100, 900):.1f}k",
                    f"{rng.uniform(100, 900):.1f}k",
                ]
                ws.append(row)
            else:
                a, b = rng.randint(20, 90), rng.randint(20, 90)
                row = [
                    f"m{n}",
                    "Local",
                    f"Synthetic rate {n} per 100,000 pop.",
                    "Low",
                    f"{rng.uniform(5, 20):.1f} per 100k pop. 22/23 Nat. Ave",
                    f"{a / 4.2:.1f} per 100k Pop. Actual {a} Admissions in 23/24",
                    f"{b / 4.2:.1f} per 100k Pop. Actual {b} Admissions in 22/23",
                ]
                ws.append(row)
    wb.save(path)


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "synthetic.xlsx"
        make_workbook(book, args.measures)
        load = median_seconds([sys.executable, "-c", LOAD, str(book)], args.runs)
        rate = median_seconds(
            [sys.executable, "-m", "perfcli", "rate", str(book), "--format", "json"], args.runs
        )
    print(f"measures: {args.measures}, runs: {args.runs} (medians, whole processes)")
    print(f"openpyxl read-only load: {load:.2f} s")
    print(f"perfcli rate --format json: {rate:.2f} s")
    print(f"ratio: {rate / load:.2f}x")


if __name__ == "__main__":
    main()
