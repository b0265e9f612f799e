"""Meta tests: one CLI surface. Every command has help in one style, appears in the README with
every option (and the README names no option perfcli lacks), and short flags are not reused."""

import re
import subprocess
import sys

import pytest
import typer.main

from perfcli.cli import app
from perfcli.command_line import Command
from tests.conftest import ROOT, perfcli

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def every_command(group=None, path=()):
    """(words, click command) for each command, sub-commands (`template check`) included."""
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from every_command(command, (*path, name))
        else:
            yield (*path, name), command


ALL = [" ".join(words) for words, _ in every_command()]
README = (ROOT / "README.md").read_text()


def long_options(command) -> set[str]:
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")}


@pytest.mark.parametrize("words", ALL)
def test_every_command_is_declared_with_perfclis_command_class(words):
    command = dict((" ".join(w), c) for w, c in every_command())[words]
    assert isinstance(command, Command), f"declare it with @app.command(..., cls=Command): {words}"


@pytest.mark.parametrize("words", ALL)
def test_help_shows_placeholders_in_one_style_and_no_python_types(words):
    text = perfcli(*words.split(), "--help").stdout
    usage = text.splitlines()[0]
    assert usage.startswith(f"Usage: perfcli {words} [OPTIONS]")
    # Arguments are upper case, with ... when repeated and [ ] when optional: FILE..., FROM TO.
    for piece in usage.split("[OPTIONS]", 1)[1].split():
        assert re.fullmatch(r"\[?[A-Z]+(\.\.\.)?\]?", piece), (words, piece)
    assert not re.search(r"<[\w\[\]|, ]+>", text), text  # <str>, <list[Path]>, <path>
    assert "{" not in text, text
    for line in text.splitlines():
        match = re.match(r"\s+(?:-\w, )?--[\w-]+ (\S+)", line)
        if match:  # an option's value: PERIOD, DIR, FILE, NAME, or its choices
            assert re.fullmatch(r"[A-Z]+|[a-z]+(\|[a-z]+)+", match.group(1)), (words, line)


def readme_row(words: str) -> str:
    """The command's row in the README's table of commands."""
    for line in README.splitlines():
        match = re.match(r"\| `perfcli ([a-z-]+(?: (?!-)[a-z]+)?)[ `]", line)
        if match and match.group(1) == words:
            return line
    return ""


SHARED = next(p for p in README.split("\n\n") if p.startswith("Options every command shares"))


@pytest.mark.parametrize("words", ALL)
def test_every_option_in_help_is_in_the_readme(words):
    """Each option is in the command's row of the README's table, or among the shared options."""
    command = dict((" ".join(w), c) for w, c in every_command())[words]
    row = readme_row(words)
    assert row, f"perfcli {words} has no row in the README's table of commands"
    missing = sorted(o for o in long_options(command) if o not in row and o not in SHARED)
    assert not missing, f"perfcli {words}: README's row does not mention {missing}"


def test_every_option_the_readme_names_is_one_perfcli_has():
    known = set().union(*(long_options(c) for _, c in every_command()))
    known |= long_options(typer.main.get_command(app)) | {"--help"}
    # Commands of other programs the README shows (pip, the benchmark scripts) have their own.
    ours = re.sub(r"`(python|\.venv/bin/pip|soffice|pdftoppm) [^`]*`", "", README)
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", ours))
    assert sorted(named - known) == []


@pytest.mark.parametrize("words", ALL)
def test_every_command_that_reads_a_workspace_takes_w(words):
    command = dict((" ".join(w), c) for w, c in every_command())[words]
    opts = {o for p in command.params for o in p.opts}
    assert {"-w", "--workspace"} <= opts, words


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    text = perfcli(command, "--help").stdout
    assert "Usage:" in text
    assert f"perfcli {command}" in README


def test_no_short_flag_is_used_twice_in_a_command():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        shorts = [
            o
            for p in command.params
            for o in p.opts
            if o.startswith("-") and not o.startswith("--")
        ]
        assert len(shorts) == len(set(shorts)), name


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from perfcli.cli import app; print(sorted(m for m in ('openpyxl','docx','pydantic','psycopg','orjson','msgspec') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_rate_file_without_perfcli_toml_loads_neither_pydantic_nor_the_store(tmp_path):
    # Its options are typed without pydantic, and perfcli.toml's defaults are plain dataclasses;
    # of the results, only its own family (perfcli.results.rating) loads.
    book = ROOT / "examples" / "leicestershire" / "data" / "appendix-a-2023-24.xlsx"
    code = (
        "import sys; from perfcli.cli import app\n"
        "app(['rate', sys.argv[1], '-f', 'json'], standalone_mode=False)\n"
        "loaded = ('pydantic', 'sqlite3', 'perfcli.store.database', 'perfcli.domain.changes',\n"
        "          *(f'perfcli.results.{family}' for family in\n"
        "            ('diff', 'files', 'catalogue', 'national', 'calibration')))\n"
        "print(sorted(m for m in loaded if m in sys.modules), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(book)], capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_version():
    assert perfcli("--version").stdout.startswith("perfcli 0.")


def run_perfcli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "perfcli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env={"PATH": "/usr/bin:/bin"})  # fmt: skip


@pytest.mark.parametrize("where", ["before", "after", "at the end"])
def test_debug_shows_the_traceback_wherever_it_is_typed_and_keeps_the_exit_code(tmp_path, where):
    missing = tmp_path / "nope.xlsx"
    plain = run_perfcli("rate", missing, cwd=tmp_path)
    assert (plain.returncode, plain.stderr) == (1, "Error: nope.xlsx: no such file\n")
    args = {"before": ["--debug", "rate", missing], "after": ["rate", "--debug", missing],
            "at the end": ["rate", missing, "--debug"]}[where]  # fmt: skip
    debug = run_perfcli(*args, cwd=tmp_path)
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert "perfcli.errors.InputError: nope.xlsx: no such file\n" in debug.stderr
    assert debug.stderr.endswith("Error: nope.xlsx: no such file\n")


def test_debug_keeps_a_usage_mistakes_exit_code(tmp_path):
    plain = run_perfcli("rate", "--period", "2023/34", "-w", tmp_path, cwd=tmp_path)
    debug = run_perfcli("rate", "--period", "2023/34", "-w", tmp_path, "--debug", cwd=tmp_path)
    assert plain.returncode == debug.returncode == 2
    assert plain.stderr.startswith("Error: --period '2023/34' is not a period")
    assert debug.stderr.splitlines()[-1] == plain.stderr.strip()


def test_a_choice_is_refused_without_internals():
    run = perfcli("rate", "--format", "xml", exit=2)
    assert (
        "Invalid value for '--format' / '-f': 'xml' is not offered: choose table, json or csv"
        in run.stderr
    )
    assert "Value error" not in run.stderr and "OutputFormat" not in run.stderr


def _documented_calls() -> list[tuple[str, str]]:
    """(name, parameters as written) for each call in the README's Python API table."""
    calls = []
    for line in README.splitlines():
        for found in re.finditer(r"`(ws|Workspace|perfcli\.api)?\.?(\w+)\(([^`]*)\)`", line):
            owner, name, params = found.groups()
            if line.startswith("| `") and (owner or name == "rate_file"):
                calls.append((name, params))
    return calls


@pytest.mark.parametrize("name, written", _documented_calls(), ids=lambda v: str(v)[:40])
def test_the_python_api_table_gives_each_call_as_it_is_declared(name, written):
    import inspect

    from perfcli import api

    target = getattr(api.Workspace, name, None) or getattr(api, name)
    declared, seen_star = [], False
    for parameter in inspect.signature(target).parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not seen_star:
            declared.append("*")
            seen_star = True
        declared.append(parameter.name)
    names = [part.split("=")[0].strip() for part in written.split(",") if part.strip()]
    # The table may leave out trailing options; what it names is in order and keyword-only
    # arguments come after its `*`.
    assert names == [n for n in declared if n in names], (name, names, declared)
    keyword_only = declared[declared.index("*") + 1 :] if "*" in declared else []
    if any(n in names for n in keyword_only):
        assert "*" in names, f"{name}: say which arguments are keyword-only with `*`"
