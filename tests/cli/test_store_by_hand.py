"""The store is the truth: a figure changed by hand (sqlite3, or psql on PostgreSQL) is the one
perfcli rates."""

from __future__ import annotations

import json
import os
import sqlite3

from tests.cli.test_example import import_all
from tests.conftest import perfcli


def edit(example, url: str | None, sql: str) -> None:
    """A change made by hand: with sqlite3 in the file, or with psql on the server."""
    if url is None:
        with sqlite3.connect(example / "perfcli.db") as db:
            db.execute(sql)
        return
    import psycopg

    with psycopg.connect(url) as db:
        db.execute("SET search_path TO leicestershire")
        db.execute(sql)


def test_a_figure_edited_by_hand_is_what_rate_shows(example, engine, monkeypatch):
    import_all(example)
    url = os.environ.get("PERFCLI_STORE") if engine == "postgresql" else None
    before = json.loads(perfcli("rate", "-w", example, "-p", "2023-24", "-f", "json").stdout)
    first = {m["id"]: m for m in before["measures"]}["sequels-prevent"]
    # Seed 001 prints 49.2% against the band 55%-60%: below it.
    assert (first["value"], first["value_text"], first["rating"]) == (49.2, "49.2%", "below")
    edit(
        example,
        url,
        "UPDATE observations SET value = 57.5"
        " WHERE measure_id = 'sequels-prevent' AND period = '2023-24'",
    )
    after = json.loads(perfcli("rate", "-w", example, "-p", "2023-24", "-f", "json").stdout)
    edited = {m["id"]: m for m in after["measures"]}["sequels-prevent"]
    assert (edited["value"], edited["value_text"], edited["rating"]) == (57.5, "57.5%", "better")
    table = perfcli("rate", "-w", example, "-p", "2023-24").stdout
    assert "57.5%" in table and "49.2%" not in table
    history = json.loads(perfcli("history", "sequels-prevent", "-w", example, "-f", "json").stdout)
    assert [h["value_text"] for h in history["history"] if h["period"] == "2023-24"] == ["57.5%"]
    # Not named in the cell it was read from, which never said it (a trial saw the dashboard's
    # cell given for a figure no dashboard held).
    [held] = [h for h in history["history"] if h["period"] == "2023-24"]
    assert (held["edited"], held["file"], held["cell"]) == (True, None, None)
    shown = perfcli("history", "sequels-prevent", "-w", example, env={"COLUMNS": "250"}).stdout
    assert "edited in the store" in shown
    other = [h for h in history["history"] if h["period"] != "2023-24"]
    assert other and not any(h["edited"] for h in other)
