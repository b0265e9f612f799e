"""Write the example workspace's workbooks, transcribed figure for figure from the seed reports.

Sources (Leicestershire County Council, Adults and Communities Overview and Scrutiny Committee):
  - 24 January 2022 report, Appendix A: April-November 2021 with RAG ratings (seed 003);
  - 3 June 2024 report, Appendix A: 2023/24 dashboard (seed 000);
  - April-June 2025 (2025/26 Q1) Appendix A dashboard (seed 001).
Figures, measure names and codes are the published ones. Where a published figure holds an
evident typo, the workbook corrects it and says so in the Notes sheet. Footnote wording is ours.

Run from the repository root:  python scripts/build_example_workbooks.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

OUT = Path(__file__).resolve().parents[1] / "examples" / "leicestershire" / "data"
PCT = "0.0%"
PCT0 = "0%"
K = '#,##0.0,"k"'
PLAN_2018 = "Leicestershire County Council's Strategic Plan 2018-22"
PLAN_2022 = "Leicestershire County Council's Strategic Plan 2022-26"
BANNER = PatternFill("solid", fgColor="DDEBF7")


def pct(text: str) -> tuple[float, str]:
    """`49.2%` as the number Excel holds (0.492) with its percent format."""
    number = float(text.rstrip("%")) / 100
    return number, PCT if "." in text else PCT0


def k(text: str) -> tuple[float, str]:
    """`19.6k` as the number Excel holds (19600) with a thousands format."""
    return round(float(text.rstrip("k").replace(",", "")) * 1000), K


class Sheet:
    def __init__(self, workbook: Workbook, title: str, header: list[str]) -> None:
        self.ws = workbook.active
        self.ws.title = title
        self.header = header
        self.width = len(header)

    def row(self, *values: object) -> None:
        self.ws.append([v[0] if isinstance(v, tuple) else v for v in values])
        r = self.ws.max_row
        for i, v in enumerate(values, start=1):
            if isinstance(v, tuple):
                self.ws.cell(r, i).number_format = v[1]

    def title(self, text: str, size: int = 14) -> None:
        self.ws.append([text])
        self.ws.cell(self.ws.max_row, 1).font = Font(bold=True, size=size)

    def banner(self, *texts: str) -> None:
        """A layer or Strategic Plan row, merged across the table as the published dashboards are."""
        self.ws.append(list(texts))
        r = self.ws.max_row
        for c in range(1, len(texts) + 1):
            self.ws.cell(r, c).font = Font(bold=True)
            self.ws.cell(r, c).fill = BANNER
        if len(texts) == 1:
            self.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=self.width)

    def head(self, header: list[str] | None = None) -> None:
        self.ws.append(header or self.header)
        r = self.ws.max_row
        for c in range(1, self.width + 1):
            self.ws.cell(r, c).font = Font(bold=True)
            self.ws.cell(r, c).alignment = Alignment(wrap_text=True)

    def blank(self) -> None:
        self.ws.append([])


def notes(workbook: Workbook, lines: list[str]) -> None:
    sheet = workbook.create_sheet("Notes")
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 120


def widths(sheet: Sheet, sizes: list[int]) -> None:
    for i, size in enumerate(sizes):
        sheet.ws.column_dimensions[chr(65 + i)].width = size


def build_2021_22_apr_nov() -> Workbook:
    wb = Workbook()
    header = [
        "ID",
        "Measure",
        "Description",
        "Aim",
        "RAG",
        "2021/22 Target",
        "2021/22 Performance",
        "2020/21 Performance",
        "2020/21 Quartile",
    ]
    s = Sheet(wb, "Appendix A", header)
    widths(s, [30, 18, 60, 18, 6, 22, 22, 40, 12])
    s.title("Adults and Communities Performance 2021/22")
    s.title("April – November 2021", 12)
    s.blank()
    no_survey = "No Survey in 2020/21 due to Covid-19 pandemic"
    home = "People are cared for at home, in their own community, whenever possible, and for as long as possible."
    s.banner("PREVENT NEED")
    s.banner(PLAN_2018, "Wellbeing and Opportunity")
    s.banner("Supporting Outcome", home)
    s.head()
    s.row(
        "sequels-prevent",
        "Local",
        "% of sequels that 'Prevent Need'",
        "Target Band Width",
        "G",
        "55-60%",
        pct("57.4%"),
        pct("54.7%"),
        "N/A",
    )
    s.row(
        "ascof-3c1",
        "ASCOF 3D pt 1",
        "% of SUs who find it easy to find information",
        "H",
        "N/A",
        "68%",
        "Due June 2022",
        no_survey,
        "N/A",
    )
    s.row(
        "ascof-3c2",
        "ASCOF 3D pt 2",
        "% of carers who find it easy to find information",
        "H",
        "N/A",
        "62%",
        "Due March 2022",
        no_survey,
        "N/A",
    )
    s.blank()
    s.banner(PLAN_2018, "Wellbeing and Opportunity")
    s.banner(
        "Supporting Outcome", "Cultural, historical and natural heritage is enjoyed and conserved"
    )
    s.head()
    s.row(
        "heritage-visits",
        "Local",
        "Heritage visits (inc. website visits)",
        "H",
        "G",
        "163.8k (Apr-Nov)",
        "182.0k (Apr-Nov)",
        "84.6k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "volunteering-hours",
        "Local",
        "Hours of Volunteering (Heritage and libraries)",
        "H",
        "G",
        "5.3k (Apr-Nov)",
        "6.7k (Apr-Nov)",
        "1.7k (Apr-Nov)",
        "N/A",
    )
    s.head()
    s.row(
        "library-visits",
        "Local",
        "Library visits (inc. website visits)",
        "H",
        "G",
        "266.7k (Apr-Nov)",
        "354.4k (Apr-Nov)",
        "160.9k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "library-loans",
        "Local",
        "Total library loans",
        "H",
        "G",
        "1,252k (Apr-Nov)",
        "1,322k (Apr-Nov)",
        "739k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "junior-loans",
        "Local",
        "Junior loans",
        "H",
        "G",
        "340.9k (Apr-Nov)",
        "441.1k (Apr-Nov)",
        "136.4k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "e-loans",
        "Local",
        "E-loans",
        "H",
        "G",
        "543.3k (Apr-Nov)",
        "571.7k (Apr-Nov)",
        "520.7k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "community-library-issues",
        "Local",
        "Total community library issues",
        "N/A",
        "N/A",
        "For Information Only",
        "163.4k (Apr-Nov)",
        "44.9k (Apr-Nov)",
        "N/A",
    )
    s.row(
        "community-library-children-issues",
        "Local",
        "Community library children's issues.",
        "N/A",
        "N/A",
        "For Information Only",
        "97.3k (Apr-Nov)",
        "21.1k (Apr-Nov)",
        "N/A",
    )
    s.blank()
    s.banner(PLAN_2018, "Strong Economy")
    s.banner("Supporting Outcome", "Leicestershire has a highly skilled and employable workforce")
    s.head()
    s.row(
        "lals-success-rate",
        "Local",
        "LALS Success Rate",
        "H",
        "G",
        "86%",
        pct("86.0%"),
        pct("86.0%"),
        "N/A",
    )
    s.blank()
    s.banner("REDUCE NEED")
    s.banner(PLAN_2018, "Wellbeing and Opportunity")
    s.banner("Supporting Outcome", home)
    s.head()
    s.row(
        "sequels-reduce",
        "Local",
        "% of sequels that 'Reduce Need'",
        "Target Band Width",
        "G",
        "18-23%",
        pct("19.4%"),
        pct("20.3%"),
        "N/A",
    )
    s.row(
        "ascof-5a1",
        "ASCOF 1I pt 1",
        "% of SUs who had as much social contact as they would like",
        "H",
        "N/A",
        "46%",
        "Due June 2022",
        no_survey,
        "N/A",
    )
    s.row(
        "ascof-5a2",
        "ASCOF 1I pt 2",
        "% of carers who had as much social contact as they would like",
        "H",
        "N/A",
        "33%",
        "Due March 2022",
        no_survey,
        "N/A",
    )
    s.row(
        "ascof-1e",
        "ASCOF 1E",
        "% of people with LD in employment",
        "H",
        "R",
        "10.5%",
        pct("9.4%"),
        pct("10.5%"),
        "Top",
    )
    s.blank()
    s.banner(PLAN_2018, "Affordable and Quality Homes")
    s.banner(
        "Supporting Outcome",
        "There is enough suitable housing to support independence for those with social care needs.",
    )
    s.head()
    s.row(
        "ascof-2e",
        "ASCOF 1G",
        "% of people with LD in settled accommodation",
        "H",
        "A",
        "86%",
        pct("84.1%"),
        pct("84.3%"),
        "Second",
    )
    s.blank()
    s.banner("DELAY NEED")
    s.banner(PLAN_2018, "Wellbeing and Opportunity")
    s.banner("Supporting Outcome", home)
    s.head()
    s.row(
        "sequels-delay",
        "Local",
        "% of sequels that 'Delay Need'",
        "Target Band Width",
        "G",
        "9-14%",
        pct("10.8%"),
        pct("11.2%"),
        "N/A",
    )
    s.row(
        "ascof-2a",
        "ASCOF 2D",
        "% of people who had no need for ongoing services following reablement",
        "H",
        "G",
        "85%",
        pct("89.5%"),
        pct("81.1%"),
        "Second",
    )
    s.row(
        "ascof-2d",
        "ASCOF 2B pt 1 *BCF*",
        "Living at home 91 days after hospital discharge and reablement",
        "H",
        "G",
        "85%",
        pct("91.8%"),
        pct("84.7%"),
        "Second",
    )
    s.row(
        "ascof-2b",
        "ASCOF 2A pt 1",
        "Permanent admissions to care (aged 18-64) per 100,000 pop.",
        "L",
        "A",
        "<4.1 (17 Adm's)",
        "5.4 (23 admissions)",
        "3.8 (17 admissions)",
        "Top",
    )
    s.row(
        "ascof-2c",
        "ASCOF 2A pt 2 *BCF*",
        "Permanent admissions to care (aged 65+) per 100,000 pop.",
        "L",
        "A",
        "<538 (780 Adm's)",
        "559.4 (820 admissions)",
        "528.7 (780 admissions)",
        "Top",
    )
    s.blank()
    s.banner("MEET NEED")
    s.banner(PLAN_2018, "Wellbeing and Opportunity")
    s.banner("Supporting Outcome", home)
    s.head()
    s.row(
        "sequels-meet",
        "Local",
        "% of sequels that 'Meet need'",
        "Target Band Width",
        "G",
        "7-12%",
        pct("12.4%"),
        pct("13.8%"),
        "N/A",
    )
    s.row(
        "ascof-1c-pt-1a",
        "ASCOF 1C pt 1a",
        "Adults aged 18+ receiving self-directed support",
        "H",
        "A",
        "98%",
        pct("96.4%"),
        pct("95.2%"),
        "Third",
    )
    s.row(
        "ascof-3d",
        "ASCOF 1C pt 2a",
        "Adult aged 18+ receiving direct payments",
        "H",
        "G",
        "42%",
        pct("41.6%"),
        pct("42.0%"),
        "Top",
    )
    s.row(
        "ascof-1c-pt-1b",
        "ASCOF 1C pt 1b",
        "Carers receiving self-directed support",
        "H",
        "G",
        "99%",
        pct("99.9%"),
        pct("99.9%"),
        "Third",
    )
    s.row(
        "ascof-1c-pt-2b",
        "ASCOF 1C pt 2b",
        "Carers receiving direct payments",
        "H",
        "G",
        "98%",
        pct("99.4%"),
        pct("98.9%"),
        "Third",
    )
    s.blank()
    s.banner(PLAN_2018, "Keeping People Safe")
    s.banner(
        "Supporting Outcome",
        "People at the most risk or in crisis, are protected and supported to keep them safe",
    )
    s.head()
    s.row(
        "safeguarding-outcomes-achieved",
        "Local",
        "Of safeguarding enquiries where an outcome was expressed, the percentage partially or fully achieved",
        "H",
        "G",
        "93.0%",
        pct("93.4%"),
        pct("93.2%"),
        "N/A",
    )
    s.row(
        "ascof-4a",
        "ASCOF 4B",
        "% of service users who say that services have made them feel safe",
        "H",
        "N/A",
        "90.0%",
        "Due June 2022",
        no_survey,
        "N/A",
    )
    s.row(
        "annual-reviews",
        "Local",
        "% of service users who received their annual review",
        "H",
        "A",
        "70%",
        pct("68.0%"),
        pct("63.0%"),
        "N/A",
    )
    notes(
        wb,
        [
            "Source: Leicestershire County Council, Adults and Communities Overview and Scrutiny Committee,",
            "24 January 2022, 'National Performance Benchmarking 2020/21 and Performance Report 2021/22 -",
            "Position at November 2021', Appendix A. Figures transcribed as published.",
            "The ID column links each row to the measure's current id: ASCOF codes were renumbered in 2023/24",
            "(e.g. ASCOF 1C pt 2a is now ASCOF 3D; ASCOF 2D is now ASCOF 2A).",
        ],
    )
    return wb


# Counts the 2023/24 committee report's Performance Update quotes (seed 002), by measure:
# (this year's figure, last year's), each as that report prints it.
COUNTS_2023_24 = {
    "ascof-2e": ("86.3% (1,151 out of 1,334)", None),
    "ascof-2a": ("89.6% (3,856 out of 4,304)", None),
    "ascof-2d": ("88.4% (539 out of 610)", None),
    "ascof-3d": ("35.4% (1,762 out of 4,984)", "36.2% (1,939 out of 5,357)"),
    "ascof-4b": (None, "90% (264 out of 292)"),
    "annual-reviews": ("73.5% (3,950 out of 5,375)", None),
}


def add_counts(sheet: Sheet, counts: dict[str, tuple[str | None, str | None]]) -> None:
    """Write a figure with its count where the report quotes one (as text, as officers type it)."""
    current = sheet.header.index(next(h for h in sheet.header if h.endswith("Performance"))) + 1
    for row in sheet.ws.iter_rows(min_row=1):
        found = counts.get(str(row[0].value))
        if found is None:
            continue
        for cell, text in zip((row[current - 1], row[current]), found, strict=True):
            if text is not None:
                cell.value = text
                cell.number_format = "General"


def build_2023_24() -> Workbook:
    wb = Workbook()
    header = [
        "ID",
        "Measure",
        "Description",
        "Aim",
        "Rating",
        "Progress",
        "2023/24 Performance",
        "2022/23 Performance",
    ]
    s = Sheet(wb, "Appendix A", header)
    widths(s, [30, 18, 60, 18, 40, 10, 40, 40])
    s.title("Adults and Communities Performance 2023/24")
    s.title("April 2023 to March 2024", 12)
    s.blank()
    safe = (
        "Safe and Well",
        "Carers and People with care needs are supported to live active, independent, and fulfilling lives",
    )
    s.banner("PREVENT NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "sequels-prevent",
        "Local",
        "% of sequels that 'Prevent Need'",
        "Target Band Width",
        "55% - 60% Local target 2023/24",
        None,
        pct("49.2%"),
        pct("56.7%"),
    )
    s.row(
        "ascof-3c1",
        "ASCOF 3C",
        "% of SUs who find it easy to find information",
        "High",
        "67.2% 22/23 Nat. Ave.",
        None,
        pct("59.3%"),
        pct("61.8%"),
    )
    s.row(
        "ascof-3c2",
        "ASCOF 3C",
        "% of carers who find it easy to find information",
        "High",
        "57.7% 21/22 Nat. Ave.",
        None,
        pct("56.1%"),
        "49.4% (2021/22)",
    )
    s.head()
    s.row(
        "volunteering-hours",
        "Local",
        "Hours of Volunteering (Heritage & libraries)",
        "High",
        "17.3k Local target 2023/24",
        None,
        k("19.6k"),
        k("17.3k"),
    )
    s.blank()
    s.banner(
        PLAN_2022, "Great Communities", "Cultural and historical heritage are enjoyed and conserved"
    )
    s.head()
    s.row(
        "heritage-visits",
        "Local",
        "Heritage visits",
        "High",
        "133.5k Local target 2023/24",
        "▲",
        k("134.1k"),
        k("127.1k"),
    )
    s.row(
        "library-visits",
        "Local",
        "Library visits",
        "High",
        "545.3k Local target 2023/24",
        "▲",
        k("615.1k"),
        k("539.9k"),
    )
    s.row(
        "library-loans",
        "Local",
        "Total library loans",
        "High",
        "2,260.7k Local target 2023/24",
        "▲",
        k("2,384.5k"),
        k("2,260.7k"),
    )
    s.row(
        "junior-loans",
        "Local",
        "Junior loans",
        "High",
        "815.0k Local target 2023/24",
        "▲",
        k("833.3k"),
        k("805.3k"),
    )
    s.row(
        "e-loans",
        "Local",
        "E-loans",
        "High",
        "908.0k Local target 2023/24",
        "▲",
        k("1,006.6k"),
        k("908.0k"),
    )
    s.row(
        "community-library-issues",
        "Local",
        "Total community library issues",
        "N/A",
        "For Information Only",
        "N/A",
        k("305.2k"),
        k("295.2k"),
    )
    s.row(
        "community-library-children-issues",
        "Local",
        "Community library children's issues.",
        "N/A",
        "For Information Only",
        "N/A",
        k("180.1k"),
        k("173.9k"),
    )
    s.row(
        "creative-learning-attendances",
        "Local",
        "Attendances at Creative Learning Service workshops",
        "High",
        "17.1k Local target 2023/24",
        "▲",
        k("22.0k"),
        k("17.1k"),
    )
    s.blank()
    s.banner(
        PLAN_2022,
        "Strong Economy, Transport, and Infrastructure",
        "There is close alignment between skill supply and demand",
    )
    s.head()
    s.row(
        "lals-success-rate",
        "Local",
        "LALS Success Rate",
        "High",
        "90% Local Target 2023/24",
        "◀▶",
        "85.3% (Position at March 2024)",
        "84.6% (Position at March 2023)",
    )
    s.blank()
    s.banner("REDUCE NEED")
    s.banner(
        PLAN_2022,
        "Improved Opportunities",
        "Young people and adults are able to aim high and reach their full potential",
    )
    s.head()
    s.row(
        "ascof-2e",
        "ASCOF 2E",
        "% of people living at home or with family",
        "High",
        "80.5% 22/23 Nat. Ave.",
        "◀▶",
        pct("86.3%"),
        pct("85.6%"),
    )
    s.blank()
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "sequels-reduce",
        "Local",
        "% of sequels that 'Reduce Need'",
        "Target Band Width",
        "18% - 23% Local target 2023/24",
        "◀▶",
        pct("17.4%"),
        pct("16.3%"),
    )
    s.row(
        "ascof-5a1",
        "ASCOF 5A",
        "% of SUs who had as much social contact as they would like",
        "High",
        "44.4% 22/23 Nat. Ave",
        "▲",
        pct("44.9%"),
        pct("38.7%"),
    )
    s.row(
        "ascof-5a2",
        "ASCOF 5A",
        "% of carers who had as much social contact as they would like",
        "High",
        "28.0% 21/22 Nat. Ave.",
        "◀▶",
        pct("25.4%"),
        "24.7% (2021/22)",
    )
    s.row(
        "awaiting-assessment",
        "Local",
        "Number of people awaiting a care assessment",
        "Low",
        "<1,575 Position as at 1 st Jan 2023",
        "▲",
        "773 End of March 2024",
        "1,334 End of March 2023",
    )
    s.row(
        "awaiting-assessment-six-months",
        "Local",
        "Number of people awaiting a care assessment for more than six months",
        "Low",
        "<71 Position as at 1 st Jan 2023",
        "▲",
        "36 (5% of total waiting at end of Mar-24)",
        "116 (9% of total waiting at end of Mar-23)",
    )
    s.blank()
    s.banner("DELAY NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "sequels-delay",
        "Local",
        "% of sequels that 'Delay Need'",
        "Target Band Width",
        "10% - 15% Local target 2023/24",
        "▲",
        pct("19.1%"),
        pct("12.8%"),
    )
    s.row(
        "ascof-2a",
        "ASCOF 2A",
        "% of people who had no need for ongoing services following reablement",
        "High",
        "77.5% 22/23 Nat. Ave",
        "▲",
        pct("89.6%"),
        pct("87.8%"),
    )
    s.row(
        "ascof-2d",
        "ASCOF 2D *BCF*",
        "Living at home 91 days after hospital discharge and reablement",
        "High",
        "82.3% 22/23 Nat. Ave",
        "◀▶",
        pct("88.4%"),
        pct("89.2%"),
    )
    s.row(
        "ascof-2b",
        "ASCOF 2B",
        "Permanent admissions to care (aged 18-64) per 100,000 pop.",
        "Low",
        "14.6 per 100k pop. 22/23 Nat. Ave",
        "▼",
        "13.7 per 100k Pop. Actual 58 Admissions in 23/24",
        "12.1 per 100k Pop. Actual 51 Admissions in 22/23",
    )
    s.row(
        "ascof-2c",
        "ASCOF 2C *BCF*",
        "Permanent admissions to care (aged 65+) per 100,000 pop.",
        "Low",
        "560.8 per 100k pop. 22/23 Nat. Ave",
        "▲",
        "511 per 100k Pop. Actual 798 Admissions in 23/24",
        "553 per 100k Pop. Actual 824 Admissions in 22/23",
    )
    s.blank()
    s.banner("MEET NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "sequels-meet",
        "Local",
        "% of sequels that 'Meet need'",
        "Target Band Width",
        "7% - 12% Local target 2023/24",
        "◀▶",
        pct("14.3%"),
        pct("14.3%"),
    )
    s.row(
        "ascof-3d",
        "ASCOF 3D",
        "Adult aged 18+ receiving direct payments",
        "High",
        "26.2% 22/23 Nat. Ave",
        "◀▶",
        pct("35.4%"),
        pct("36.2%"),
    )
    s.blank()
    s.banner(PLAN_2022, "Safe and Well", "People at most risk are protected from harm")
    s.head()
    s.row(
        "ascof-4a",
        "ASCOF 4A",
        "% of service users who say that services have made them feel safe",
        "High",
        "87.1% 22/23 Nat. Ave.",
        "▼",
        pct("82.5%"),
        pct("85.3%"),
    )
    s.row(
        "ascof-4b",
        "ASCOF 4B",
        "% of safeguarding enquiries where the identified risk was reduced or removed",
        None,
        "New ASCOF metric for 2023/24 No national figures yet available",
        "▲",
        pct("96%"),
        pct("90%"),
    )
    s.row(
        "annual-reviews",
        "Local",
        "% of service users who received their annual review",
        "High",
        "57.1% 22/23 Nat. Ave",
        "▼",
        pct("73.5%"),
        pct("76.4%"),
    )
    add_counts(s, COUNTS_2023_24)
    notes(
        wb,
        [
            "Source: Leicestershire County Council, Adults and Communities Overview and Scrutiny Committee,",
            "3 June 2024, 'Performance Report 2023/24 - Position at March 2024', Appendix A. Figures as published.",
            "The numerators and denominators ('86.3% (1,151 out of 1,334)') are those the same report's",
            "Performance Update quotes for these measures (its Appendix A printed only the percentages).",
            "ASCOF 4B's 2023/24 '96% (524 out of 528)' is left out: 524 out of 528 is 99%, not 96%.",
            "Correction: the published dashboard printed the local targets as 'Local target 2023/34'",
            "(volunteering, heritage visits, library visits, loans, junior loans, e-loans, Creative Learning).",
            "There is no such year; this workbook gives them as 2023/24, the year the report covers.",
            "The Rating column holds the comparator text: the published rating icons did not survive conversion.",
            "ASCOF 4B has no Aim in the published table; perfcli.toml defines it (High).",
        ],
    )
    return wb


def build_2025_26_q1() -> Workbook:
    wb = Workbook()
    header = [
        "ID",
        "Measure",
        "Description",
        "Aim",
        "Rating",
        "Progress",
        "Basis",
        "2025/26 Performance",
        "2024/25 Performance",
    ]
    s = Sheet(wb, "Appendix A", header)
    widths(s, [30, 18, 60, 18, 40, 10, 14, 45, 40])
    s.title("Adults and Communities Performance 2025/26")
    s.title("April to June 2025", 12)
    s.blank()
    safe = (
        "Safe and Well",
        "Carers and People with care needs are supported to live active, independent, and fulfilling lives",
    )
    annual = "Survey is annual and will next run in February 2026"
    biennial = "Survey is biennial and will next run in October 2025"
    s.banner("PREVENT NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "ascof-3c1",
        "ASCOF 3C1",
        "% of SUs who find it easy to find information",
        "High",
        "66.4% 23/24 Nat. Ave.",
        "◀▶",
        None,
        annual,
        pct("61.1%"),
    )
    s.row(
        "ascof-3c2",
        "ASCOF 3C2",
        "% of carers who find it easy to find information",
        "High",
        "59.1% 23/24 Nat. Ave.",
        "▲",
        None,
        biennial,
        pct("56.1%"),
    )
    s.head()
    s.row(
        "volunteering-hours",
        "Local",
        "Hours of Volunteering (Heritage & libraries)",
        "High",
        "5.1k Local Q1 Milestone",
        "▲",
        None,
        k("6.5k"),
        k("5.6k"),
    )
    s.blank()
    s.banner(
        PLAN_2022, "Great Communities", "Cultural and historical heritage are enjoyed and conserved"
    )
    s.head()
    s.row(
        "heritage-visits",
        "Local",
        "Heritage visits",
        "High",
        "41.6k Local Q1 Milestone",
        "▲",
        None,
        k("41.0k"),
        k("39.1k"),
    )
    s.row(
        "library-visits",
        "Local",
        "Library visits",
        "High",
        "195.0k Local Q1 Milestone",
        "▲",
        None,
        k("196.4k"),
        k("155.1k"),
    )
    s.row(
        "library-loans",
        "Local",
        "Total library loans",
        "High",
        "588.3k Local Q1 Milestone",
        "◀▶",
        None,
        k("597.9k"),
        k("599.0k"),
    )
    s.row(
        "junior-loans",
        "Local",
        "Junior loans",
        "High",
        "187.5k Local Q1 Milestone",
        "▼",
        None,
        k("159.1k"),
        k("186.2k"),
    )
    s.row(
        "e-loans",
        "Local",
        "E-loans",
        "High",
        "315.0k Local Q1 Milestone",
        "▲",
        None,
        k("322.6k"),
        k("279.4k"),
    )
    s.row(
        "community-library-issues",
        "Local",
        "Total community library issues ¹",
        "N/A",
        "For Information Only",
        "N/A",
        None,
        k("50.1k"),
        k("69.5k"),
    )
    s.row(
        "community-library-children-issues",
        "Local",
        "Community library children's issues.",
        "N/A",
        "For Information Only",
        "N/A",
        None,
        k("24.9k"),
        k("39.0k"),
    )
    s.row(
        "creative-learning-attendances",
        "Local",
        "Attendances at Creative Learning Service workshops",
        "High",
        "20.0k Local Milestone Jun-25 (Academic year)",
        "◀▶",
        "Academic year",
        k("21.6k"),
        k("22.1k"),
    )
    s.blank()
    s.banner(
        PLAN_2022,
        "Strong Economy, Transport, and Infrastructure",
        "There is close alignment between skill supply and demand",
    )
    s.head(
        [
            "ID",
            "Measure",
            "Description",
            "Aim",
            "Rating",
            "Progress",
            "Basis",
            "2024/25 Performance",
            "2023/24 Performance",
        ]
    )
    s.row(
        "lals-success-rate",
        "Local",
        "Leicestershire Adult Learning Service (LALS) Success Rate",
        "High",
        "84.0% Local Target 2024/25 (Academic year)",
        "◀▶",
        "Academic year",
        pct("84.8%"),
        pct("85.8%"),
    )
    s.row(
        "¹ Community-run library figures for 2025/26 look lower because the new library management system credits online renewals to 'web', not to the library that issued the item."
    )
    s.blank()
    s.banner("REDUCE NEED")
    s.banner(
        PLAN_2022,
        "Improved Opportunities",
        "Young people and adults are able to aim high and reach their full potential",
    )
    s.head()
    s.row(
        "ascof-2e",
        "ASCOF 2E",
        "% of adults with a learning disability living at home or with family",
        "High",
        "81.6% 23/24 Nat. Ave.",
        "◀▶",
        None,
        "87.1% (1,227 out of 1,408)",
        "87.2% (1,198 out of 1,374)",
    )
    s.blank()
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "ascof-5a1",
        "ASCOF 5A1",
        "% of SUs who had as much social contact as they would like",
        "High",
        "45.6% 23/24 Nat. Ave",
        "▼",
        None,
        annual,
        pct("39.6%"),
    )
    s.row(
        "ascof-5a2",
        "ASCOF 5A2",
        "% of carers who had as much social contact as they would like",
        "High",
        "30.0% 23/24 Nat. Ave.",
        "◀▶",
        None,
        biennial,
        pct("25.4%"),
    )
    s.row(
        "awaiting-assessment",
        "Local",
        "Number of people awaiting a care assessment",
        "Low",
        "<672 Position as at Mar 2025",
        "▲",
        None,
        "599 End of June 2025",
        "672 End of March 2025",
    )
    s.row(
        "awaiting-assessment-six-months",
        "Local",
        "Number of people awaiting a care assessment for more than six months",
        "Low",
        "<61 Position as at Mar 2025",
        "▲",
        None,
        "50 (8.3% of total waiting at end of Jun-25)",
        "61 (9.1% of total waiting at end of Mar-25)",
    )
    s.blank()
    s.banner("DELAY NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "ascof-2a",
        "ASCOF 2A",
        "% of people who had no need for ongoing services following reablement",
        "High",
        "79.4% 23/24 Nat. Ave",
        "▼",
        None,
        "82.8% (911 out of 1,100)",
        "88.7% (3,912 out of 4,408)",
    )
    s.row(
        "ascof-2d",
        "ASCOF 2D BCF ²",
        "Living at home 91 days after hospital discharge and reablement",
        "High",
        "83.8% 23/24 Nat. Ave",
        "▼",
        None,
        "88.3% (596 out of 675)",
        "90.7% (582 out of 642)",
    )
    s.row(
        "ascof-2b",
        "ASCOF 2B",
        "Permanent admissions to care (aged 18-64) per 100,000 pop.",
        "Low",
        "15.2 per 100k pop. 23/24 Nat. Ave",
        "◀▶",
        None,
        "14.3 per 100k Pop. Forecast 62 Admissions in 25/26",
        "14.7 per 100k Pop. Actual 64 Admissions in 24/25",
    )
    s.row(
        "ascof-2c",
        "ASCOF 2C BCF",
        "Permanent admissions to care (aged 65+) per 100,000 pop.",
        "Low",
        "566.0 per 100k pop. 23/24 Nat. Ave",
        "▼",
        None,
        "572 per 100k Pop. Forecast 881 Admissions in 25/26",
        "599 per 100k Pop. Actual 923 Admissions in 24/25",
    )
    s.row(
        "² The Better Care Fund (BCF) is the joint health and social care programme these measures report to."
    )
    s.blank()
    s.banner("MEET NEED")
    s.banner(PLAN_2022, *safe)
    s.head()
    s.row(
        "ascof-3d",
        "ASCOF 3D",
        "Adult aged 18+ receiving direct payments",
        "High",
        "25.5% 23/24 Nat. Ave",
        "◀▶",
        None,
        "32.7% (1,677 out of 5,135)",
        "33.0% (1,671 out of 5,069)",
    )
    s.blank()
    s.banner(PLAN_2022, "Safe and Well", "People at most risk are protected from harm")
    s.head()
    s.row(
        "ascof-4a",
        "ASCOF 4A",
        "% of service users who say they feel safe",
        "High",
        "71.1% 23/24 Nat. Ave.",
        "▼",
        None,
        annual,
        pct("66.8%"),
    )
    s.row(
        "ascof-4b",
        "ASCOF 4B",
        "% of safeguarding enquiries where the identified risk was reduced or removed",
        "High",
        "National data not yet published",
        "◀▶",
        None,
        "94.4% (234 out of 248)",
        "95.3% (645 out of 677)",
    )
    s.row(
        "annual-reviews",
        "Local",
        "% of service users who received their annual review",
        "High",
        "58.8% 23/24 Nat. Ave",
        "◀▶",
        None,
        "77.1% (4,044 out of 5,245)",
        "77.5% (4,000 out of 5,159)",
    )
    notes(
        wb,
        [
            "Source: Leicestershire County Council, Adults and Communities Performance 2025/26, April to June 2025,",
            "Appendix A dashboard. Figures as published; the 2024/25 column holds, per measure, the same quarter",
            "last year, the year-end position or the latest survey (perfcli.toml states each measure's basis).",
            "Correction: the published row for people waiting over six months gives the current figure as",
            "'50 (8.3% of total waiting at end of Mar-25)'; 599 waited at the end of June 2025 and 50 is 8.3% of",
            "599, so this workbook dates it 'end of Jun-25'.",
            "Progress symbols are read from the published icons (garbled in the PDF text: A = ▲, • = ▼, ♦/*/4 > = ◀▶).",
            "Footnote wording is perfcli's own summary of the published footnotes.",
        ],
    )
    return wb


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (
        ("appendix-a-2021-22-apr-nov.xlsx", build_2021_22_apr_nov),
        ("appendix-a-2023-24.xlsx", build_2023_24),
        ("appendix-a-2025-26-q1.xlsx", build_2025_26_q1),
    ):
        build().save(OUT / name)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
