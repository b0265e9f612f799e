"""Write examples/compendium/: a theme-dashboard workbook, the index's county table, comparator
figures for 31 counties over five years and a spending table of every authority (both SYNTHETIC).

Adult social care and Communities and wellbeing carry Leicestershire County Council's published
2023/24 figures (seed 000, Appendix A 2023/24), with counts from the committee report of June 2024
(seed 002) and the 2020/21 quartiles published in January 2022 (seed 003); the Notes sheet names
the seed of every figure. Every other theme, and every county's spending and outcome score, is
SYNTHETIC: made up here, labelled so in its name, and never any council's real figure. The made-up
figures agree with one another: the comparators put the council in each quartile its dashboard
prints, the index's spending is the spending table's net expenditure (itself a share of core
spending power) and its outcome score comes from the comparators.
Run from the repository root:  python scripts/build_compendium_example.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[1] / "examples" / "compendium"
# The files written, in the example workspace (or the folder given with --out)
WORKBOOK = Path("data/theme-dashboards-2023-24-SYNTHETIC.xlsx")
COUNTIES = Path("national/county-spending-outcomes-2023-24-SYNTHETIC.csv")
RISKS = Path("risks/risk-register-2023-24-SYNTHETIC.csv")
COMPARATORS = Path("national/county-comparators-2019-20-to-2023-24-SYNTHETIC.csv")
SPENDING = Path("national/spending-per-head-2023-24-SYNTHETIC.csv")
WRITTEN = [WORKBOOK, COUNTIES, RISKS, COMPARATORS, SPENDING]
COMPARATOR_YEARS = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
OWN_CODE = "E10000018"  # Leicestershire's real area code; every other code here is made up
RISK_HEADER = ["Risk", "Theme", "Owner", "Likelihood", "Impact", "Current score", "Previous score",
               "Direction", "Mitigations"]  # fmt: skip
# risk, theme, owner, likelihood, impact, previous score, direction, mitigations: all SYNTHETIC
RISK_ROWS = [
    ("If the medium-term funding gap is not closed, then services will have to be cut at short notice (SYNTHETIC)",
     "Corporate", "Director of Corporate Resources", 5, 5, 20, "Increasing",
     "Savings programme reviewed monthly; reserves policy; lobbying on fair funding (SYNTHETIC)"),
    ("If demand for adult social care keeps outstripping capacity, then waiting lists will grow and people will wait longer for care (SYNTHETIC)",
     "Adult social care", "Director of Adults and Communities", 4, 4, 16, "→",
     "Reablement capacity increased; market sustainability fund targeted at waiting times (SYNTHETIC)"),
    ("If a cyber attack succeeds, then council services will be disrupted and data may be lost (SYNTHETIC)",
     "Corporate", "Director of Corporate Resources", 3, 5, 15, "Stable",
     "Staff training; tested back-ups; network monitoring (SYNTHETIC)"),
    ("If the high-needs education budget deficit grows, then it will have to be met from general funds (SYNTHETIC)",
     "Children and families", "Director of Children and Family Services", 4, 4, 20, "↓",
     "Special educational needs transformation programme (SYNTHETIC)"),
    ("If social workers cannot be recruited and kept, then assessments and reviews will be delayed (SYNTHETIC)",
     "Adult social care", "Chief Executive", 3, 3, None, "",
     "Workforce strategy; recruitment campaign; career grade scheme (SYNTHETIC)"),
    ("If winter weather is severe, then roads may close and gritting costs exceed the budget (SYNTHETIC)",
     "Transport", "Director of Environment and Transport", 2, 4, 8, "",
     "Salt stock held at four depots; gritting routes reviewed each autumn (SYNTHETIC)"),
]  # fmt: skip
HEADER = ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
          "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip
NAT = "22/23 Nat. Ave"
S000 = "seed 000 (Appendix A 2023/24)"
S002 = "seed 002 (committee report, 3 June 2024)"
S003 = "seed 003 (committee report, 24 January 2022: 2020/21 quartile)"

# description, quartile, DoT, 2023/24, target / standard, 2022/23, polarity, sources
ADULT_SOCIAL_CARE = [
    ("% of sequels that 'Prevent Need'", "N/A", "↓", "49.2%", "55% - 60% Local target 2023/24", "56.7%", "Band", [S000]),
    ("% of SUs who find it easy to find information", "N/A", "↓", "59.3%", f"67.2% {NAT}", "61.8%", "High", [S000]),
    ("% of carers who find it easy to find information", "N/A", "↑", "56.1%", "57.7% 21/22 Nat. Ave", "49.4% (2021/22)", "High", [S000]),
    ("% of people living at home or with family", "2nd (2020/21)", "→", "86.3% (1,151 out of 1,334)", f"80.5% {NAT}", "85.6%", "High", [S000, S002, S003]),
    ("% of sequels that 'Reduce Need'", "N/A", "→", "17.4%", "18% - 23% Local target 2023/24", "16.3%", "Band", [S000]),
    ("% of SUs who had as much social contact as they would like", "N/A", "↑", "44.9%", f"44.4% {NAT}", "38.7%", "High", [S000]),
    ("% of carers who had as much social contact as they would like", "N/A", "→", "25.4%", "28.0% 21/22 Nat. Ave", "24.7% (2021/22)", "High", [S000]),
    ("Number of people awaiting a care assessment", "N/A", "↑", "773 End of March 2024", "<1,575 Position as at 1st Jan 2023", "1,334 End of March 2023", "Low", [S000, S002]),
    ("Number of people awaiting a care assessment for more than six months", "N/A", "↑", "36 End of March 2024", "<71 Position as at 1st Jan 2023", "116 End of March 2023", "Low", [S000, S002]),
    ("% of sequels that 'Delay Need'", "N/A", "↑", "19.1%", "10% - 15% Local target 2023/24", "12.8%", "Band", [S000]),
    ("% of people who had no need for ongoing services following reablement", "2nd (2020/21)", "↑", "89.6% (3,856 out of 4,304)", f"77.5% {NAT}", "87.8%", "High", [S000, S002, S003]),
    ("Living at home 91 days after hospital discharge and reablement", "2nd (2020/21)", "→", "88.4% (539 out of 610)", f"82.3% {NAT}", "89.2%", "High", [S000, S002, S003]),
    ("Permanent admissions to care (aged 18-64) per 100,000 pop.", "1st (2020/21)", "↓", "13.7 per 100k Pop. Actual 58 Admissions in 23/24", f"14.6 per 100k pop. {NAT}", "12.1 per 100k Pop. Actual 51 Admissions in 22/23", "Low", [S000, S003]),
    ("Permanent admissions to care (aged 65+) per 100,000 pop.", "1st (2020/21)", "↑", "511 per 100k Pop. Actual 798 Admissions in 23/24", f"560.8 per 100k pop. {NAT}", "553 per 100k Pop. Actual 824 Admissions in 22/23", "Low", [S000, S003]),
    ("% of sequels that 'Meet need'", "N/A", "→", "14.3%", "7% - 12% Local target 2023/24", "14.3%", "Band", [S000]),
    ("Adult aged 18+ receiving direct payments", "1st (2020/21)", "→", "35.4%", f"26.2% {NAT}", "36.2%", "High", [S000, S003]),
    ("% of service users who say that services have made them feel safe", "N/A", "↓", "82.5%", f"87.1% {NAT}", "85.3%", "High", [S000]),
    ("% of safeguarding enquiries where the identified risk was reduced or removed", "N/A", "↑", "96%", "New ASCOF metric for 2023/24 No national figures yet available", "90%", "High", [S000, "polarity: blank in seed 000; High given here"]),
    ("% of service users who received their annual review", "N/A", "↓", "73.5% (3,950 out of 5,375)", f"57.1% {NAT}", "76.4%", "High", [S000, S002]),
]  # fmt: skip
COMMUNITIES = [
    ("Hours of Volunteering (Heritage & libraries)", "N/A", "↑", "19.6k", "17.3k Local target 2023/24", "17.3k", "High", [S000, "target: printed '2023/34' in seed 000, given as 2023/24"]),
    ("Heritage visits", "N/A", "↑", "134.1k", "133.5k Local target 2023/24", "127.1k", "High", [S000]),
    ("Library visits", "N/A", "↑", "615.1k", "545.3k Local target 2023/24", "539.9k", "High", [S000]),
    ("Total library loans", "N/A", "↑", "2,384.5k", "2,260.7k Local target 2023/24", "2,260.7k", "High", [S000]),
    ("Junior loans", "N/A", "↑", "833.3k", "815.0k Local target 2023/24", "805.3k", "High", [S000]),
    ("E-loans", "N/A", "↑", "1,006.6k", "908.0k Local target 2023/24", "908.0k", "High", [S000]),
    ("Total community library issues", "N/A", "N/A", "305.2k", "For Information Only", "295.2k", "N/A", [S000]),
    ("Community library children's issues", "N/A", "N/A", "180.1k", "For Information Only", "173.9k", "N/A", [S000]),
    ("Attendances at Creative Learning Service workshops", "N/A", "↑", "22.0k", "17.1k Local target 2023/24", "17.1k", "High", [S000]),
    ("LALS Success Rate", "N/A", "→", "85.3% (Position at March 2024)", "90% Local Target 2023/24", "84.6% (Position at March 2023)", "High", [S000]),
]  # fmt: skip
SYN = "SYNTHETIC"
# The Strategic Plan 2022-26 outcome each seed row serves, as seed 000 heads its tables.
SAFE_CARERS = ("Safe and Well – carers and people with care needs are supported to live active, "
               "independent, and fulfilling lives")  # fmt: skip
SAFE_HARM = "Safe and Well – people at most risk are protected from harm"
OPPORTUNITIES = ("Improved Opportunities – young people and adults are able to aim high and reach "
                 "their full potential")  # fmt: skip
HERITAGE = "Great Communities – cultural and historical heritage are enjoyed and conserved"
SKILLS = ("Strong Economy, Transport, and Infrastructure – there is close alignment between skill "
          "supply and demand")  # fmt: skip
OUTCOMES = [SAFE_CARERS] * 3 + [OPPORTUNITIES] + [SAFE_CARERS] * 12 + [SAFE_HARM] * 3
COMMUNITY_OUTCOMES = [SAFE_CARERS] + [HERITAGE] * 8 + [SKILLS]
# Commentary for the seed rows: written for this example, in its own words, from the figures of
# seed 000 and the narrative of seed 002 (the committee report of 3 June 2024).
COMMENTARY = {
    "% of sequels that 'Prevent Need'": "Just under half of new contacts led to a preventative response (18.5k); below the 55% to 60% band.",
    "% of SUs who find it easy to find information": "Fell from 61.8% to 59.3% in the service user survey, under the national average.",
    "% of carers who find it easy to find information": "Up from 49.4% at the previous carers' survey to 56.1%, close to the national average.",
    "% of people living at home or with family": "Still about 86% (1,151 of 1,334 people with a learning disability), above the national 80.5%.",
    "% of sequels that 'Reduce Need'": "17% of new contacts (6.5k) led to help that reduces need, such as equipment or adaptations.",
    "% of SUs who had as much social contact as they would like": "A marked rise, from 38.7% to 44.9%, now just above the national average.",
    "% of carers who had as much social contact as they would like": "25.4%, little changed from 24.7% at the previous carers' survey.",
    "Number of people awaiting a care assessment": "Down by about half over the year, from the 1,575 baseline of January 2023 to 773 at the end of March 2024.",
    "Number of people awaiting a care assessment for more than six months": "Down from 71 in January 2023 to 36 at the end of March 2024.",
    "% of sequels that 'Delay Need'": "19% of new contacts (7.2k) led to reablement; above the 10% to 15% band.",
    "% of people who had no need for ongoing services following reablement": "High results held (3,856 of 4,304) while 35% more people used the service.",
    "Living at home 91 days after hospital discharge and reablement": "539 of 610 people were at home 91 days after discharge: similar to last year, above the national 82.3%.",
    "Permanent admissions to care (aged 18-64) per 100,000 pop.": "58 admissions, seven more than the year before; the rate is just under the national 14.6.",
    "Permanent admissions to care (aged 65+) per 100,000 pop.": "798 admissions; the rate keeps falling and is below the national 560.8.",
    "% of sequels that 'Meet need'": "14% of new contacts (5.4k) led to a long-term service, the same share as last year.",
    "Adult aged 18+ receiving direct payments": "1,762 of 4,984 people with long-term community support take a direct payment; well above the national 26.2%.",
    "% of service users who say that services have made them feel safe": "Down from 85.3% to 82.5%, below the national average.",
    "% of safeguarding enquiries where the identified risk was reduced or removed": "A new measure: 524 of 528 completed enquiries reduced or removed the risk.",
    "% of service users who received their annual review": "3,950 of 5,375 reviewed; slightly down on last year as reviewers focused on complex cases.",
    "Hours of Volunteering (Heritage & libraries)": "19.6k hours, 2.3k above the year's target.",
    "Heritage visits": "Up 5.5% on last year and above the target, though below the 143.0k average before Covid-19.",
    "Library visits": "A 14% rise: about 51,255 visits a month against 44,993 the year before.",
    "Total library loans": "2.38 million loans, 5.5% more than last year and above the target.",
    "Junior loans": "Up 3.5% (28k more), beating the 815.0k target.",
    "E-loans": "Over a million in a year for the first time, 11% up on last year.",
    "Total community library issues": "Shown for information: no target is set.",
    "Community library children's issues": "Shown for information: no target is set.",
    "Attendances at Creative Learning Service workshops": "22.0k attendances, well above the 17.1k target.",
    "LALS Success Rate": "Similar to the same point last year and short of the 90% target; GCSE English and maths results weigh on it.",
}
TRANSPORT = [
    ("People killed or seriously injured on roads per 100,000 pop. (SYNTHETIC)", "3rd (2022) (Eng)", "→", "40.2 (2022)", "", "39.8 (2021)", "Low", SYN),
    ("Principal roads where maintenance should be considered (SYNTHETIC)", "2nd (2023/24) (Counties)", "↑", "2.0%", "4%", "4.0%", "Low", SYN),
    ("Non-principal roads where maintenance should be considered (SYNTHETIC)", "4th* (2023/24)", "↓", "9.0%", "6%", "7.0%", "Low", SYN),
    ("Bus passenger journeys per head (SYNTHETIC)", "4th", "↑", "18.4", "", "16.9", "High", SYN),
    ("Adults who cycle at least once a month (SYNTHETIC)", "3rd (Nov 2022-Oct 2023) (Eng)", "↓", "11.8% (2023)", "", "13.9% (2022)", "High", SYN),
    ("Satisfaction with highways maintenance (SYNTHETIC)", "1st/2nd (2024)", "→", "52.0%", "", "51.5%", "High", SYN),
    ("Street lights repaired within 7 days (SYNTHETIC)", "N/A", "↑", "93.5%", "90%", "88.0%", "High", SYN),
    ("Average journey time on key routes, minutes per mile (SYNTHETIC)", "2nd (Aug 2024)", "→", "2.31", "", "2.29", "Low", SYN),
    ("Traffic on county roads, million vehicle miles (SYNTHETIC)", "N/A", "N/A", "4,912", "For Information Only", "4,850", "N/A", SYN),
]  # fmt: skip
ENVIRONMENT = [
    ("Household waste sent for reuse, recycling or composting (SYNTHETIC)", "2nd (2022/23) (Counties)", "→", "45.6% (2022/23)", "50%", "46.1% (2021/22)", "High", SYN),
    ("Household waste sent to landfill (SYNTHETIC)", "4th* (2022/23)", "↓", "22.4% (2022/23)", "15%", "19.7% (2021/22)", "Low", SYN),
    ("Residual household waste, kg per household (SYNTHETIC)", "3rd (2022/23) (Eng)", "↑", "512 (2022/23)", "", "538 (2021/22)", "Low", SYN),
    ("Council greenhouse gas emissions, tonnes CO2e (SYNTHETIC)", "N/A", "↑", "14.2k", "15.0k", "15.9k", "Low", SYN),
    ("Fly-tipping incidents per 1,000 pop. (SYNTHETIC)", "1st (2022/23) (CIPFA)", "↑", "6.1 (2022/23)", "", "7.4 (2021/22)", "Low", SYN),
    ("Trees planted (SYNTHETIC)", "N/A", "↑", "92.0k", "70.0k", "64.3k", "High", SYN),
    ("Per capita CO2 emissions in the area, tonnes (SYNTHETIC)", "2nd (2021) (Region)", "→", "5.2 (2021)", "", "5.3 (2020)", "Low", SYN),
    ("Homes with an energy rating of C or above (SYNTHETIC)", "4th (Oct 2022-Sept 2023)", "N/A", "41.8% (2023)", "", "", "High", SYN),
]  # fmt: skip
COUNTIES_LIST = [
    "Buckinghamshire", "Cambridgeshire", "Cornwall", "Derbyshire", "Devon", "Dorset", "Durham",
    "East Sussex", "Essex", "Gloucestershire", "Hampshire", "Herefordshire", "Hertfordshire", "Kent",
    "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk", "North Yorkshire", "Northumberland",
    "Nottinghamshire", "Oxfordshire", "Shropshire", "Somerset", "Staffordshire", "Suffolk",
    "Surrey", "Warwickshire", "West Sussex", "Wiltshire", "Worcestershire",
]  # fmt: skip
BANNER = PatternFill("solid", fgColor="DDEBF7")


def _table(
    sheet: Worksheet, theme: str, rows: list[tuple[Any, ...]], outcomes: list[str] | None = None
) -> None:
    """One theme's table, each Strategic Plan outcome on its own row above the rows it serves."""
    sheet.append([])
    sheet.append([theme])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append(HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = BANNER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    outcome = None
    for number, (description, quartile, dot, now, target, before, polarity, source) in enumerate(
        rows
    ):
        if outcomes and outcomes[number] != outcome:
            outcome = outcomes[number]
            sheet.append([f"Outcome: {outcome}"])
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        if source == SYN:
            comment = f"SYNTHETIC commentary: {_synthetic_comment(dot)}"
        else:
            comment = COMMENTARY[description]
        sheet.append([description, quartile, dot, now, target, before, polarity, comment])


def _synthetic_comment(dot: str) -> str:
    return {"↑": "better than last year.", "↓": "worse than last year; a plan is in place.",
            "→": "much as last year."}.get(dot, "shown for information.")  # fmt: skip


def build_workbook() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "Theme dashboards"
    sheet.append(
        [
            "Performance Compendium 2023/24: an example for perfcli (SYNTHETIC except where the Notes sheet names a seed)"
        ]
    )
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    _table(sheet, "Adult social care", ADULT_SOCIAL_CARE, OUTCOMES)
    _table(sheet, "Communities and wellbeing", COMMUNITIES, COMMUNITY_OUTCOMES)
    _table(sheet, "Transport (SYNTHETIC)", TRANSPORT)
    sheet.append(["* SYNTHETIC: quartile based on provisional data for 2023/24"])
    _table(sheet, "Environment and waste (SYNTHETIC)", ENVIRONMENT)
    sheet.append(["* SYNTHETIC: quartile based on provisional data for 2022/23"])
    for letter, width in zip("ABCDEFGH", [60, 16, 12, 34, 38, 34, 10, 14], strict=True):
        sheet.column_dimensions[letter].width = width

    notes = workbook.create_sheet("Notes")
    notes.append(["Theme", "Indicator", "Source of its figures"])
    for theme, rows in (
        ("Adult social care", ADULT_SOCIAL_CARE),
        ("Communities and wellbeing", COMMUNITIES),
    ):
        for row in rows:
            sources = row[-1]
            notes.append(
                [
                    theme,
                    row[0],
                    "; ".join(sources)
                    + "; direction of travel from the seed's progress mark where printed, else judged from the two years' figures; quartile N/A where no quartile is published"
                    + "; outcome row as seed 000 heads the table; commentary written for this example from seeds 000 and 002",
                ]
            )
    for theme, made_up in (
        ("Transport (SYNTHETIC)", TRANSPORT),
        ("Environment and waste (SYNTHETIC)", ENVIRONMENT),
    ):
        for synthetic in made_up:
            notes.append(
                [
                    theme,
                    synthetic[0],
                    "SYNTHETIC: made up for the example, not any council's figure",
                ]
            )
    notes.append([])
    notes.append(
        [
            "Seeds are the published reports kept in the perfcli project: 000 Appendix A 2023/24; 002 the committee report of June 2024; 003 the January 2022 report."
        ]
    )
    notes.column_dimensions["A"].width = 32
    notes.column_dimensions["B"].width = 70
    notes.column_dimensions["C"].width = 90
    return workbook


def write_counties(root: Path, spending: dict[str, int], outcome: dict[str, float]) -> None:
    """31 county councils and county unitaries: each one's net spending per head (the spending
    table's net expenditure on the four themes, so the index and Part 3 quote the same figure) and
    outcome score (from the comparator figures, as `_outcome_scores` says), all SYNTHETIC."""
    (root / COUNTIES).parent.mkdir(parents=True, exist_ok=True)
    with (root / COUNTIES).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "SYNTHETIC figures for the perfcli example: real county names; net spending per "
                "head is the spending table's net expenditure per head on the four themes, the "
                "outcome score the mean quartile points (top 4 ... bottom 1) on the comparator "
                "figures for 2023/24"
            ]
        )
        writer.writerow(["Council", "Net spending per head (£)", "Outcome score", "Note"])
        for name in COUNTIES_LIST:
            writer.writerow([name, spending[name], outcome[name], "SYNTHETIC"])


def _figure(text: str) -> float | None:
    """`40.2 (2022)` -> 40.2, `14.2k` -> 14200.0, `45.6%` -> 45.6; None for a blank."""
    import re

    found = re.match(r"\s*([0-9][0-9,]*\.?[0-9]*)\s*(k?)", text)
    if not found:
        return None
    return float(found.group(1).replace(",", "")) * (1000 if found.group(2) else 1)


def _periods(now: str) -> tuple[str, str]:
    """The comparator periods of a row's two figures: `45.6% (2022/23)` is 2022/23's figure (the
    one before it 2021/22's); a figure without a financial year is the report year's, 2023/24."""
    import re

    found = re.search(r"\((20\d\d)/(\d\d)\)", now)
    if not found:
        return "2023-24", "2022-23"
    start = int(found.group(1))
    return f"{start}-{found.group(2)}", f"{start - 1}-{str(start)[2:]}"


# The rank among 31 that each printed quartile puts the council at: the middle of the quartile
# (1st: ranks 1-8, 2nd: 9-16, 3rd: 17-24, 4th: 25-31), and 8th, the edge, for `1st/2nd`.
QUARTILE_RANK = {"1st/2nd": 8, "1st": 4, "2nd": 12, "3rd": 20, "4th": 28}


def _target(quartile: str, now_period: str) -> tuple[str, int] | None:
    """The period and rank the printed quartile cell puts the council at, or None for N/A:
    `4th* (2022/23)` -> ("2022-23", 28); a quartile without a financial year is for the year of
    the row's figure."""
    import re

    found = re.match(r"\s*(1st/2nd|1st|2nd|3rd|4th)", quartile)
    if not found:
        return None
    year = re.search(r"\((20\d\d)/(\d\d)\)", quartile)
    period = f"{year.group(1)}-{year.group(2)}" if year else now_period
    return period, QUARTILE_RANK[found.group(1)]


def _place(own: float, others: dict[str, float], rank: int, better: int) -> dict[str, float]:
    """`others` moved so that exactly rank - 1 of them are better than `own` (by `better`, 1 for
    a high aim, -1 for a low one): the best rank - 1 of them (by their own order) are kept or
    reflected through `own` to its better side, the rest to its worse side; each then differs
    from `own` by at least 0.1, as written to one decimal place."""
    order = sorted(others, key=lambda name: -better * others[name])
    placed = {}
    for number, name in enumerate(order):
        side = better if number < rank - 1 else -better
        gap = max(abs(others[name] - own), 0.1)
        placed[name] = round(own + side * gap, 1)
    return placed


def _outcome_scores(latest: dict[str, tuple[int, dict[str, float]]]) -> dict[str, float]:
    """Each county's outcome score as perfcli's index builds one from comparator data: on each
    indicator (aim, figures by county) the county's rank among those with a figure (1 + those
    better; ties share the best), its quartile min(4, (rank - 1) * 4 // n + 1), 4 points for the
    top quartile to 1 for the bottom; the mean over the indicators it has a figure for."""
    points: dict[str, list[int]] = {name: [] for name in COUNTIES_LIST}
    for better, figures in latest.values():
        for name, value in figures.items():
            rank = 1 + sum(1 for other in figures.values() if better * (other - value) > 0)
            points[name].append(4 - min(3, (rank - 1) * 4 // len(figures)))
    return {name: round(sum(got) / len(got), 4) for name, got in points.items()}


def write_comparators(root: Path) -> dict[str, float]:
    """SYNTHETIC comparator figures, 2019/20 to 2023/24, for the 31 counties on the indicators of
    the two SYNTHETIC themes. The council's figures are the workbook's own (also made up), for the
    year each is printed for; the other counties' figures put the council, in the year of its
    printed quartile, at a rank in that quartile among the 31 (by the indicator's aim). Returns
    each county's outcome score on the 2023/24 figures, for the index table."""
    rng = random.Random(2027)
    latest: dict[str, tuple[int, dict[str, float]]] = {}
    (root / COMPARATORS).parent.mkdir(parents=True, exist_ok=True)
    with (root / COMPARATORS).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Area code", "Area name", "Level", "Measure", "Period", "Value", "Note"])
        # Each county is steadily better or worse than the middle, so positions drift slowly.
        quality = {name: rng.uniform(-1, 1) for name in COUNTIES_LIST}
        quality["Leicestershire"] = 0.3
        for description, quartile, _, now, _, before, polarity, _ in TRANSPORT + ENVIRONMENT:
            if polarity not in ("High", "Low"):  # information only: never ranked
                continue
            centre = _figure(now) or 1.0
            better = 1 if polarity == "High" else -1
            now_period, before_period = _periods(now)
            own = {now_period: _figure(now), before_period: _figure(before)}
            target = _target(quartile, now_period)
            for year in COMPARATOR_YEARS:
                made_up = {
                    name: centre * (1 + better * 0.2 * quality[name] + rng.uniform(-0.1, 0.1))
                    for name in COUNTIES_LIST
                }
                # The council's own figure where the workbook prints one; made up for the years
                # before it; none after its latest (a 2022/23 figure has no 2023/24 one yet).
                figure = own.get(year, made_up["Leicestershire"] if year < now_period else None)
                others = {n: v for n, v in made_up.items() if n != "Leicestershire"}
                if target and target[0] == year and figure is not None:
                    others = _place(round(figure, 1), others, target[1], better)
                for number, name in enumerate(COUNTIES_LIST, start=1):
                    code = OWN_CODE if name == "Leicestershire" else f"SYN{number:03d}"
                    value = figure if name == "Leicestershire" else others[name]
                    if value is None:  # the workbook holds no figure of the council's that year
                        continue
                    writer.writerow([code, name, "Local authority", description, year,
                                     round(value, 1), "SYNTHETIC"])  # fmt: skip
                    if year == COMPARATOR_YEARS[-1]:
                        latest.setdefault(description, (better, {}))[1][name] = round(value, 1)
    return _outcome_scores(latest)


# Authorities beside the 31 counties, for the funding chart: real names, SYNTHETIC figures.
UNITARIES = [
    "Bath and North East Somerset", "Bedford", "Blackburn with Darwen", "Blackpool",
    "Bournemouth, Christchurch and Poole", "Bracknell Forest", "Brighton and Hove", "Bristol",
    "Central Bedfordshire", "Cheshire East", "Cheshire West and Chester", "Darlington", "Derby",
    "East Riding of Yorkshire", "Halton", "Hartlepool", "Isle of Wight", "Kingston upon Hull",
    "Leicester", "Luton", "Medway", "Middlesbrough", "Milton Keynes", "North Lincolnshire",
    "Nottingham", "Peterborough", "Plymouth", "Portsmouth", "Reading", "Rutland", "Southampton",
    "Stoke-on-Trent", "Swindon", "Telford and Wrekin", "Thurrock", "Torbay", "York",
]  # fmt: skip
METROPOLITAN = [
    "Barnsley", "Birmingham", "Bolton", "Bradford", "Bury", "Calderdale", "Coventry", "Doncaster",
    "Dudley", "Gateshead", "Kirklees", "Knowsley", "Leeds", "Liverpool", "Manchester",
    "Newcastle upon Tyne", "North Tyneside", "Oldham", "Rochdale", "Rotherham", "Salford",
    "Sandwell", "Sefton", "Sheffield", "Solihull", "South Tyneside", "St Helens", "Stockport",
    "Sunderland", "Tameside", "Trafford", "Wakefield", "Walsall", "Wigan", "Wirral", "Wolverhampton",
]  # fmt: skip
LONDON = [
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
    "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames",
    "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark",
    "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
]  # fmt: skip
COUNTY_UNITARIES = {"Buckinghamshire", "Cornwall", "Dorset", "Durham", "Herefordshire",
                    "North Yorkshire", "Northumberland", "Shropshire", "Somerset", "Wiltshire"}  # fmt: skip
SERVICES = {"Adult social care": (380, 560), "Communities and wellbeing": (25, 60),
            "Transport": (40, 110), "Environment and waste": (60, 120)}  # fmt: skip


def write_spending(root: Path) -> dict[str, int]:
    """Every authority's type, population, core spending power and net expenditure per head by
    theme: all SYNTHETIC (made up here), the names real. Returns each authority's net expenditure
    per head on the four themes together, the figure Part 3's all-services chart shows."""
    rng = random.Random(2028)
    ranges = {"county": (1050, 1350), "unitary": (1250, 1700),
              "metropolitan district": (1350, 1800), "London borough": (1450, 2300)}  # fmt: skip
    authorities = [
        (name, "unitary" if name in COUNTY_UNITARIES else "county") for name in COUNTIES_LIST
    ]
    authorities += [(name, "unitary") for name in UNITARIES]
    authorities += [(name, "metropolitan district") for name in METROPOLITAN]
    authorities += [(name, "London borough") for name in LONDON]
    totals = {}
    (root / SPENDING).parent.mkdir(parents=True, exist_ok=True)
    with (root / SPENDING).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["SYNTHETIC figures for the perfcli example: real authority names, made-up figures"]
        )
        writer.writerow(["Authority", "Type", "Population", "Core spending power per head (£)",
                         *(f"Net expenditure per head (£): {s}" for s in SERVICES), "Note"])  # fmt: skip
        for name, kind in authorities:
            low, high = ranges[kind]
            power = 1098 if name == "Leicestershire" else round(rng.uniform(low, high))
            population = (
                712400 if name == "Leicestershire" else round(rng.uniform(150, 1200)) * 1000
            )
            # Net expenditure is a share of what the authority has to spend: SERVICES gives each
            # theme's range per head for core spending power of £1,200, scaled to the authority's.
            net = [round(rng.uniform(*bounds) * power / 1200) for bounds in SERVICES.values()]
            writer.writerow([name, kind, population, power, *net, "SYNTHETIC"])
            totals[name] = sum(net)
    return totals


def write_risks(root: Path) -> None:
    """A SYNTHETIC corporate risk register, with the published register's columns: made-up risks."""
    (root / RISKS).parent.mkdir(parents=True, exist_ok=True)
    with (root / RISKS).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["SYNTHETIC corporate risk register for the perfcli example"])
        writer.writerow(RISK_HEADER)
        for risk, theme, owner, likelihood, impact, previous, direction, mitigations in RISK_ROWS:
            writer.writerow([risk, theme, owner, likelihood, impact, likelihood * impact,
                             "" if previous is None else previous, direction, mitigations])  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="folder to write the example to")
    root: Path = parser.parse_args(argv).out
    (root / WORKBOOK).parent.mkdir(parents=True, exist_ok=True)
    build_workbook().save(root / WORKBOOK)
    totals = write_spending(root)
    outcome = write_comparators(root)
    write_counties(root, totals, outcome)
    write_risks(root)
    print("wrote " + ", ".join(str(root / path) for path in WRITTEN))


if __name__ == "__main__":
    main()
