"""How a PostgreSQL URL is named in a message: its database and where the server is."""

from __future__ import annotations

import pytest

from perfcli.postgres_url import where


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://perf_team@db.example:5432/perfcli", "'perfcli' on db.example:5432"),
        ("postgresql://perf_team@/perfcli", "'perfcli' on the local socket"),
        # A fourth trial: libpq's ?host= form was named the local socket.
        ("postgresql://perf_team@/perfcli?host=localhost", "'perfcli' on localhost"),
        ("postgresql://perf_team@/perfcli?host=/tmp/pg", "'perfcli' on the local socket"),
        ("postgresql://perf_team@h1:5432,h2:5433/perfcli", "'perfcli' on h1:5432,h2:5433"),
    ],
)
def test_a_url_is_named_by_its_database_and_server(url, said):
    assert where(url) == f"PostgreSQL database {said}"
