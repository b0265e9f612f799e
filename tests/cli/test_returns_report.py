"""What a report says once owners' returns are in (a fresh-eyes trial of returns, 06:12 UTC):
a period held only from returns is rated against the comparator its return printed; counts
perfcli writes trace; each owner's words sit beside their own measure's sentence; an owner's
figure keeps the measure's decimals; a commentary too long for a paragraph is noted.

The workspaces are built here: a 2024/25 dashboard whose ASCOF figures and national averages
are seed 003's (Leicestershire's 2025/26 Q1 report prints them as the previous year's), and
whose local measures are SYNTHETIC, as are the owners and their commentary.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest

from tests.cli.test_returns import CARE, PERIOD, fill, made  # noqa: F401  (made is a fixture)
from tests.conftest import HEADER, appendix_workbook, perfcli

REABLEMENT = "% of people who had no need for ongoing services following reablement"
AT_HOME = "Living at home 91 days after hospital discharge and reablement"
# Seed 003: 2024/25's figures and the 2023/24 national averages its comparator column prints.
ASCOF = [
    ["ASCOF 2A", REABLEMENT, "High", "79.4% 23/24 Nat. Ave", "88.7%", "87.8%"],
    ["ASCOF 2D", AT_HOME, "High", "83.8% 23/24 Nat. Ave", "90.7%", "89.2%"],
]
SITES = range(1, 12)  # the SYNTHETIC local measures' numbers


def local(target: str) -> list[list[object]]:
    """Eleven SYNTHETIC local counts, each 500 short of its target: with the two ASCOF measures,
    enough that the Conclusions count them in figures ("Of the 13 measures ..."), and no stored
    figure, change or share of one is near 13."""
    return [
        [
            f"Local {n}",
            f"Visits to site {n}",
            "High",
            f"{100_500 + n * 1_000:,} {target}",
            f"{100_000 + n * 1_000:,}",
            f"{98_000 + n * 1_000:,}",
        ]
        for n in SITES
    ]


SETTINGS = """
[owners.care]
name = "Jo Evans (SYNTHETIC)"
email = "care.owner@example.org"
service = "Adult social care"

[owners.sites]
name = "Sam Patel (SYNTHETIC)"
email = "sites.owner@example.org"
service = "Sites"
"""


def year_of_returns(ws: Path, typed: dict[str, tuple], *, target: str | None = None) -> Path:
    """A workspace holding 2024/25's dashboard, and 2025/26 only from its owners' returns; with
    `target`, eleven local measures too, their targets worded so."""
    header = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    sites = local(target) if target else []
    appendix_workbook(ws / "data" / "2024-25.xlsx", ASCOF + sites, header=header)
    owned = ["ascof-2a", "ascof-2d", *(f"local-{n}" for n in SITES if sites)]
    text = (ws / "perfcli.toml").read_text(encoding="utf-8") + SETTINGS
    text = text.replace(
        'joint_report_of = "the Director of Adults and Communities"',
        'joint_report_of = "the Director of Adults and Communities (SYNTHETIC)"',
    )
    text = text.replace("meeting_dates = []", "meeting_dates = [2026-06-01]")
    text = text.replace(
        "appendices = [", 'next_steps = ["Officers will report again."]\nappendices = ['
    )
    for measure in owned:
        text += f'\n[measures.{measure}]\nowner = "{"care" if "ascof" in measure else "sites"}"\n'
    (ws / "perfcli.toml").write_text(text, encoding="utf-8")
    perfcli("import", ws / "data" / "2024-25.xlsx", "-w", ws)
    perfcli("returns", "make", "--period", "2025-26", "--due", "2026-05-15", "-w", ws)
    returns = ws / "returns" / "2025-26"
    fill(returns / "care.xlsx", {k: v for k, v in typed.items() if k in (REABLEMENT, AT_HOME)},
         when=date(2026, 5, 1))  # fmt: skip
    if target:
        fill(returns / "sites.xlsx", {k: v for k, v in typed.items() if k.startswith("Visits")},
             when=date(2026, 5, 1))  # fmt: skip
    perfcli("import", *sorted(returns.glob("*.xlsx")), "-w", ws)
    return ws


def numbered(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List Number"]


def rated(ws: Path) -> dict[str, dict]:
    """`rate`'s JSON for the latest period, by measure id."""
    measures = json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)["measures"]
    return {m["id"]: m for m in measures}


def drafted(ws: Path, *args: str, exit: int = 0) -> dict:
    run = perfcli("draft-report", "-c", "adults", "-f", "json", "-w", ws, *args, exit=exit)
    return json.loads(run.stdout) if exit == 0 else {"stderr": run.stderr}


OWNERS = {
    REABLEMENT: (78.0, None, None, "Fewer referrals while two teams merged (SYNTHETIC)."),
    AT_HOME: (91.0, None, None, "Steady (SYNTHETIC)."),
}


def test_a_period_held_only_from_returns_is_rated_against_the_comparator_its_return_printed(
    workspace: Path,
) -> None:
    """The return told the owner their figure is judged against 79.4% 23/24 Nat. Ave (and asked
    for commentary if it missed it): rate, diff and the draft judge it against the same."""
    ws = year_of_returns(workspace, OWNERS)
    rated = json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)
    assert rated["period"] == "2025-26"
    by_id = {m["id"]: m for m in rated["measures"]}
    reablement, at_home = by_id["ascof-2a"], by_id["ascof-2d"]
    assert reablement["comparator"]["text"] == "79.4% 23/24 Nat. Ave"
    assert (reablement["rating"], reablement["progress"]) == ("similar", "worse")
    assert reablement["rating_reason"] == (
        "78.0% is within ±1.5 pp of the national average 79.4%: similar"
    )
    assert (at_home["rating"], at_home["previous_value_text"]) == ("better", "90.7%")
    assert rated["summary"]["rating"] == {"better": 1, "similar": 1, "below": 0, "not_rated": 0}

    diff = perfcli("diff", "2024-25", "2025-26", "-w", ws, "-f", "json").stdout
    moves = {m["id"]: m for m in json.loads(diff)["measures"]}
    assert moves["ascof-2a"]["status"] == "rating down"
    assert (moves["ascof-2a"]["from"]["rating"], moves["ascof-2a"]["to"]["rating"]) == (
        "better", "similar",
    )  # fmt: skip
    assert moves["ascof-2d"]["to"]["rating"] == "better"
    assert "✔ better → ≈ similar" in perfcli("diff", "2024-25", "2025-26", "-w", ws).stdout

    text = numbered(Path(drafted(ws, "-o", ws / "year.docx")["written"]))
    said = " ".join(text)
    assert "close to the national average of 79.4% (2023/24)" in said
    assert "higher than the national average of 83.8% (2023/24)" in said
    assert "No measure could be compared with a national average" not in said


def sites_up(percent: float) -> dict[str, tuple]:
    """Each SYNTHETIC site's visits up `percent` on 2024/25, past its target."""
    return {
        f"Visits to site {n}": (
            round((100_000 + n * 1_000) * (1 + percent / 100)),
            None,
            None,
            "Open all year (SYNTHETIC).",
        )
        for n in SITES
    }


def test_another_years_local_target_on_a_return_is_not_rated_against(workspace: Path) -> None:
    """A return made before 2025/26's targets were held printed 2024/25's: the owners' returns
    still import (a dashboard with last year's target is refused for it), and their measures
    are not rated against a target that is not this year's; the national averages are."""
    ws = year_of_returns(workspace, {**OWNERS, **sites_up(3)}, target="Local target 2024/25")
    by_id = rated(ws)
    assert (by_id["local-1"]["comparator"], by_id["local-1"]["rating"]) == (None, "not_rated")
    assert by_id["local-1"]["value_text"] == "104,030"
    assert (by_id["ascof-2a"]["rating"], by_id["ascof-2d"]["rating"]) == ("similar", "better")


def test_a_return_never_asks_for_words_against_another_years_local_target(
    workspace: Path,
) -> None:
    """It printed "misses 101,500 Local target 2024/25" on 2025/26's return, and required the
    owner's commentary against a target the return is then not read or rated against."""
    from openpyxl import load_workbook

    ws = year_of_returns(workspace, {**OWNERS, **sites_up(3)}, target="Local target 2024/25")
    sheet = load_workbook(ws / "returns" / "2025-26" / "sites.xlsx")["Return"]
    site = next(row for row in sheet.iter_rows(min_row=5, values_only=True)
                if row[1] == "Visits to site 1")  # fmt: skip
    assert (site[3], site[15]) == (None, "the figure is not as good as 2024/25 (101,000)")
    care = load_workbook(ws / "returns" / "2025-26" / "care.xlsx")["Return"]
    assert care["D5"].value == "79.4% 23/24 Nat. Ave"  # a national average is any year's


def test_counts_the_draft_writes_in_figures_trace(workspace: Path) -> None:
    """Thirteen measures: the Conclusions count them in figures, which match no stored figure;
    the proof-reading knows them for counts, so the report goes to committee as drafted."""
    typed = {
        REABLEMENT: (86.0, None, None, "Fewer referrals (SYNTHETIC)."),
        AT_HOME: OWNERS[AT_HOME],
    }
    ws = year_of_returns(workspace, {**typed, **sites_up(3)}, target="Local target")
    result = drafted(ws, "--final", "-o", ws / "final.docx")
    assert result["findings"] == []
    conclusions = numbered(Path(result["written"]))
    overall = next(p for p in conclusions if p.startswith("Overall"))
    assert overall == (
        "Overall, performance in 2025/26 was positive on most measures. All 13 measures"
        " compared with a national average or a local target did better. Of the 13 measures"
        " that can be compared with an earlier figure, 12 stayed similar and one was not as good."
    )


def test_an_owners_figure_keeps_the_decimals_the_measures_figures_are_printed_with(
    workspace: Path,
) -> None:
    """An owner types 78.0 (Excel keeps 78): it is 78.0% beside 2024/25's 88.7%, in rate, in
    history and in the draft; a figure typed with more places keeps them."""
    typed = {REABLEMENT: OWNERS[REABLEMENT], AT_HOME: (91.25, None, None, "Steady.")}
    ws = year_of_returns(workspace, typed)
    by_id = rated(ws)
    assert (by_id["ascof-2a"]["value_text"], by_id["ascof-2a"]["previous_value_text"]) == (
        "78.0%", "88.7%",
    )  # fmt: skip
    assert by_id["ascof-2d"]["value_text"] == "91.25%"
    said = " ".join(numbered(Path(drafted(ws, "-o", ws / "year.docx")["written"])))
    assert "was 78.0% in 2025/26, down 10.7 percentage points from 88.7% in 2024/25" in said


def test_each_owners_commentary_follows_its_own_measures_sentence(
    made: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Seed 003's reablement pair, drafted together: each owner's words come straight after the
    sentence about their measure, not both after the pair (where "Steady." named neither)."""
    ws = made.parents[1]
    why_2a = "Reablement capacity fell when two teams merged; recovered in June (SYNTHETIC)."
    fill(made / "care.xlsx", {
        REABLEMENT: (*CARE[REABLEMENT][:3], why_2a),
        AT_HOME: (88.3, 596, 675, "Steady"),
    })  # fmt: skip
    perfcli("import", made / "care.xlsx", "-w", ws)
    result = drafted(ws, "-p", PERIOD, "--force", "-o", tmp_path / "q1.docx")
    pair = next(p for p in numbered(Path(result["written"])) if "cover reablement" in p)
    assert (
        "and higher than the national average of 79.4% (2023/24). " + why_2a
        + " The percentage of people living at home 91 days after hospital discharge and"
        " reablement, ASCOF 2D, was"
    ) in pair  # fmt: skip
    # Then the dashboard's footnote on the pair (², the Better Care Fund), once, after both.
    assert pair.endswith(
        "higher than the national average of 83.8% (2023/24). Steady. The Better Care Fund (BCF)"
        " is the joint health and social care programme these measures report to."
    )


@pytest.mark.parametrize("length", [990, 3_000])
def test_a_commentary_too_long_for_a_paragraph_is_noted_where_it_is(
    workspace: Path, length: int
) -> None:
    """A 3,000-character commentary goes into the report whole: the proof-reading names the
    measure and the paragraph, and --final will not send it (990 characters pass)."""
    sentence = "Demand rose sharply in the winter months and staffing was short (SYNTHETIC). "
    words = (sentence * 50)[: length - 1] + "."  # `length` characters, a stop at the end
    ws = year_of_returns(workspace, {**OWNERS, AT_HOME: (91.0, None, None, words)})
    result = drafted(ws, "--force", "-o", ws / "year.docx")
    at = next(n for n, p in enumerate(numbered(Path(result["written"])), 1) if words in p)
    long = [f for f in result["findings"] if f["kind"] == "long"]
    if length < 1_000:
        assert long == []
        return
    assert long == [{
        "kind": "long", "where": f"paragraph {at}",
        "message": "the commentary on ascof-2d is 3,000 characters (about 470 words), more than"
                   " a committee paragraph holds (1,000 at most): shorten it where it came from"
                   " (the return or the dashboard) and draft again",
    }]  # fmt: skip
    refused = drafted(ws, "--final", "-o", ws / "final.docx", exit=1)
    assert "not written: the proof-reading pass found 1 problem" in refused["stderr"]


def test_an_owners_words_on_a_measure_with_no_figure_yet_are_said_after_it(
    workspace: Path,
) -> None:
    """Two owners' rows with commentary and no figure: each measure gets its own sentence with
    its owner's words after it, where the shared 'no figure yet for two measures' sentence
    dropped both."""
    late, nhs = "Figures come in June (SYNTHETIC).", "Data late from the NHS (SYNTHETIC)"
    typed = {REABLEMENT: (None, None, None, late), AT_HOME: (None, None, None, nhs)}
    ws = year_of_returns(workspace, typed)
    said = numbered(Path(drafted(ws, "--force", "-o", ws / "year.docx")["written"]))
    assert (
        "There is no figure yet for the percentage of people living at home 91 days after"
        " hospital discharge and reablement, ASCOF 2D, in 2025/26 (no figure has been provided). The latest was 90.7%"
        " in 2024/25. Data late from the NHS (SYNTHETIC)."
    ) in said
    assert any(p.startswith("There is no figure yet for the percentage") and p.endswith(late)
               for p in said)  # fmt: skip
