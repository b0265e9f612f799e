"""perfcli.results: every result type named from the package as from its own module, and a
command loading only its own family of results."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest

import perfcli
import perfcli.results
from tests.conftest import ROOT

FAMILIES = {
    "rating": ["MeasureRating", "RateResult"],
    "diff": ["DiffResult"],
    "files": ["ImportResult", "ValidationResult"],
    "catalogue": ["HistoryResult", "LinkResult", "MeasuresResult"],
    "national": ["BenchmarkResult", "IndexResult", "NationalFile", "RanksResult"],
    "calibration": ["CalibrationResult"],
}


@pytest.mark.parametrize(
    ("family", "name"), [(family, name) for family, names in FAMILIES.items() for name in names]
)
def test_each_result_type_is_the_same_class_from_the_package_and_its_module(family, name):
    home = import_module(f"perfcli.results.{family}")
    assert getattr(perfcli.results, name) is getattr(home, name)
    assert getattr(home, name).__module__ == f"perfcli.results.{family}"
    if name in perfcli.__all__:
        assert getattr(perfcli, name) is getattr(home, name)


def test_the_package_names_every_result_type_and_nothing_else():
    assert sorted(perfcli.results.__all__) == sorted(n for ns in FAMILIES.values() for n in ns)
    with pytest.raises(AttributeError, match="no attribute 'RATE_FIELDS'"):
        perfcli.results.RATE_FIELDS  # noqa: B018  # a column list lives with its result only


def test_rate_file_loads_the_ratings_results_and_no_other_family(tmp_path):
    book = ROOT / "examples" / "leicestershire" / "data" / "appendix-a-2023-24.xlsx"
    code = (
        "import sys; from perfcli.cli import app\n"
        "app(['rate', sys.argv[1], '-f', 'json'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('perfcli.results.')), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(book)], capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "['perfcli.results.rating']"
