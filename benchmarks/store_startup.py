"""What reading the store costs a command: `perfcli measures` and `perfcli rate` on the example
workspace (seeds 001-003 as imported), and the import of SQLAlchemy Core beside `sqlite3`, the
figure behind the store's choice of plain DB-API SQL (README, "The store: real columns").

Run:  python benchmarks/store_startup.py [--runs 7] [--perfcli PATH]
Medians of whole processes; SQLAlchemy is timed only when it is installed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "leicestershire"


def median_ms(command: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--perfcli", default=str(Path(sys.executable).parent / "perfcli"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ws = Path(folder) / "ws"
        shutil.copytree(EXAMPLE, ws)
        files = sorted(str(p) for p in (ws / "data").glob("*.xlsx"))
        subprocess.run([args.perfcli, "import", *files], cwd=ws, capture_output=True, check=True)
        for command in (["--help"], ["measures"], ["rate", "-p", "2023-24", "-f", "json"]):
            took = median_ms([args.perfcli, *command], ws, args.runs)
            print(f"perfcli {' '.join(command)}: {took:.0f} ms")
        for module in ("sqlite3", "sqlalchemy"):
            code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
            found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            if found.returncode == 0:
                print(f"import {module}: {float(found.stdout) * 1000:.0f} ms")
            else:
                print(f"import {module}: not installed")


if __name__ == "__main__":
    main()
