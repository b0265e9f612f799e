"""perfcli.results: every result type named from the package as from its own module (that
`rate FILE` loads only its own family is held in test_docs)."""

from __future__ import annotations

from importlib import import_module

import pytest

import perfcli
import perfcli.results

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
