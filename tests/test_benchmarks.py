"""The benchmark scripts' own logic (never a timing): every phase breakdown.py wraps is where it
says, and run.py's PASS/MISS reads each target's bounds as issue 28 states them."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_every_phase_of_the_breakdown_is_found():
    breakdown = script("breakdown")
    names = [phase for phase, _, _ in breakdown.PHASES]
    assert names == ["reading cells", "sizing sheets", "parsing rows", "scanning rows",
                     "reading measure rows", "holding records", "checks", "rating",
                     "output"]  # fmt: skip
    for phase, module, name in breakdown.PHASES:
        assert callable(getattr(importlib.import_module(module), name, None)), phase


def test_the_breakdown_times_every_phase_of_a_whole_command(tmp_path):
    """A run on a small workbook prints a time for every phase: the command ran through them all
    in the child process, which main()'s own end of the process would otherwise cut short."""
    import subprocess

    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "breakdown.py"), "--measures", "40", "--runs", "1"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    timed = dict(re.findall(r"^  (.+?) +(\d+) ms$", done.stdout, re.M))
    phases = [phase for phase, _, _ in script("breakdown").PHASES]
    assert set(phases) <= timed.keys() and "not found" not in done.stdout, done.stdout
    assert int(timed["whole command"]) > 0


@pytest.mark.parametrize(
    ("target", "mine", "floor", "calamine", "met"),
    [
        ({"floor": 1.0}, (0.9, 50), (1.0, 40), None, "PASS"),
        ({"floor": 1.0}, (1.1, 50), (1.0, 40), None, "MISS"),
        ({"floor": 1.0, "calamine": 6.0, "memory": 2.0}, (1.0, 100), (1.0, 55), (0.2, 30), "PASS"),
        ({"floor": 1.0, "calamine": 6.0, "memory": 2.0}, (1.0, 129), (1.0, 55), (0.2, 30), "MISS"),
        ({"floor": 1.0, "calamine": 6.0, "memory": 2.0}, (1.0, 100), (1.0, 55), (0.1, 30), "MISS"),
        ({"seconds": 60, "mib": 1024}, (4.7, 249), None, None, "PASS"),
        ({"seconds": 10, "mib": 1024}, (11.0, 40), None, None, "MISS"),
        ({}, (1.0, 40), None, None, "–"),
    ],
)
def test_a_case_passes_only_within_every_bound_its_target_sets(target, mine, floor, calamine, met):
    run = script("run")

    def runs(pair):
        return None if pair is None else run.Run([pair[0]] * 5, pair[1])

    verdict = run.Target("t", **target).met(runs(mine), runs(floor), runs(calamine))
    assert verdict == met
