"""The store is the truth: a figure changed by hand with sqlite3 is the one perfcli rates."""

from __future__ import annotations

import json
import sqlite3

from tests.cli.test_example import import_all
from tests.conftest import perfcli


def test_a_figure_edited_with_sqlite3_is_what_rate_shows(example):
    import_all(example)
    before = json.loads(perfcli("rate", "-w", example, "-p", "2023-24", "-f", "json").stdout)
    first = {m["id"]: m for m in before["measures"]}["sequels-prevent"]
    # Seed 001 prints 49.2% against the band 55%-60%: below it.
    assert (first["value"], first["value_text"], first["rating"]) == (49.2, "49.2%", "below")
    with sqlite3.connect(example / "perfcli.db") as db:
        db.execute(
            "UPDATE observations SET value = 57.5"
            " WHERE measure_id = 'sequels-prevent' AND period = '2023-24'"
        )
    after = json.loads(perfcli("rate", "-w", example, "-p", "2023-24", "-f", "json").stdout)
    edited = {m["id"]: m for m in after["measures"]}["sequels-prevent"]
    assert (edited["value"], edited["value_text"], edited["rating"]) == (57.5, "57.5%", "better")
    table = perfcli("rate", "-w", example, "-p", "2023-24").stdout
    assert "57.5%" in table and "49.2%" not in table
    history = json.loads(perfcli("history", "sequels-prevent", "-w", example, "-f", "json").stdout)
    assert [h["value_text"] for h in history["history"] if h["period"] == "2023-24"] == ["57.5%"]
