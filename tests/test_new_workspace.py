"""A new workspace's files, written through the library: settings, entry workbook, templates."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from openpyxl import load_workbook

from perfcli.api import init_workspace
from perfcli.errors import UsageError
from perfcli.new_workspace import EXAMPLE_COUNCIL, create_workspace, settings_text
from perfcli.workspace import load_config


@pytest.mark.parametrize(
    ("today", "title", "current", "previous"),
    [
        (date(2024, 3, 31), "Performance 2023/24", "2023/24 Performance", "2022/23 Performance"),
        (date(2024, 4, 1), "Performance 2024/25", "2024/25 Performance", "2023/24 Performance"),
        (date(2026, 12, 6), "Performance 2026/27", "2026/27 Performance", "2025/26 Performance"),
    ],
)
def test_the_entry_workbook_is_for_the_financial_year_of_the_day(
    tmp_path, today, title, current, previous
):
    created = create_workspace(tmp_path / "ws", today=today)
    sheet = load_workbook(created.workbook)["Appendix A"]
    assert sheet["A1"].value == title
    header = [cell.value for cell in sheet[4]]
    assert header == ["ID", "Measure", "Description", "Aim", "Comparator", current, previous,
                      "Commentary"]  # fmt: skip
    assert sheet["A5"].value == "PREVENT NEED"


@pytest.mark.parametrize(
    ("council", "department", "expected"),
    [
        ("", "", (EXAMPLE_COUNCIL, "Adults and Communities")),
        ("Testshire County Council", "Adults", ("Testshire County Council", "Adults")),
        ("A\\B Council", "C:\\Adults", ("A\\B Council", "C:\\Adults")),
        (
            'The "Best" Council',
            'Adults "and" Health',
            ('The "Best" Council', 'Adults "and" Health'),  # as typed, quotes escaped
        ),
    ],
)
def test_the_settings_read_back_as_toml_with_the_names_given(council, department, expected):
    workspace = tomllib.loads(settings_text(council, department))["workspace"]
    assert (workspace["council"], workspace["department"]) == expected


def test_init_workspace_returns_what_it_wrote_and_the_settings_load(tmp_path):
    created = init_workspace(tmp_path / "ws", council="Testshire County Council",
                             department="Adults")  # fmt: skip
    assert created.config == tmp_path / "ws" / "perfcli.toml"
    assert created.workbook.is_file()
    assert "adults.docx" in created.templates
    assert (tmp_path / "ws" / "templates" / "adults.docx").is_file()
    assert not created.examples
    config = load_config(created.config)
    assert config.workspace.council == "Testshire County Council"
    assert config.committees["adults"].name == "Adults Overview and Scrutiny Committee"
    assert init_workspace(tmp_path / "other").examples  # nothing named: the examples stand


def test_an_existing_workspace_is_kept_but_for_its_settings_with_force(tmp_path):
    init_workspace(tmp_path)
    (tmp_path / "perfcli.toml").write_text("# mine\n")
    (tmp_path / "data" / "appendix-a.xlsx").write_bytes(b"the officer's own")
    with pytest.raises(UsageError, match="already exists"):
        init_workspace(tmp_path)
    assert (tmp_path / "perfcli.toml").read_text() == "# mine\n"
    again = init_workspace(tmp_path, force=True)
    assert "[workspace]" in again.config.read_text()
    assert (tmp_path / "data" / "appendix-a.xlsx").read_bytes() == b"the officer's own"
    assert again.templates == []  # the council's own copies stay


def test_a_file_in_the_way_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "ws").write_text("a file")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        init_workspace(tmp_path / "ws")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]
