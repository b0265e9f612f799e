"""`perfcli init`: a workspace a new user can fill in."""

import pytest
from openpyxl import load_workbook

from tests.conftest import error_line, perfcli


def test_init_creates_settings_and_entry_workbook(tmp_path):
    ws = tmp_path / "council"
    run = perfcli("init", ws, "--council", "Testshire County Council", "--department", "Adults")
    assert "Created workspace" in run.stdout
    assert 'council = "Testshire County Council"' in (ws / "perfcli.toml").read_text()
    sheet = load_workbook(ws / "data" / "appendix-a.xlsx")["Appendix A"]
    header = [c.value for c in sheet[4]]
    assert header[:5] == ["ID", "Measure", "Description", "Aim", "Comparator"]
    assert header[5].endswith("Performance") and header[6].endswith("Performance")
    validations = sheet.data_validations.dataValidation
    assert validations and validations[0].formula1 == '"High,Low,Target Band Width,N/A"'
    assert (ws / "templates" / "adults.docx").is_file()  # the council's own copy to edit
    assert "templates/: adults.docx" in run.stdout


def test_init_refuses_to_overwrite_without_force(tmp_path):
    perfcli("init", tmp_path)
    (tmp_path / "perfcli.toml").write_text("# mine\n")
    run = perfcli("init", tmp_path, exit=2)
    assert "already exists" in error_line(run)
    assert (tmp_path / "perfcli.toml").read_text() == "# mine\n"
    perfcli("init", tmp_path, "--force")
    assert "[workspace]" in (tmp_path / "perfcli.toml").read_text()


def test_a_broken_config_names_the_key(tmp_path):
    perfcli("init", tmp_path)
    (tmp_path / "perfcli.toml").write_text('[measures.x]\naim = "sideways"\n')
    run = perfcli("measures", "-w", tmp_path, exit=2)
    assert error_line(run).startswith("Error: perfcli.toml: measures.x.aim:")


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        (
            '[workspace]\ncouncl = "Testshire"\n',
            "workspace.councl: not a setting perfcli knows (did you mean council?)",
        ),
        (
            '[measures.library-visits]\naimm = "high"\n',
            "measures.library-visits.aimm: not a setting perfcli knows (did you mean aim?)",
        ),
        (
            '[[committees.adults.officers]]\nname = "Jo"\nphonee = "0116"\n',
            "committees.adults.officers.0.phonee: not a setting perfcli knows (did you mean"
            " telephone?)",
        ),
        (
            "[rating]\nzzz = 1\n",
            "rating.zzz: not a setting perfcli knows (known here: method, percent_points,"
            " relative, units, rag, confidence, spc)",
        ),
    ],
)
def test_a_mistyped_key_is_named_with_the_one_meant(tmp_path, toml, said):
    # A second trial saw pydantic's "Extra inputs are not permitted".
    (tmp_path / "perfcli.toml").write_text(toml)
    run = perfcli("measures", "-w", tmp_path, exit=2)
    assert error_line(run).startswith(f"Error: perfcli.toml: {said}")


def test_init_takes_w_like_every_command_and_prints_the_next_steps(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = perfcli("init", "-w", "council")
    assert (tmp_path / "council" / "perfcli.toml").is_file()
    steps = run.stdout[run.stdout.index("Next steps:") :]
    assert "replace the examples in council/perfcli.toml" in steps
    assert "perfcli import YOUR-DASHBOARD.xlsx -w council" in steps
    assert "perfcli draft-report --committee adults -w council" in steps
    run = perfcli("init", "one", "-w", "two", exit=2)
    assert error_line(run) == "Error: two folders given: one and -w two (give one)"


def test_every_example_init_writes_reads_right_and_is_importable(tmp_path):
    """The examples are the forms to keep: the department's name alone, never 'X Department'."""
    from perfcli.new_workspace import EXAMPLE_COUNCIL, EXAMPLE_DEPARTMENT
    from perfcli.workspace import init_placeholders

    perfcli("init", tmp_path / "ws")
    text = (tmp_path / "ws" / "perfcli.toml").read_text()
    for key, value in init_placeholders(EXAMPLE_DEPARTMENT).items():
        assert f'{key} = "{value}"' in text, key  # what draft-report warns is still init's
    assert 'name = "Adults and Communities Overview and Scrutiny Committee"' in text
    assert f'council = "{EXAMPLE_COUNCIL}"' in text
    assert 'department = "Adults and Communities"' in text
    assert "Department Department" not in text and 'Department"\n' not in text.split("[[")[0]


def test_init_names_the_workspace_from_here_and_wraps_its_lines(tmp_path, monkeypatch):
    # A second trial: the folder was printed in full while the steps said `-w sub/council2`,
    # and lines wrapped at 70 columns were not indented under their first.
    monkeypatch.chdir(tmp_path)
    run = perfcli("init", "sub/council2", "--council", "Testshire County Council",
                  env={"COLUMNS": "70"})  # fmt: skip
    lines = run.stdout.splitlines()
    assert lines[0] == "✔ Created workspace in sub/council2"
    assert all(len(line) <= 70 and line == line.rstrip() for line in lines)
    step = lines.index("  1. replace the examples in sub/council2/perfcli.toml (council,")
    assert lines[step + 1] == "    department, committee, officers)"
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    here = perfcli("init", ".", "--council", "Testshire County Council")
    assert here.stdout.splitlines()[0] == "✔ Created workspace in this folder"


@pytest.mark.parametrize(
    ("council", "department"),
    [("A\\B County Council", "Adults"), ('The "Shire" Council', 'Adults "and" C\\ommunities')],
)
def test_a_name_with_a_backslash_or_quotes_is_written_as_typed(tmp_path, council, department):
    """A trial's `--council 'A\\B'` wrote a perfcli.toml no command could read ("Unescaped '\\'
    in a string"), and `A"B` was saved as `A'B`."""
    import tomllib

    perfcli("init", tmp_path / "ws", "--council", council, "--department", department)
    settings = tomllib.loads((tmp_path / "ws" / "perfcli.toml").read_text(encoding="utf-8"))
    assert settings["workspace"] == {"council": council, "department": department}
    name = settings["committees"]["adults"]["name"]
    assert name == f"{department} Overview and Scrutiny Committee"
    perfcli("template", "check", "-w", tmp_path / "ws")  # the settings read back


@pytest.mark.parametrize("council", ["A\nB Council", "A\x1bB Council", "A\tB Council"])
def test_a_name_with_a_control_character_is_refused_and_nothing_written(tmp_path, council):
    run = perfcli("init", tmp_path / "ws", "--council", council, exit=2)
    assert error_line(run) == (
        f"Error: --council {council!r} holds a control character (a line break, a tab, an"
        " escape) (type the name on one line, as it is printed)"
    )
    assert not (tmp_path / "ws").exists()


def test_a_settings_file_too_large_to_be_settings_is_refused_at_once(tmp_path):
    """A trial's 50 MB perfcli.toml held every command for ten seconds."""
    perfcli("init", tmp_path / "ws")
    config = tmp_path / "ws" / "perfcli.toml"
    text = config.read_text() + "".join(f'\n[measures.m{i}]\naim = "high"\n' for i in range(60_000))
    config.write_text(text)
    run = perfcli("template", "check", "-w", tmp_path / "ws", exit=2)
    assert error_line(run) == (
        f"Error: {config}: 1.9 MB, more than the 1 MB perfcli reads as settings (a workspace's"
        " are a few kB) (check it is the perfcli.toml you meant)"
    )
