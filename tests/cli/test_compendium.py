"""`perfcli draft-report --committee corporate`: the compendium from the workspace's judgements."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx

from tests.conftest import ROOT, perfcli

EXAMPLE = ROOT / "examples" / "compendium"


def drafted(workspace: Path) -> tuple[list[str], dict[str, dict]]:
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    run = perfcli(
        "draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace
    )
    assert "46 indicators in 4 themes" in run.stdout
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    rated = json.loads(perfcli("rate", "--period", "2023-24", "-f", "json", "-w", workspace).stdout)
    return [p.text for p in document.paragraphs], {m["id"]: m for m in rated["measures"]}


def test_the_compendium_counts_are_perfcli_rate_s(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    paragraphs, rated = drafted(workspace)
    progress = [m["progress"] for m in rated.values()]
    overall = next(p for p in paragraphs if p.startswith("Across all"))
    assert overall.startswith(
        f"Across all {len(rated)} indicators, {progress.count('improved')} improved on the previous "
        f"period, {progress.count('similar')} were broadly unchanged and "
        f"{progress.count('worse')} got worse."
    )
    for theme in ("Adult social care", "Communities and wellbeing"):
        text = next(p for p in paragraphs if f"{theme} dashboard" in p)
        found = re.search(r"dashboard's (\d+) indicators, (\d+|none) improved", text)
        assert found is not None
        # The workbook's Theme banner is the report line's theme, in the order rate lists them.
        ids = [m for m in rated if _theme_of(workspace, m) == theme]
        assert int(found.group(1)) == len(ids)
        assert int(found.group(2)) == sum(rated[m]["progress"] == "improved" for m in ids)


def _theme_of(workspace: Path, measure_id: str) -> str | None:
    from perfcli import Workspace

    with Workspace.open(workspace).store() as store:
        measure = store.measure(measure_id)
        return measure.theme if measure else None


def test_a_compendium_committee_needs_only_its_kind(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE / "data", workspace / "data")
    (workspace / "perfcli.toml").write_text('[committees.corporate]\nkind = "compendium"\n')
    paragraphs, _ = drafted(workspace)
    assert any(p.startswith("Across all 46 indicators") for p in paragraphs)
    # No index file named: the part says so rather than drawing an empty chart.
    assert "The workspace holds no spending and outcome figures for the index." in paragraphs


def test_the_compendium_passes_the_committee_report_s_accessibility_checks(tmp_path):
    """The checks tests/report/test_layout.py makes of the committee report, on the compendium."""
    from docx.oxml.ns import qn

    from tests.report.test_layout import A4, contrast

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    drafted(workspace)
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    for section in document.sections:  # A4, page numbers
        assert {round(section.page_width / 36000), round(section.page_height / 36000)} == A4
        footer = section.footer._element
        fields = [t.text for t in footer.iter(qn("w:instrText"))]
        fields += [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
        assert "PAGE" in " ".join(fields)
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs
              if p.style.name.startswith("Heading ")]  # fmt: skip
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    for style in document.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name.startswith(("heading", "Heading", "Title")):
            for colour in style.iter(qn("w:color")):
                assert contrast(colour.get(qn("w:val"))) >= 4.5, name
    for table in document.tables:  # header rows repeat; nothing merged
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert not list(table._tbl.iter(qn("w:gridSpan"))) and not list(
            table._tbl.iter(qn("w:vMerge"))
        )
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert pictures and all(p.get("descr") for p in pictures)
    fonts = {f.get(qn("w:ascii")) for f in document.styles.element.iter(qn("w:rFonts"))}
    assert fonts - {None} == {"Arial"}
    assert document.core_properties.language == "en-GB"
    text = " ".join(p.text for p in document.paragraphs).lower()
    assert "perfcli" not in text and "python-docx" not in (document.core_properties.comments or "")


def test_an_empty_comparative_part_says_why_and_what_to_do(tmp_path):
    """A trial's compendium said 'The workspace holds no comparator data' with comparator data
    imported: its council was not found in it. The example's SYNTHETIC comparators, with the
    workspace's area code set to one they do not hold."""
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text().replace('area_code = "E10000018"', 'area_code = "E99999999"')
    )
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    perfcli("import-national", workspace / "national" / "county-comparators-2019-20-to-2023-24-SYNTHETIC.csv",
            "-w", workspace)  # fmt: skip
    run = perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace,
                  "-f", "json")  # fmt: skip
    assert json.loads(run.stdout)["warnings"] == [
        "Parts 2 and 3 leave the council out: it is not among the comparator data's councils"
        ' (set area = "CODE" under [national] in perfcli.toml to its code there)'
    ]
    texts = [
        p.text
        for p in docx.Document(str(workspace / "reports" / "corporate-2023-24.docx")).paragraphs
    ]
    assert (
        "The council is not among the councils in the comparator data held, so it is not ranked here."
        in texts
    )
    assert "The workspace holds no comparator data to rank the councils on." not in texts
