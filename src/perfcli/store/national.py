"""Comparator councils' figures (perfcli national): stored, and read by measure and period."""

from __future__ import annotations

from perfcli.domain.model import NationalRow
from perfcli.domain.period_parsing import parse_period
from perfcli.references import path_text
from perfcli.store.connection import StoreConnection


class StoreNational(StoreConnection):
    """The national figures a store holds."""

    def put_national(self, rows: list[NationalRow]) -> tuple[int, int]:
        """Store comparator councils' figures; returns (new, changed)."""
        new = changed = 0
        self._national_periods = None
        with self.transaction() as db:
            for row in rows:
                old = db.execute(
                    "SELECT value, numerator, denominator, lower_ci, upper_ci FROM national"
                    " WHERE measure_id = ? AND period = ? AND area_code = ?",
                    (row.measure_id, row.period, row.area_code),
                ).fetchone()
                if old == (row.value, row.numerator, row.denominator, row.lower_ci, row.upper_ci):
                    continue
                new += old is None
                changed += old is not None
                db.execute(
                    "INSERT OR REPLACE INTO national (measure_id, period, area_code, area_name,"
                    " level, value, numerator, denominator, source, lower_ci, upper_ci)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (row.measure_id, row.period, row.area_code, row.area_name, row.level,
                     row.value, row.numerator, row.denominator,
                     row.source and path_text(row.source), row.lower_ci,
                     row.upper_ci),
                )  # fmt: skip
        return new, changed

    def national_places(self) -> list[tuple[str, str, str, str | None]]:
        """Each figure's measure id, period, area code and area name."""
        return self.db.execute(
            "SELECT measure_id, period, area_code, area_name FROM national"
            " ORDER BY measure_id, period, area_code"
        ).fetchall()

    def national(self, measure_id: str, period: str) -> list[NationalRow]:
        # Asked once per line by the checks: a period with no national data costs no query.
        if period not in self.national_periods():
            return []
        rows = self.db.execute(
            "SELECT measure_id, period, area_code, area_name, level, value, numerator, denominator,"
            " source, lower_ci, upper_ci FROM national WHERE measure_id = ? AND period = ?"
            " ORDER BY area_code",
            (measure_id, period),
        ).fetchall()
        return [NationalRow(*row) for row in rows]

    def national_periods(self) -> list[str]:
        if self._national_periods is None:
            rows = self.db.execute("SELECT DISTINCT period FROM national").fetchall()
            self._national_periods = sorted(
                (r[0] for r in rows), key=lambda label: parse_period(label).sort_key()
            )
        return list(self._national_periods)
