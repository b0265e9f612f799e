"""The drafted report under `method = "confidence"`: the method stated once, SPC charts with alt text."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from tests.cli.test_confidence import STEADY, monthly
from tests.cli.test_example import import_all
from tests.conftest import perfcli


def _committee(path, lines: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("[committees.adults]\n", f"[committees.adults]\n{lines}\n", 1))


def test_the_example_report_under_the_confidence_method_states_it_once(example):
    _committee(example / "perfcli.toml", 'method = "confidence"')
    import_all(example)
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", example,
            "--meeting-date", "2025-09-01")  # fmt: skip
    document = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    texts = [p.text for p in document.paragraphs]
    stated = [t for t in texts if "Fingertips" in t]
    assert len(stated) == 1
    assert "95% confidence interval" in stated[0] and "99.8% interval" in stated[0]
    assert "±1.5 percentage points or ±3%" in stated[0]
    # It sits in the Background, before the Performance Update.
    assert texts.index(stated[0]) < texts.index("Performance Update: April to June 2025")
    # Seed 001's ASCOF 2E, 87.1% (1,227 out of 1,408): 81.6% lies outside the 99.8% interval.
    assert any("significantly higher than the national average of 81.6%" in t for t in texts)
    # ASCOF 2A, 82.8% (911 out of 1,100): 79.4% is outside the 95% interval but not the 99.8%.
    [reablement] = [t for t in texts if "82.8% (911 out of 1,100)" in t]
    assert "significantly" not in reablement.split("82.8%")[1].split("ASCOF 2D")[0]
    # Seed 001's ASCOF 2B: 14.3 per 100k (62 admissions) against 15.2: inside the interval.
    assert any("close to the national average" in t and "permanent admissions" in t for t in texts)


def test_the_house_rule_report_says_nothing_of_intervals(example):
    import_all(example)
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", example,
            "--meeting-date", "2025-09-01")  # fmt: skip
    document = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    assert not any("confidence" in p.text or "significant" in p.text for p in document.paragraphs)


def test_an_spc_chart_for_a_listed_measure_with_its_icons_in_the_alt_text(tmp_path):
    perfcli("init", tmp_path / "ws", "--council", "Testshire County Council")
    _committee(
        tmp_path / "ws" / "perfcli.toml", 'spc_charts = ["people-waiting-for-an-assessment"]'
    )
    shifted = STEADY + [v - 60 for v in STEADY]  # SYNTHETIC
    perfcli("import", "-w", tmp_path / "ws", monthly(tmp_path / "waiting.xlsx", "Low", shifted))
    perfcli("draft-report", "-c", "adults", "-p", "2024-03", "-w", tmp_path / "ws",
            "--meeting-date", "2024-06-03")  # fmt: skip
    document = docx.Document(tmp_path / "ws" / "reports" / "adults-2024-03.docx")
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == 1
    alt = pictures[0].get("descr")
    assert alt.startswith("People waiting for an assessment: 24 points from Apr 2022 to Mar 2024")
    assert "Variation: special cause improvement at the latest point, Mar 2024." in alt
    texts = [p.text for p in document.paragraphs]
    assert "People waiting for an assessment: statistical process control (XmR) chart" in texts


def test_the_chart_alt_text_states_both_icons():
    from perfcli.domain.spc import xmr
    from perfcli.report.charts import spc_chart

    steady = [412, 398, 405, 420, 401, 409, 415, 396, 404, 411, 399, 407]  # SYNTHETIC
    chart = xmr([f"p{i}" for i in range(24)], steady + [v - 60 for v in steady],
                improvement=-1, target=420, rebase=["p12"])  # fmt: skip
    drawn = spc_chart("Waiting", chart, lambda v: f"{v:.0f}", target=420)
    assert drawn.png.startswith(b"\x89PNG")
    assert "Variation: common cause at the latest point, p23." in drawn.alt_text
    assert "The limits were recalculated from p12." in drawn.alt_text
    assert "Assurance: the process limits are on the right side of the target 420" in drawn.alt_text
    assert drawn.table[1] == ["p0", "412", "common cause"]


def test_one_special_point_is_counted_in_the_singular():
    from perfcli.domain.spc import xmr
    from perfcli.report.charts import spc_chart

    values = [400 if i % 2 == 0 else 420 for i in range(20)]  # SYNTHETIC, one point far out
    values[10] = 520
    chart = xmr([f"p{i}" for i in range(20)], values, improvement=1)
    drawn = spc_chart("Visits", chart, lambda v: f"{v:.0f}")
    assert "1 of the 20 points shows special cause variation." in drawn.alt_text


def test_an_spc_chart_labels_no_more_points_than_fit():
    """A trial: eight `End of March 2023` labels overlapped into one another."""
    from perfcli.report.charts import label_step

    long = [f"End of {month} {year}" for year in (2023, 2024) for month in ("March", "June")] * 6
    assert label_step(long) == 6  # 24 points, four labels
    assert label_step([f"{y}/{(y + 1) % 100:02d}" for y in range(2000, 2024)]) == 3  # eight
    assert label_step(["Q1"] * 6) == 1
