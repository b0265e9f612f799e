"""Issue 24: the committee report drafted from the dashboards typed as published (seeds 000 and
001, no ID column) in a fresh `init` workspace, read back cell by cell: the printed survey marks,
headers that never claim a period for a cell that does not state its own, and seed 001's
six-month waiters kept as the quarter's figure."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from perfcli.domain.period_parsing import find_periods
from tests.cli.test_as_published import REWORDED, VOLUNTEERING
from tests.conftest import HEADER, ROOT, appendix_workbook, perfcli, unwrapped
from tests.typed_seeds import seed_000, seed_001

SURVEYS = ["ascof-3c1", "ascof-3c2", "ascof-5a1", "ascof-5a2", "ascof-4a"]
# Seed 001's Progress column for the five surveys, which had no new survey that quarter.
PRINTED = {"ASCOF 3C1": "◀▶ Similar", "ASCOF 3C2": "▲ Improved", "ASCOF 5A1": "▼ Not as good",
           "ASCOF 5A2": "◀▶ Similar", "ASCOF 4A": "▼ Not as good"}  # fmt: skip
SIX_MONTHS = "number-of-people-awaiting-a-care-assessment-for-more-than-six-months"


def carry_survey_marks(ws: Path) -> None:
    config = ws / "perfcli.toml"
    extra = "".join(f"\n[measures.{m}]\ncarry_survey_mark = true\n" for m in SURVEYS)
    config.write_text(config.read_text() + extra)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("as-drafted")
    perfcli("init", root / "ws", "--council", "Leicestershire County Council")
    ws = root / "ws"
    carry_survey_marks(ws)
    perfcli("import", seed_000(root / "seed000.xlsx"), "-w", ws, "--force")
    perfcli("import", seed_001(root / "seed001.xlsx"), "-w", ws, "--force")
    out = root / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", ws, "-o", out)
    return ws, out


def appendix_rows(path: Path) -> list[dict[str, str]]:
    """Every Appendix A row as {header: cell}."""
    rows = []
    for table in docx.Document(str(path)).tables:
        header = [c.text for c in table.rows[0].cells]
        if "Progress" not in header:
            continue
        rows += [dict(zip(header, (c.text for c in r.cells), strict=True)) for r in table.rows[1:]]
    return rows


def rated(ws: Path) -> dict[str, dict]:
    out = perfcli("rate", "-w", ws, "-p", "2025-26-Q1", "-f", "json").stdout
    return {m["id"]: m for m in json.loads(out)["measures"]}


def test_the_printed_survey_marks_are_in_appendix_a_and_rate_agrees(drafted):
    ws, out = drafted
    shown = {r["Measure"]: r["Progress"] for r in appendix_rows(out) if r["Measure"] in PRINTED}
    assert shown == PRINTED
    words = {"◀▶ Similar": "similar", "▲ Improved": "improved", "▼ Not as good": "worse"}
    measures = rated(ws)
    assert {measures[m]["code"]: measures[m]["progress"] for m in SURVEYS} == {
        code: words[mark] for code, mark in PRINTED.items()
    }
    assert all("carried" in measures[m]["progress_reason"] for m in SURVEYS)


def test_without_the_setting_a_survey_with_no_new_figure_is_not_rated(tmp_path):
    perfcli("init", tmp_path / "ws")
    perfcli("import", seed_001(tmp_path / "seed001.xlsx"), "-w", tmp_path / "ws", "--force")
    measures = rated(tmp_path / "ws")
    assert {measures[m]["progress"] for m in SURVEYS} == {"not_rated"}


def test_no_header_claims_a_period_for_a_cell_that_does_not_state_its_own(drafted):
    ws, out = drafted
    measures = rated(ws)
    by_description = {m["description"]: m for m in measures.values()}
    rows = appendix_rows(out)
    current, previous = "2025/26 Q1 Performance", "2024/25 Q1 Performance"
    checked = 0
    for row in rows:
        m = by_description[row["Description"]]
        for column, period, header in (("period", current, "2025-26-Q1"),
                                       ("previous_period", previous, "2024-25-Q1")):  # fmt: skip
            text = row[period]
            own = m[column]
            if not text or text.startswith("Survey is") or own in (header, None):
                continue
            checked += 1
            stated = [f.period.end for f in find_periods(text) if f.period is not None]
            assert stated, (row["Measure"], text)
            assert len(stated) == len(set(stated)), text  # said once
    assert checked >= 15
    lals = next(r for r in rows if "LALS" in r["Description"])
    assert (lals[current], lals[previous]) == (
        "84.8% (2024/25 academic year)", "85.8% (2023/24 academic year)"
    )  # fmt: skip
    waiting = next(r for r in rows if r["Description"].endswith("more than six months"))
    assert waiting[previous] == "61 (9.1% of total waiting at end of Mar-25)"


def test_the_six_month_waiters_50_is_the_quarters_figure_named_by_its_cell(drafted, tmp_path):
    ws, out = drafted
    held = json.loads(perfcli("history", SIX_MONTHS, "-w", ws, "-f", "json").stdout)["history"]
    values = {h["period"]: h["value_text"] for h in held if h["status"] == "current"}
    assert values["2025-06-30"] == "50 (8.3% of total waiting at end of Mar-25)"
    assert values["2025-03-31"] == "61 (9.1% of total waiting at end of Mar-25)"
    assert not [h for h in held if h["status"] != "current"]  # nothing superseded
    found = json.loads(perfcli("validate", "-w", ws, "-p", "2025-26-Q1", "-f", "json",
                               exit=0).stdout)["findings"]  # fmt: skip
    (restated,) = [f for f in found if f["code"] == "period.restated"]
    assert restated["location"] == 'seed001.xlsx, sheet "Appendix A", cell F51'
    assert "filed as End of June 2025" in restated["message"]
    assert not [f for f in found if f["code"] == "period.same"]
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "was 50 at the end of June 2025, a fall of 11" in text
    assert "rise of 0" not in text
    # Without --force the import refuses, naming the cell.
    perfcli("init", tmp_path / "fresh")
    run = perfcli("import", seed_001(tmp_path / "s.xlsx"), "-w", tmp_path / "fresh", exit=1)
    said = unwrapped(run.stderr)
    assert "cell F51: number-of-people-awaiting-a-care-assessment-for-more-than-six-months:" in said
    assert "states End of March 2025, the period of the previous column's figure" in said


def test_the_proof_finds_the_six_month_waiters_cell_that_states_march(drafted, tmp_path):
    # Seed 001 prints June's 50 with March's date; import keeps the cell's words as typed, so
    # the proof must send it back until the dashboard is corrected.
    ws, _ = drafted
    run = perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", ws,
                  "-o", tmp_path / "final.docx", "--final", exit=1)  # fmt: skip
    said = " ".join((run.stdout + run.stderr).split())
    assert re.search(r"Appendix A table \d+, row \d+ \(Number of people awaiting a care assessm\S*\):"
                     r" header: '50 \(8\.3% of total waiting at end of Mar-25\)' states End of"
                     r" March 2025, but is the figure for End of June 2025", said)  # fmt: skip
    assert "LALS" not in said and "academic year" not in said  # its own years are no slip
    assert not (tmp_path / "final.docx").exists()


# Item 4: one figure, one verdict, in the committee report and the compendium ------------------

DELAY = "% of sequels that 'Delay Need'"
ARROWS = {"▲ Improved": "↑ Improved", "◀▶ Similar": "→ Similar", "▼ Not as good": "↓ Worse"}


def test_a_band_measure_has_one_verdict_in_every_document(tmp_path):
    perfcli("init", tmp_path / "ws")
    ws = tmp_path / "ws"
    config = ws / "perfcli.toml"
    config.write_text(
        config.read_text()
        + '\n[measures.pct-of-sequels-that-delay-need]\npreferred_direction = "high"\n'
        + '\n[committees.corporate]\nkind = "compendium"\n'
    )
    perfcli("import", seed_000(tmp_path / "seed000.xlsx"), "-w", ws, "--force")
    committee, compendium = tmp_path / "adults.docx", tmp_path / "corporate.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2023-24", "-w", ws, "-o", committee)
    perfcli("draft-report", "-c", "corporate", "-p", "2023-24", "-w", ws, "-o", compendium)
    appendix = {r["Description"]: r for r in appendix_rows(committee)}
    dashboards = {}
    for table in docx.Document(str(compendium)).tables:
        cells = [c.text for c in table.rows[0].cells]
        if "Direction" in " ".join(cells):
            column = next(i for i, c in enumerate(cells) if "Direction" in c)
            dashboards |= {r.cells[0].text: r.cells[column].text for r in table.rows[1:]}
    shared = set(appendix) & set(dashboards)
    assert len(shared) >= 25
    judged = {d for d in shared if appendix[d]["Progress"] != "N/A"}
    assert len(judged) >= 20
    assert {d: dashboards[d] for d in judged} == {
        d: ARROWS[appendix[d]["Progress"]] for d in judged
    }
    assert {dashboards[d] for d in shared - judged} <= {"– Not known", "For information"}
    # 19.1% against 10%-15%: above the band, and improved as the department prefers more.
    assert (appendix[DELAY]["Rating"], appendix[DELAY]["Progress"]) == (
        "✘ Above band",
        "▲ Improved",
    )
    assert dashboards[DELAY] == "↑ Improved"
    assert appendix["% of sequels that 'Reduce Need'"]["Rating"] == "✘ Below band"
    table = perfcli("rate", "-w", ws, "-p", "2023-24", env={"COLUMNS": "250"}).stdout
    assert re.search(r"'Delay Need' .* ✘ above band +▲ improved", table)
    reason = rated_period(ws, "2023-24")["pct-of-sequels-that-delay-need"]["rating_reason"]
    assert reason == "19.1% is 4.1 pp above the top of the band 10%–15%: not met, above the band"


def _directions(compendium: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for table in docx.Document(str(compendium)).tables:
        cells = [c.text for c in table.rows[0].cells]
        if "Direction" in " ".join(cells):
            column = next(i for i, c in enumerate(cells) if "Direction" in c)
            found |= {r.cells[0].text: r.cells[column].text for r in table.rows[1:]}
    return found


def test_the_shipped_examples_give_one_verdict_per_figure(example, tmp_path):
    # The compendium example carries the committee's 2023/24 figures in its own workspace: its
    # settings must judge them as the committee's do (Delay Need read "↓ Worse" beside "▲ Improved").
    from tests.cli.test_example import import_all

    import_all(example)
    committee = tmp_path / "adults.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2023-24", "-w", example, "-o", committee)
    corporate = tmp_path / "compendium"
    shutil.copytree(
        ROOT / "examples" / "compendium",
        corporate,
        ignore=shutil.ignore_patterns("perfcli.db*", "reports"),
    )
    perfcli("import", *sorted((corporate / "data").glob("*.xlsx")), "-w", corporate)
    compendium = tmp_path / "corporate.docx"
    perfcli("draft-report", "-c", "corporate", "-p", "2023-24", "-w", corporate, "-o", compendium)
    appendix = {r["Description"]: r["Progress"] for r in appendix_rows(committee)}
    directions = _directions(compendium)
    judged = {d for d in set(appendix) & set(directions) if appendix[d] in ARROWS}
    assert DELAY in judged and len(judged) >= 20
    assert {d: directions[d] for d in judged} == {d: ARROWS[appendix[d]] for d in judged}


def rated_period(ws: Path, period: str) -> dict[str, dict]:
    out = perfcli("rate", "-w", ws, "-p", period, "-f", "json").stdout
    return {m["id"]: m for m in json.loads(out)["measures"]}


# Item 11: every identity hint followed literally in a workspace that holds the data ----------


def measure_ids(ws: Path) -> set[str]:
    return {
        m["id"] for m in json.loads(perfcli("measures", "-w", ws, "-f", "json").stdout)["measures"]
    }


def identity_hints(ws: Path) -> list[dict]:
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    return [f for f in found if f["code"] in ("measure.code_changed", "measure.reworded")]


def test_every_identity_hint_followed_literally_gives_one_measure_with_its_whole_history(tmp_path):
    perfcli("init", tmp_path / "ws")
    ws = tmp_path / "ws"
    seeds = [seed_000(tmp_path / "seed000.xlsx"), seed_001(tmp_path / "seed001.xlsx")]
    perfcli("import", *seeds, "-w", ws, "--force")
    before = measure_ids(ws)
    hints = identity_hints(ws)
    commands = [h["hint"].split("'")[1].split() for h in hints]
    assert [c[:2] for c in commands] == [["perfcli", "link"]] * 4
    assert sorted((c[2], c[3]) for c in commands) == [
        ("ascof-3c-carers", "ascof-3c2"),
        ("ascof-3c-sus", "ascof-3c1"),
        ("ascof-5a-carers", "ascof-5a2"),
        ("ascof-5a-sus", "ascof-5a1"),
    ]
    for command in commands:
        perfcli(*command[1:], "-w", ws)
    held = measure_ids(ws)
    assert held == before - {c[2] for c in commands}
    assert identity_hints(ws) == []
    # Each joined measure holds both seeds' figures: 3C1's 2022/23 and 2023/24 from seed 000,
    # 2024/25 from seed 001.
    out = json.loads(perfcli("history", "ascof-3c1", "-w", ws, "-f", "json").stdout)
    assert {h["period"]: h["value_text"] for h in out["history"] if h["value"] is not None} == {
        "2022-23": "61.8%", "2023-24": "59.3%", "2024-25": "61.1%",
    }  # fmt: skip
    assert out["joined"][0]["old_id"] == "ascof-3c-sus"
    # Importing both dashboards again finds the joined measures: nothing is doubled.
    again = perfcli("import", *seeds, "-w", ws, "--force")
    assert again.stdout.count("no changes") == 2
    assert measure_ids(ws) == held
    q1 = rated(ws)
    assert len(q1) == 25
    assert sum("LALS" in m["description"] for m in q1.values()) == 1


def test_an_alias_added_after_both_were_imported_is_named_with_the_link_that_joins_them(tmp_path):
    # The alias line import used to suggest, added once both measures are stored, then the
    # later report imported again: the measure is doubled in that report.
    perfcli("init", tmp_path / "ws")
    ws = tmp_path / "ws"
    old, new = (
        "hours-of-volunteering-heritage-and-libraries",
        "volunteering-hours-heritage-and-libraries",
    )
    first = appendix_workbook(tmp_path / "a.xlsx", [VOLUNTEERING])
    later = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    second = appendix_workbook(tmp_path / "b.xlsx", [REWORDED], header=later)
    perfcli("import", first, second, "-w", ws)
    config = ws / "perfcli.toml"
    config.write_text(config.read_text() + f'\n[measures.{old}]\naliases = ["{REWORDED[1]}"]\n')
    perfcli("import", appendix_workbook(tmp_path / "c.xlsx", [REWORDED], header=later), "-w", ws)
    assert sorted(rated_period(ws, "2024-25")) == [old, new]
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    (stored,) = [f for f in found if f["code"] == "settings.alias_stored"]
    command = stored["hint"].split("'")[1].split()
    assert command == ["perfcli", "link", new, old]
    perfcli(*command[1:], "-w", ws)
    assert list(rated_period(ws, "2024-25")) == [old]
    assert measure_ids(ws) == {old}
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    assert not [f for f in found if f["code"] in ("settings.alias_stored", "measure.reworded")]


def test_the_conclusions_say_why_the_carried_survey_arrows_are_not_counted(drafted):
    # Appendix A shows seed 001's five surveys with their last survey's arrows (two of them ▼):
    # the count of progress leaves them out, and says so rather than dropping them unsaid.
    _, out = drafted
    overall = next(
        p.text for p in docx.Document(str(out)).paragraphs if p.text.startswith("Overall")
    )
    assert overall.endswith(
        "The five surveys with no new figure this period, which keep their last survey's arrows"
        " in Appendix A, are not counted either."
    )
    shown = [row["Progress"] for row in appendix_rows(out) if row["Measure"] in PRINTED]
    assert sorted(shown) == sorted(PRINTED.values())


def test_an_academic_year_said_by_its_comparator_is_the_position_so_far(drafted):
    # Seed 001's LALS, academic by its comparator alone (`84.0% Local Target 2024/25 (Academic
    # year)`, no basis set): in April to June 2025's report its 2024/25 is the year so far.
    _, out = drafted
    text = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert (
        "Success Rate stood at 84.8% so far in the 2024/25 academic year, down 1.0 percentage"
        " point from 85.8% at the same point in the 2023/24 academic year" in text
    )
