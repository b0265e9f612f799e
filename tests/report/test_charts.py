"""Charts are real PNGs of print size, and their alt text states the point and its figures.

All spending and outcome figures here are SYNTHETIC.
"""

from __future__ import annotations

import io
import struct

import pytest

from perfcli.domain.cost_index import cost_index
from perfcli.report.charts import (
    index_chart,
    ordinal,
    quartile_mix_by_theme,
    quartile_mix_chart,
    spending_chart,
)

SPENDING = {"Avon": 1000.0, "Brent": 1200.0, "Carlow": 900.0, "Dale": 1500.0, "Eden": 1100.0}
OUTCOME = {"Avon": 2.5, "Brent": 3.5, "Carlow": 1.5, "Dale": 3.0, "Eden": 2.0}


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _opens(png: bytes) -> tuple[int, ...]:
    import matplotlib.image

    return matplotlib.image.imread(io.BytesIO(png), format="png").shape


def test_spending_chart() -> None:
    chart = spending_chart(SPENDING, "Avon", period="2023/24", note="SYNTHETIC figures")
    width, height = _size(chart.png)
    assert width >= 1200 and height > 300  # 16 cm at 200 dpi
    assert _opens(chart.png)[:2] == (height, width)
    assert "Avon spends £1,000 per head, the 2nd lowest of 5" in chart.alt_text
    assert "lowest is £900 (Carlow), the highest £1,500 (Dale)" in chart.alt_text
    assert "SYNTHETIC" in chart.title
    assert chart.table[2] == ["2", "Avon", "£1,000"]


def test_index_chart_names_the_council_its_rank_and_figures() -> None:
    chart = index_chart(cost_index(SPENDING, OUTCOME, council="Avon"), period="2023/24")
    assert _size(chart.png)[0] >= 1200
    # Worked in tests/domain/test_cost_index.py: Avon's index 0.67, 2nd of 5 (0.83 spending,
    # 0.50 outcome).
    assert (
        "Avon ranks 2nd of 5 with an index of 0.67 (spending score 0.83, outcome score 0.50)"
        in chart.alt_text
    )
    assert "highest index is 0.75 (Brent) and the lowest 0.38 (Dale)" in chart.alt_text
    assert chart.table[1] == ["1", "Brent", "£1,200", "0.50", "1.00", "0.75"]


def test_quartile_mix_of_one_theme() -> None:
    chart = quartile_mix_chart("Transport", {1: 1, 2: 5, 3: 3, 4: 4})
    assert _opens(chart.png)[2] in (3, 4)
    assert chart.alt_text == (
        "Transport: quartile position of indicators: of 13 indicators with benchmarking data, "
        "most often second quartile: 1 top, 5 second, 3 third, 4 bottom."
    )


def test_quartile_mix_of_one_indicator_in_one_theme_is_counted_in_the_singular() -> None:
    chart = quartile_mix_chart("Transport", {4: 1})
    assert "of 1 indicator with benchmarking data, most often bottom quartile" in chart.alt_text
    chart = quartile_mix_by_theme({"Transport": {4: 1}}, council="Avon")
    assert "1 indicator across 1 theme; 0 top, 0 second, 0 third, 1 bottom" in chart.alt_text


def test_quartile_mix_with_no_data_says_so() -> None:
    chart = quartile_mix_chart("Transport", {})
    assert "no indicator in this theme has benchmarking data" in chart.alt_text


def test_quartile_mix_by_theme() -> None:
    chart = quartile_mix_by_theme(
        {"Adult social care": {1: 4, 2: 3, 3: 3, 4: 2}, "Transport": {1: 1, 2: 5, 3: 3, 4: 4}},
        council="Avon",
    )
    _size(chart.png)
    assert "25 indicators across 2 themes; 5 top, 8 second, 6 third, 6 bottom" in chart.alt_text
    assert "Transport has the most in the bottom quartile (4)" in chart.alt_text
    assert chart.table[2] == ["Transport", "1", "5", "3", "4"]


def test_nothing_to_chart_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no council has a spending figure"):
        spending_chart({"Avon": None}, "Avon")
    with pytest.raises(ValueError, match="no council has both"):
        index_chart(cost_index({"Avon": None}, {"Avon": 1.0}))


@pytest.mark.parametrize(
    ("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (21, "21st"), (112, "112th")]
)  # fmt: skip
def test_ordinal(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_charts_do_not_load_matplotlib_for_help() -> None:
    import subprocess
    import sys

    code = "import sys, perfcli.cli, perfcli.report.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
