"""perfcli as a library: the README's Python example, and rating files without a workspace."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from perfcli import PerfcliError, Workspace, rate_file
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import WorkspaceError
from tests.conftest import EXAMPLE, ROOT, appendix_workbook, error_line, perfcli


def readme_python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using perfcli from Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's Python section has no example"
    return match.group(1)


def test_the_readme_example_runs_and_agrees_with_the_cli(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(example, tmp_path / "examples" / "leicestershire", dirs_exist_ok=True)
    namespace: dict[str, object] = {}
    exec(compile(readme_python_example(), "README.md", "exec"), namespace)  # noqa: S102
    result = namespace["result"]
    cli = json.loads(
        perfcli("rate", "-w", tmp_path / "examples" / "leicestershire", "--period", "2023-24",
                "-f", "json").stdout
    )  # fmt: skip
    assert result.to_dict() == cli
    first = result.measures[0]
    assert (first.id, first.rating, first.progress, first.rag) == (
        "sequels-prevent", "below", "worse", "red",
    )  # fmt: skip


def test_a_store_written_by_the_last_release_rates_the_same(tmp_path):
    """The fixture is a schema-2 store made by perfcli 0.1.0 from the example, with its ratings."""
    fixture = ROOT / "tests" / "fixtures" / "store-v2"
    shutil.copytree(fixture, tmp_path / "ws")
    result = Workspace.open(tmp_path / "ws").rate("2023-24").to_dict()
    old = json.loads((fixture / "rate-2023-24.json").read_text())
    # This release adds the printed marks to each row, and says "7.9 pp below" where the last
    # said "-7.9 pp below"; every judgement, figure and comparator the last one gave is the same.
    # It adds the commentary and what a service owner's return brings (perfcli returns) too, and
    # `ci`, `trend` and `spc` (null for the house rule's figures here).
    for row in [*result["measures"], *old["measures"]]:
        for key in ("published_rating", "published_progress", "published_rag", "rating_reason",
                    "reason", "commentary", "returned_by", "approved_by", "approved_on",
                    "forecast", "ci", "trend", "spc"):  # fmt: skip
            row.pop(key, None)
    assert result == old


@pytest.mark.parametrize("period", ["2023-24", "2025-26-Q1"])
def test_a_store_of_schema_6_rates_the_same_after_its_move_to_columns(tmp_path, period):
    """store-v6 was made by the release before real columns, with revisions, a link and returns."""
    fixture = ROOT / "tests" / "fixtures" / "store-v6"
    shutil.copytree(fixture, tmp_path / "ws")
    result = Workspace.open(tmp_path / "ws").rate(period).to_dict()
    assert result == json.loads((fixture / f"rate-{period}.json").read_text())


@pytest.mark.parametrize("period", ["2021-22-apr-nov", "2023-24", "2025-26-Q1"])
def test_a_store_of_schema_7_rates_the_same_once_its_marks_are_values(tmp_path, period):
    """store-v7 was made by the release that kept a theme dashboard's arrows as printed."""
    fixture = ROOT / "tests" / "fixtures" / "store-v7"
    shutil.copytree(fixture, tmp_path / "ws")
    result = Workspace.open(tmp_path / "ws").rate(period).to_dict()
    assert result == json.loads((fixture / f"rate-{period}.json").read_text())


def test_periods_are_values_and_labels_are_parsed_once(example):
    ws = Workspace.open(example)
    ws.import_files(sorted((example / "data").glob("*.xlsx")))
    by_label, by_value = ws.rate("2023/24"), ws.rate(parse_period("2023-24"))
    assert isinstance(by_label.period, Period) and by_label.period == by_value.period
    assert by_label.to_dict() == by_value.to_dict()
    changes = ws.diff("2023-24", "2025-26-Q1", allow_unlike=True)
    assert changes.old.label == "2023-24" and changes.new.label == "2025-26-Q1"


def tidy(tmp_path: Path) -> Path:
    path = tmp_path / "values.csv"
    path.write_text(
        "Measure,Description,Aim,Period,Value,Comparator\n"
        "Local,Library visits,High,2023/24,615.1k,545.3k Local target 2023/24\n"
        "Local,Library visits,High,2022/23,539.9k,500.0k Local target 2022/23\n"
        "Local,Library visits,High,2021/22,400.0k,\n",
        encoding="utf-8",
    )
    return path


def test_rate_file_rates_the_period_asked_for(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tidy(tmp_path)
    assert rate_file(path).period.label == "2023-24"
    earlier = rate_file(path, period="2022-23")
    assert earlier.period.label == "2022-23"
    assert earlier.to_dict()["measures"][0]["value"] == 539900
    assert earlier.to_dict()["measures"][0]["previous_value"] == 400000


def test_rate_file_refuses_a_period_the_file_does_not_hold(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = appendix_workbook(tmp_path / "dash.xlsx", [
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
    ])  # fmt: skip
    with pytest.raises(PerfcliError, match="holds no figures for 2019-20"):
        rate_file(path, period="2019-20")
    # Exit 2, as for a period a workspace does not hold: the option asks for what is not there.
    line = error_line(perfcli("rate", path, "--period", "2019-20", exit=2))
    assert "dash.xlsx: holds no figures for 2019-20" in line and "2023-24" in line


@pytest.mark.parametrize("path", ["", "."])
def test_rate_file_refuses_a_folder_for_a_file_as_bad_data(tmp_path, monkeypatch, path):
    """An empty path is the current folder to the library (the command line refuses it as
    bad usage, exit 2): a PerfcliError naming a folder, never a ValueError from the lock check."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PerfcliError, match="is a folder, not a file"):
        rate_file(path)
    (tmp_path / "perfcli.toml").write_text("")
    with pytest.raises(PerfcliError, match="is a folder, not a file"):
        Workspace.open(tmp_path).import_files([path])


def test_rate_file_through_the_cli_follows_the_period(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = json.loads(perfcli("rate", tidy(tmp_path), "--period", "2022-23", "-f", "json").stdout)
    assert rows["period"] == "2022-23" and rows["measures"][0]["value"] == 539900


def test_nothing_imported_is_a_usage_error(tmp_path):
    perfcli("init", tmp_path / "ws")
    with pytest.raises(PerfcliError, match="nothing imported yet"):
        Workspace.open(tmp_path / "ws").rate()


def test_example_workspace_is_where_the_readme_says():
    assert (EXAMPLE / "perfcli.toml").is_file()


def test_a_workbook_as_published_is_checked_whole_and_forced_in(tmp_path):
    """Issue 13 from Python: every problem at once, then everything readable stored."""
    from perfcli import Workspace
    from perfcli.importers.batches import ChecksFailed
    from tests.conftest import perfcli
    from tests.typed_seeds import seed_000

    perfcli("init", tmp_path / "ws")
    ws = Workspace.open(tmp_path / "ws")
    path = seed_000(tmp_path / "seed000.xlsx")
    errors = [f for f in ws.validate([path]).findings if f.severity.value == "error"]
    assert len(errors) == 8
    try:
        ws.import_files([path])
    except ChecksFailed as failed:
        assert len([f for f in failed.findings if f.severity.value == "error"]) == 8
    else:
        raise AssertionError("import should refuse")
    result = ws.import_files([path], force=True)
    assert len(result.batches[0].measures) == 29
    assert len(result.summaries[0].problems) == 8
    assert ws.rate("2023-24").period.label == "2023-24"


def test_rate_file_takes_the_workspace_as_a_folder_too(example, tmp_path):
    path = tidy(tmp_path)
    by_folder = rate_file(path, workspace=str(example))
    by_object = rate_file(path, workspace=Workspace.open(example))
    assert by_folder.to_dict() == by_object.to_dict()
    with pytest.raises(PerfcliError, match="no perfcli.toml"):
        rate_file(path, workspace=tmp_path / "nowhere")


def test_a_period_the_file_does_not_hold_names_every_period_it_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PerfcliError) as refused:
        rate_file(tidy(tmp_path), period="2019-20")
    assert "it holds figures for 2021-22, 2022-23, 2023-24" in str(refused.value)


def test_validating_files_writes_no_store_not_even_in_memory(tmp_path, monkeypatch):
    """The files are checked as records in memory; the store is never opened."""
    from perfcli.store.database import Store

    # As the example fixture copies it: the quick start leaves its perfcli.db in the example.
    shutil.copytree(EXAMPLE, tmp_path / "ws", ignore=shutil.ignore_patterns("perfcli.db*"))
    ws = tmp_path / "ws"

    def refused(self, path, **_):
        raise AssertionError(f"validate opened a store at {path}")

    monkeypatch.setattr(Store, "__init__", refused)
    found = Workspace.open(ws).validate(sorted((ws / "data").glob("*.xlsx"))).to_dict()
    assert not (ws / "perfcli.db").exists()
    # Seed 001 revises two figures seed 000 printed; seed 003 prints ▼ where the figures improved.
    assert [(f["code"], f["location"]) for f in found["findings"]] == [
        ("value.revised", "appendix-a-2023-24.xlsx: ascof-3c2, 2021-22"),
        ("value.revised", "appendix-a-2023-24.xlsx: ascof-5a2, 2021-22"),
        ("mark.disagrees", 'appendix-a-2025-26-q1.xlsx, sheet "Appendix A", cell F46'),
    ]
    monkeypatch.undo()
    cli = json.loads(perfcli("validate", *sorted((ws / "data").glob("*.xlsx")), "-w", ws,
                             "-f", "json").stdout)  # fmt: skip
    assert cli == found


def test_one_file_named_alone_is_one_file_and_the_settings_name_their_workspace(example):
    """A trial's script: `import_files("x.xlsx")` read the name letter by letter (': is a folder,
    not a file'), and `Workspace.open(".../perfcli.toml")` said 'no perfcli.toml here'."""
    ws = Workspace.open(example / "perfcli.toml")
    assert ws.root == example.resolve()
    one = str(example / "data" / "appendix-a-2023-24.xlsx")
    assert not ws.validate(one).has_errors
    assert [f["measures"] for f in ws.import_files(one).to_dict()["files"]] == [29]
    with pytest.raises(WorkspaceError, match=r"appendix-a-2023-24.xlsx: a file, not a workspace"):
        Workspace.open(one)
