"""Options every command shares: --format csv gives a header and rows; draft-report --output."""

from __future__ import annotations

import csv
import io

import docx
import pytest

from tests.cli.test_example import import_all
from tests.conftest import error_line, perfcli


@pytest.mark.parametrize(
    ("argv", "first_columns"),
    [
        (["measures"], ["id", "code", "description"]),
        (["history", "ascof-2a"], ["measure", "period", "value_text"]),
        (["rate", "--period", "2023-24"], ["id", "code", "description"]),
        (["diff", "2023-24", "2024-25"], ["id", "description", "section"]),
        (["validate"], ["severity", "code", "location"]),
        (["benchmark", "--group", "counties"], ["id", "code", "description"]),
    ],
)
def test_csv_output_has_a_header_and_rows(example, argv, first_columns):
    import_all(example)
    perfcli("import-national", *sorted((example / "national").glob("*.csv")), "-w", example)
    out = perfcli(*argv, "-w", example, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][: len(first_columns)] == first_columns
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_draft_report_output_option(example, tmp_path):
    import_all(example)
    target = tmp_path / "elsewhere" / "june-committee.docx"
    run = perfcli(
        "draft-report", "-c", "adults", "--period", "2023-24", "-w", example, "--output", target
    )
    assert f"written to {target}" in run.stdout
    assert (
        docx.Document(target).paragraphs[2].text
        == "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024"
    )
    assert not (example / "reports").exists()


def test_draft_report_into_a_place_that_cannot_hold_it(example, tmp_path):
    import_all(example)
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    target = tmp_path / "notes.txt" / "june-committee.docx"
    run = perfcli(
        "draft-report", "-c", "adults", "--period", "2023-24", "-w", example, "--output", target,
        exit=1,
    )  # fmt: skip
    assert error_line(run) == (
        f"Error: {target}: cannot be written ({tmp_path / 'notes.txt'} is a file, not a folder)"
    )


def test_csv_writes_values_as_json_does(example):
    """A trial read `False` and `{"text": "55% - 60% …", "kind": …}` in CSV cells beside the
    JSON output's `false` and compact objects."""
    import json

    import_all(example)
    rows = list(
        csv.DictReader(
            io.StringIO(perfcli("rate", "-p", "2023-24", "-w", example, "-f", "csv").stdout)
        )
    )
    data = json.loads(perfcli("rate", "-p", "2023-24", "-w", example, "-f", "json").stdout)
    first = rows[0]
    assert first["overridden"] == "false"
    assert first["comparator"] == json.dumps(data["measures"][0]["comparator"], ensure_ascii=False,
                                             separators=(",", ":"))  # fmt: skip
