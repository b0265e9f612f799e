"""Where `perfcli rate FILE --format json` spends its time, phase by phase, on a SYNTHETIC workbook.

Each process imports the modules the command uses (start-up), then runs it once, cold, with
each phase (reading cells, parsing rows, holding records, checks, rating, output) timed by
wrapping the function that does it; a phase whose function is gone (renamed in a later
refactor) is reported as not found, and its time falls into "the rest".
Run:  python benchmarks/breakdown.py [--measures 2000] [--reader fast|openpyxl] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

# (phase, module, function): a phase's time excludes the phases nested inside it. Start-up is
# not wrapped: it is the first run's time less the second's, plus the CLI's own import.
PHASES = [
    ("reading cells", "perfcli.importers.sheets", "read_sheets"),
    ("sizing sheets", "perfcli.importers.sheet_xml", "check_extent"),
    ("parsing rows", "perfcli.importers", "read_file"),
    ("scanning rows", "perfcli.importers.appendix_a", "_scan"),
    ("reading measure rows", "perfcli.importers.appendix_measure", "read_row"),
    ("holding records", "perfcli.domain.records", "FileRecords"),
    ("checks", "perfcli.api.files", "_refuse_one_period_twice"),
    ("rating", "perfcli.domain.assessment", "rate_period"),
    ("output", "perfcli.present.console", "emit"),
]

spent: dict[str, float] = defaultdict(float)
stack: list[str] = []


def timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if stack:
            spent[stack[-1]] += time.perf_counter()  # pause the enclosing phase
        stack.append(phase)
        spent[phase] -= time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += time.perf_counter()
            stack.pop()
            if stack:
                spent[stack[-1]] -= time.perf_counter()

    return wrapper


def wrap_phases() -> list[str]:
    """Wrap every phase's function where it is defined and where it was imported by name."""
    missing = []
    for phase, module_name, name in PHASES:
        try:
            module = importlib.import_module(module_name)
            original = getattr(module, name)
        except (ImportError, AttributeError):
            missing.append(phase)
            continue
        wrapped = timed(phase, original)
        for other in list(sys.modules.values()):
            if getattr(other, "__name__", "").startswith("perfcli") and (
                getattr(other, name, None) is original
            ):
                setattr(other, name, wrapped)
    return missing


def run_once(argv: list[str]) -> float:
    from perfcli import cli

    def returned() -> None:  # main() ends its process (os._exit); this one goes on
        raise SystemExit(0)

    cli._end = returned  # type: ignore[assignment]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        sys.argv = ["perfcli", *argv]
        cli.main()
    return time.perf_counter() - start


def child(path: Path) -> None:
    """One cold process: print the time of each phase of one run."""
    start = time.perf_counter()
    import perfcli.cli  # noqa: F401
    import perfcli.commands.rate  # noqa: F401

    for _, module_name, _ in PHASES:
        with contextlib.suppress(ImportError):
            importlib.import_module(module_name)
    start_up = time.perf_counter() - start
    missing = wrap_phases()
    whole = run_once(["rate", str(path), "-f", "json"])
    rows = {
        "start-up (the command's modules imported)": start_up,
        **spent,
        "the rest": whole - sum(spent.values()),
        "whole command": start_up + whole,
    }
    for phase, seconds in rows.items():
        print(f"{phase}\t{seconds}")
    for phase in missing:
        print(f"{phase}\tnot found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--reader", choices=["fast", "openpyxl"], default="fast")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    import subprocess

    from run import PY, large_workbook

    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "appendix.xlsx"
        large_workbook(book, measures=args.measures)
        results: dict[str, list[float]] = defaultdict(list)
        missing: set[str] = set()
        env = {**os.environ, "PERFCLI_READER": args.reader}
        for _ in range(args.runs):
            out = subprocess.run(
                [PY, __file__, "--child", str(book)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            for line in out.splitlines():
                phase, seconds = line.split("\t")
                if seconds == "not found":
                    missing.add(phase)
                else:
                    results[phase].append(float(seconds))
    print(f"rate FILE --format json, {args.measures:,} measures, reader {args.reader}:")
    print(f"medians of {args.runs} processes (the rest: what no phase's function wraps)")
    for phase, values in results.items():
        print(f"  {phase:<42} {statistics.median(values) * 1000:7.0f} ms")
    for phase in sorted(missing):
        print(f"  {phase:<42} not found: its function was renamed or moved; update PHASES")


if __name__ == "__main__":
    main()
