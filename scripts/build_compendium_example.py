"""Write examples/compendium/: a theme-dashboard workbook, the index's county table, comparator
figures for 31 counties over five years and a spending table of every authority (both SYNTHETIC).

The workbook is written from its transcript, examples/transcripts/compendium/: Adult social care
and Communities and wellbeing carry Leicestershire County Council's published 2023/24 figures
(seed 000, Appendix A 2023/24), with counts from the committee report of June 2024 (seed 002) and
the 2020/21 quartiles published in January 2022 (seed 003); the transcript and the Notes sheet name
the seed of every figure. Every other theme, and every county's spending and outcome score, is
SYNTHETIC: made up here, labelled so in its name, and never any council's real figure. The made-up
figures agree with one another: the comparators put the council in each quartile its dashboard
prints, the index's spending is the spending table's net expenditure (itself a share of core
spending power) and its outcome score comes from the comparators.
Without --force it writes nothing while any of its files exists.
Run from the repository root:  python scripts/build_compendium_example.py [--force] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path
from typing import NamedTuple

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
SYNTHETIC = "SYNTHETIC"
THEMES = (
    ROOT.parents[1] / "examples" / "transcripts" / "compendium" / "theme-dashboards-2023-24.csv"
)
# The note under a theme's table
FOOTNOTES = {
    "Transport (SYNTHETIC)": "* SYNTHETIC: quartile based on provisional data for 2023/24",
    "Environment and waste (SYNTHETIC)": "* SYNTHETIC: quartile based on provisional data for 2022/23",
}
SEED_NOTE = (
    "; direction of travel from the seed's progress mark where printed, else judged from the two"
    " years' figures; quartile N/A where no quartile is published; outcome row as seed 000 heads"
    " the table; commentary written for this example from seeds 000 and 002"
)


class Indicator(NamedTuple):
    """A row of the theme dashboards' transcript: the workbook's columns, with the row's theme,
    the Strategic Plan outcome it serves (blank for none) and the seeds of its figures."""

    theme: str
    outcome: str
    description: str
    quartile: str
    dot: str
    now: str
    target: str
    before: str
    polarity: str
    commentary: str
    sources: str


def transcript() -> tuple[list[str], list[Indicator]]:
    """The workbook's table header and every indicator, from the transcript (its comments left out)."""
    with THEMES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(line for line in handle if not line.startswith("#")))
    return rows[0][2:-1], [Indicator(*row) for row in rows[1:]]


COUNTIES_LIST = [
    "Buckinghamshire", "Cambridgeshire", "Cornwall", "Derbyshire", "Devon", "Dorset", "Durham",
    "East Sussex", "Essex", "Gloucestershire", "Hampshire", "Herefordshire", "Hertfordshire", "Kent",
    "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk", "North Yorkshire", "Northumberland",
    "Nottinghamshire", "Oxfordshire", "Shropshire", "Somerset", "Staffordshire", "Suffolk",
    "Surrey", "Warwickshire", "West Sussex", "Wiltshire", "Worcestershire",
]  # fmt: skip
BANNER = PatternFill("solid", fgColor="DDEBF7")


def _table(sheet: Worksheet, header: list[str], rows: list[Indicator]) -> None:
    """One theme's table, each Strategic Plan outcome on its own row above the rows it serves."""
    sheet.append([])
    sheet.append([rows[0].theme])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = BANNER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    outcome = ""
    for row in rows:
        if row.outcome != outcome:
            outcome = row.outcome
            sheet.append([f"Outcome: {outcome}"])
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        sheet.append([row.description, row.quartile, row.dot, row.now, row.target, row.before,
                      row.polarity, row.commentary])  # fmt: skip
    if rows[0].theme in FOOTNOTES:
        sheet.append([FOOTNOTES[rows[0].theme]])


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
    header, indicators = transcript()
    for theme in dict.fromkeys(row.theme for row in indicators):
        _table(sheet, header, [row for row in indicators if row.theme == theme])
    for letter, width in zip("ABCDEFGH", [60, 16, 12, 34, 38, 34, 10, 14], strict=True):
        sheet.column_dimensions[letter].width = width

    notes = workbook.create_sheet("Notes")
    notes.append(["Theme", "Indicator", "Source of its figures"])
    for row in indicators:
        if row.sources == SYNTHETIC:
            source = "SYNTHETIC: made up for the example, not any council's figure"
        else:
            source = row.sources + SEED_NOTE
        notes.append([row.theme, row.description, source])
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
        for row in transcript()[1]:
            if row.sources != SYNTHETIC:  # the council's published figures: not made up here
                continue
            description, quartile, now, before = row.description, row.quartile, row.now, row.before
            polarity = row.polarity
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
    parser.add_argument("--force", action="store_true", help="replace the files that exist")
    options = parser.parse_args(argv)
    root: Path = options.out
    there = [str(root / path) for path in WRITTEN if (root / path).exists()]
    if there and not options.force:
        sys.exit(f"{', '.join(there)} exist; pass --force to rebuild them from this script")
    (root / WORKBOOK).parent.mkdir(parents=True, exist_ok=True)
    build_workbook().save(root / WORKBOOK)
    totals = write_spending(root)
    outcome = write_comparators(root)
    write_counties(root, totals, outcome)
    write_risks(root)
    print("wrote " + ", ".join(str(root / path) for path in WRITTEN))


if __name__ == "__main__":
    main()
