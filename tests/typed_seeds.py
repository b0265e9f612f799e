"""The seed reports typed into Excel exactly as printed, the way an officer keeps them.

No ID column, codes as printed (`ASCOF 3C` twice in seed 000), the published typos
(`Local target 2023/34`), banners merged on one row and split over three, headers repeated
for each table, percentages both as Excel numbers formatted `0.0%` and as text.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

PLAN = "Leicestershire County Council's Strategic Plan 2022-26"
SAFE = ("Safe and Well", "Carers and People with care needs are supported to live active, independent, and fulfilling lives")  # fmt: skip
PCT = "0.0%"


def pct(text: str) -> tuple[float, str]:
    """`49.2%` as Excel holds it once typed: 0.492, formatted `0.0%`."""
    return round(float(text.rstrip("%")) / 100, 6), PCT


class Typed:
    """One sheet typed top to bottom."""

    def __init__(self, ws: Worksheet, header: list[str]) -> None:
        self.ws, self.header = ws, header

    def row(self, *values: object) -> int:
        self.ws.append([v[0] if isinstance(v, tuple) else v for v in values])
        number = self.ws.max_row
        for column, value in enumerate(values, start=1):
            if isinstance(value, tuple):
                self.ws.cell(number, column).number_format = value[1]
        return number

    def merged(self, text: str) -> None:
        """A banner typed once and merged across the table."""
        number = self.row(text)
        self.ws.merge_cells(
            start_row=number, start_column=1, end_row=number, end_column=len(self.header)
        )

    def plan(self, outcome: tuple[str, str], *, split: bool = False) -> None:
        """The Strategic Plan banner: on one row, or split over three as seed 001 prints it."""
        if not split:
            self.row(PLAN, *outcome)
            return
        for part in ("Leicestershire County", "Council's Strategic Plan", "2022-26"):
            self.row(part)
        self.row(outcome[0])
        self.row(outcome[1])

    def head(self, header: list[str] | None = None) -> None:
        self.ws.append([])
        self.ws.append(header or self.header)


HEADER_000 = ["Measure", "Description", "Aim", "Rating", "Progress", "2023/24 Performance", "2022/23 Performance"]  # fmt: skip

# The 29 rows of seed 000 as (code, description, aim, comparator, progress, current, previous).
GREAT = ("Great Communities", "Cultural and historical heritage are enjoyed and conserved")
ECONOMY = ("Strong Economy, Transport, and Infrastructure", "There is close alignment between skill supply and demand")  # fmt: skip
OPPORTUNITIES = ("Improved Opportunities", "Young people and adults are able to aim high and reach their full potential")  # fmt: skip
PROTECTED = ("Safe and Well", "People at most risk are protected from harm")


def seed_000(path: Path) -> Path:
    """Seed 000, the 2023/24 Appendix A dashboard, as published: 29 measures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Appendix A"
    s = Typed(ws, HEADER_000)
    s.row("Adults and Communities Performance 2023/24")
    s.row("April 2023 to March 2024")
    s.row("Performance Rating and Progress")
    s.merged("PREVENT NEED")
    s.plan(SAFE)
    s.head()
    s.row("Local", "% of sequels that 'Prevent Need'", "Target Band Width", "55% - 60% Local target 2023/24", None, pct("49.2%"), pct("56.7%"))  # fmt: skip
    s.row("ASCOF 3C", "% of SUs who find it easy to find information", "High", "67.2% 22/23 Nat. Ave.", None, pct("59.3%"), pct("61.8%"))  # fmt: skip
    s.row("ASCOF 3C", "% of carers who find it easy to find information", "High", "57.7% 21/22 Nat. Ave.", None, pct("56.1%"), "49.4% (2021/22)")  # fmt: skip
    s.head()
    s.row("Local", "Hours of Volunteering (Heritage & libraries)", "High", "17.3k Local target 2023/34", None, "19.6k", "17.3k")  # fmt: skip
    s.plan(GREAT, split=True)
    s.head()
    s.row(
        "Local", "Heritage visits", "High", "133.5k Local target 2023/34", "▲", "134.1k", "127.1k"
    )
    s.row("Local", "Library visits", "High", "545.3k Local target 2023/34", "▲", "615.1k", "539.9k")
    s.row("Local", "Total library loans", "High", "2,260.7k Local target 2023/34", "▲", "2,384.5k", "2,260.7k")  # fmt: skip
    s.row("Local", "Junior loans", "High", "815.0k Local target 2023/34", "▲", "833.3k", "805.3k")
    s.row("Local", "E-loans", "High", "908.0k Local target 2023/34", "▲", "1,006.6k", "908.0k")
    s.row("Local", "Total community library issues", "N/A", "For Information Only", "N/A", "305.2k", "295.2k")  # fmt: skip
    s.row("Local", "Community library children's issues.", "N/A", "For Information Only", "N/A", "180.1k", "173.9k")  # fmt: skip
    s.row("Local", "Attendances at Creative Learning Service workshops", "High", "17.1k Local target 2023/34", "▲", "22.0k", "17.1k")  # fmt: skip
    s.plan(ECONOMY)
    s.head()
    s.row("Local", "LALS Success Rate", "High", "90% Local Target 2023/24", "◀▶", "85.3% (Position at March 2024)", "84.6% (Position at March 2023)")  # fmt: skip
    s.merged("REDUCE NEED")
    s.plan(OPPORTUNITIES)
    s.head()
    s.row("ASCOF 2E", "% of people living at home or with family", "High", "80.5% 22/23 Nat. Ave.", "◀▶", pct("86.3%"), pct("85.6%"))  # fmt: skip
    s.plan(SAFE, split=True)
    s.head()
    s.row("Local", "% of sequels that 'Reduce Need'", "Target Band Width", "18% - 23% Local target 2023/24", "◀▶", "17.4%", "16.3%")  # fmt: skip
    s.row("ASCOF 5A", "% of SUs who had as much social contact as they would like", "High", "44.4% 22/23 Nat. Ave", "▲", pct("44.9%"), pct("38.7%"))  # fmt: skip
    s.row("ASCOF 5A", "% of carers who had as much social contact as they would like", "High", "28.0% 21/22 Nat. Ave.", "◀▶", "25.4%", "24.7% (2021/22)")  # fmt: skip
    s.row("Local", "Number of people awaiting a care assessment", "Low", "<1,575 Position as at 1 st Jan 2023", "▲", "773 End of March 2024", "1,334 End of March 2023")  # fmt: skip
    s.row("Local", "Number of people awaiting a care assessment for more than six months", "Low", "<71 Position as at 1 st Jan 2023", "▲", "36 (5% of total waiting at end of Mar-24)", "116 (9% of total waiting at end of Mar-23)")  # fmt: skip
    s.merged("DELAY NEED")
    s.plan(SAFE)
    s.head()
    s.row("Local", "% of sequels that 'Delay Need'", "Target Band Width", "10% - 15% Local target 2023/24", "▲", pct("19.1%"), pct("12.8%"))  # fmt: skip
    s.row("ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High", "77.5% 22/23 Nat. Ave", "▲", pct("89.6%"), pct("87.8%"))  # fmt: skip
    s.row("ASCOF 2D *BCF*", "Living at home 91 days after hospital discharge and reablement", "High", "82.3% 22/23 Nat. Ave", "◀▶", "88.4%", "89.2%")  # fmt: skip
    s.row("ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low", "14.6 per 100k pop. 22/23 Nat. Ave", "▼", "13.7 per 100k Pop. Actual 58 Admissions in 23/24", "12.1 per 100k Pop. Actual 51 Admissions in 22/23")  # fmt: skip
    s.row("ASCOF 2C *BCF*", "Permanent admissions to care (aged 65+) per 100,000 pop.", "Low", "560.8 per 100k pop. 22/23 Nat. Ave", "▲", "511 per 100k Pop. Actual 798 Admissions in 23/24", "553 per 100k Pop. Actual 824 Admissions in 22/23")  # fmt: skip
    s.merged("MEET NEED")
    s.plan(SAFE)
    s.head()
    s.row("Local", "% of sequels that 'Meet need'", "Target Band Width", "7% - 12% Local target 2023/24", "◀▶", pct("14.3%"), pct("14.3%"))  # fmt: skip
    s.row("ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "26.2% 22/23 Nat. Ave", "◀▶", pct("35.4%"), pct("36.2%"))  # fmt: skip
    s.plan(PROTECTED)
    s.head()
    s.row("ASCOF 4A", "% of service users who say that services have made them feel safe", "High", "87.1% 22/23 Nat. Ave.", "▼", pct("82.5%"), pct("85.3%"))  # fmt: skip
    s.row("ASCOF 4B", "% of safeguarding enquiries where the identified risk was reduced or removed", None, "New ASCOF metric for 2023/24 No national figures yet available", "▲", "96%", "90%")  # fmt: skip
    s.row("Local", "% of service users who received their annual review", "High", "57.1% 22/23 Nat. Ave", "▼", pct("73.5%"), pct("76.4%"))  # fmt: skip
    wb.save(path)
    return path


# Seed 000's Progress column as printed, by row (code, description's first words).
PROGRESS_000 = {
    "Heritage visits": "▲", "Library visits": "▲", "Total library loans": "▲", "Junior loans": "▲",
    "E-loans": "▲", "Attendances at Creative Learning Service workshops": "▲",
    "LALS Success Rate": "◀▶", "% of people living at home or with family": "◀▶",
    "% of sequels that 'Reduce Need'": "◀▶",
    "% of SUs who had as much social contact as they would like": "▲",
    "% of carers who had as much social contact as they would like": "◀▶",
    "Number of people awaiting a care assessment": "▲",
    "Number of people awaiting a care assessment for more than six months": "▲",
    "% of sequels that 'Delay Need'": "▲",
    "% of people who had no need for ongoing services following reablement": "▲",
    "Living at home 91 days after hospital discharge and reablement": "◀▶",
    "Permanent admissions to care (aged 18-64) per 100,000 pop.": "▼",
    "Permanent admissions to care (aged 65+) per 100,000 pop.": "▲",
    "% of sequels that 'Meet need'": "◀▶", "Adult aged 18+ receiving direct payments": "◀▶",
    "% of service users who say that services have made them feel safe": "▼",
    "% of safeguarding enquiries where the identified risk was reduced or removed": "▲",
    "% of service users who received their annual review": "▼",
    "Total community library issues": "N/A", "Community library children's issues.": "N/A",
}  # fmt: skip

HEADER_001 = ["Measure", "Description", "Aim", "Rating", "Progress", "2025/26 Performance", "2024/25 Performance"]  # fmt: skip


def seed_001(path: Path) -> Path:
    """Seed 001, the April-June 2025 dashboard, as published (the previous column mixes periods)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Appendix A"
    s = Typed(ws, HEADER_001)
    s.row("Adults and Communities Performance 2025/26 April to June 2025")
    s.row("Performance Rating and Progress")
    s.merged("PREVENT NEED")
    s.plan(SAFE)
    s.head()
    s.row("ASCOF 3C1", "% of SUs who find it easy to find information", "High", "66.4% 23/24 Nat. Ave.", "◀▶", "Survey is annual and will next run in February 2026", pct("61.1%"))  # fmt: skip
    s.row("ASCOF 3C2", "% of carers who find it easy to find information", "High", "59.1% 23/24 Nat. Ave.", "▲", "Survey is biennial and will next run in October 2025", "56.1%")  # fmt: skip
    s.head()
    s.row("Local", "Hours of Volunteering (Heritage & libraries)", "High", "5.1k Local Q1 Milestone", "▲", "6.5k", "5.6k")  # fmt: skip
    s.plan(GREAT, split=True)
    s.head()
    s.row("Local", "Heritage visits", "High", "41.6k Local Q1 Milestone", "▲", "41.0k", "39.1k")
    s.row("Local", "Library visits", "High", "195.0k Local Q1 Milestone", "▲", "196.4k", "155.1k")
    s.row("Local", "Total library loans", "High", "588.3k Local Q1 Milestone", "◀▶", "597.9k", "599.0k")  # fmt: skip
    s.row("Local", "Junior loans", "High", "187.5k Local Q1 Milestone", "▼", "159.1k", "186.2k")
    s.row("Local", "E-loans", "High", "315.0k Local Q1 Milestone", "▲", "322.6k", "279.4k")
    s.row("Local", "Total community library issues ¹", "N/A", "For Information Only", "N/A", "50.1k", "69.5k")  # fmt: skip
    s.row("Local", "Community library children's issues.", "N/A", "For Information Only", "N/A", "24.9k", "39.0k")  # fmt: skip
    s.row("Local", "Attendances at Creative Learning Service workshops", "High", "20.0k Local Milestone Jun-25 (Academic year)", "◀▶", "21.6k", "22.1k")  # fmt: skip
    s.plan(ECONOMY, split=True)
    s.head([*HEADER_001[:5], "2024/25 Performance", "2023/24 Performance"])
    s.row("Local", "Leicestershire Adult Learning Service (LALS) Success Rate", "High", "84.0% Local Target 2024/25 (Academic year)", "◀▶", "84.8%", "85.8%")  # fmt: skip
    s.row("¹ The new Library Management System does not allocate 'online' renewals to the original issuing site, just to 'web'.")  # fmt: skip
    s.merged("REDUCE NEED")
    s.plan(OPPORTUNITIES)
    s.head()
    s.row("ASCOF 2E", "% of adults with a learning disability living at home or with family", "High", "81.6% 23/24 Nat. Ave.", "◀▶", "87.1% (1,227 out of 1,408)", "87.2% (1,198 out of 1,374)")  # fmt: skip
    s.plan(SAFE, split=True)
    s.head()
    s.row("ASCOF 5A1", "% of SUs who had as much social contact as they would like", "High", "45.6% 23/24 Nat. Ave", "▼", "Survey is annual and will next run in February 2026", pct("39.6%"))  # fmt: skip
    s.row("ASCOF 5A2", "% of carers who had as much social contact as they would like", "High", "30.0% 23/24 Nat. Ave.", "◀▶", "Survey is biennial and will next run in October 2025", "25.4%")  # fmt: skip
    s.row("Local", "Number of people awaiting a care assessment", "Low", "<672 Position as at Mar 2025", "▲", "599 End of June 2025", "672 End of March 2025")  # fmt: skip
    s.row("Local", "Number of people awaiting a care assessment for more than six months", "Low", "<61 Position as at Mar 2025", "▲", "50 (8.3% of total waiting at end of Mar-25)", "61 (9.1% of total waiting at end of Mar-25)")  # fmt: skip
    s.merged("DELAY NEED")
    s.plan(SAFE)
    s.head()
    s.row("ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High", "79.4% 23/24 Nat. Ave", "▼", "82.8% (911 out of 1,100)", "88.7% (3,912 out of 4,408)")  # fmt: skip
    s.row("ASCOF 2D BCF ²", "Living at home 91 days after hospital discharge and reablement", "High", "83.8% 23/24 Nat. Ave", "▼", "88.3% (596 out of 675)", "90.7% (582 out of 642)")  # fmt: skip
    s.row("ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low", "15.2 per 100k pop. 23/24 Nat. Ave", "◀▶", "14.3 per 100k Pop. Forecast 62 Admissions in 25/26", "14.7 per 100k Pop. Actual 64 Admissions in 24/25")  # fmt: skip
    s.row("ASCOF 2C BCF", "Permanent admissions to care (aged 65+) per 100,000 pop.", "Low", "566.0 per 100k pop. 23/24 Nat. Ave", "▼", "572 per 100k Pop. Forecast 881 Admissions in 25/26", "599 per 100k Pop. Actual 923 Admissions in 24/25")  # fmt: skip
    s.merged("MEET NEED")
    s.plan(SAFE)
    s.head(["Mea", "sure", "Description", "Aim", "Rating", "Progress", "2025/26 Performance", "2024/25 Performance"])  # fmt: skip
    s.row("ASC", "OF 3D", "Adult aged 18+ receiving direct payments", "High", "25.5% 23/24 Nat. Ave", "◀▶", "32.7% (1,677 out of 5,135)", "33.0% (1,671 out of 5,069)")  # fmt: skip
    s.plan(PROTECTED)
    s.head()
    s.row("ASCOF 4A", "% of service users who say they feel safe", "High", "71.1% 23/24 Nat. Ave.", "▼", "Survey is annual and will next run in February 2026", pct("66.8%"))  # fmt: skip
    s.row("ASCOF 4B", "% of safeguarding enquiries where the identified risk was reduced or removed", "High", "National data not yet published", "◀▶", "94.4% (234 out of 248)", "95.3% (645 out of 677)")  # fmt: skip
    s.row("Local", "% of service users who received their annual review", "High", "58.8% 23/24 Nat. Ave", "◀▶", "77.1% (4,044 out of 5,245)", "77.5% (4,000 out of 5,159)")  # fmt: skip
    wb.save(path)
    return path
