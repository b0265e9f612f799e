"""Issue 23's hostile files, one test (or parametrised case) per numbered item: each file is
built here, as a hostile colleague would craft it, and goes through the CLI.

Every figure below is SYNTHETIC unless a seed is named.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import HEADER, appendix_workbook, error_line, perfcli

ROW = ["ASCOF 1A", "Social care-related quality of life score", "High", "", "19.0", "18.9"]


def imported(workspace: Path, tmp_path: Path) -> Path:
    perfcli("import", appendix_workbook(tmp_path / "own.xlsx", [ROW]), "-w", workspace)
    return workspace


def configure(workspace: Path, extra: str) -> None:
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")


def rewrite(path: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    """Change one part of a workbook's zip, as a hand-crafted file would have it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# 1. A Word template runs code ---------------------------------------------------------------


def hostile_template(workspace: Path, text: str) -> Path:
    template = workspace / "templates" / "hostile.docx"
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph(text)
    document.save(template)
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text().replace(
            'appendices = ["B", "C"]',
            'appendices = ["B", "C"]\ntemplate = "templates/hostile.docx"',
        )
    )
    return template


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}", "'__init__'"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}{{ joiner.__init__.__globals__.os.system('touch MARKER') }}", "'__class__'"),
        ("{{ lipsum['__globals__']['os'].popen('touch MARKER') }}", "'__globals__'"),
        ("{% include '/etc/passwd' %}", "{% include %}"),
        ("{% from 'MARKER' import x %}", "{% from ... import %}"),
        ("{% for i in range(10**12) %}x{% endfor %}", "range() over 1,000,000,000,000 items"),
        ("{% for i in range(1000) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}", "more than 100,000 loop items"),
        ("{{ 'x' * 10**10 }}", "repeating to more than 1,000,000"),
        ("{{ 2 ** 100000 }}", "too large a number"),
        ("{{ 'x'|center(10**9) }}", "1,000,000,000"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself too deeply"),
    ],
)  # fmt: skip
def test_1_a_template_runs_no_code_and_the_refusal_names_the_construct(
    workspace, tmp_path, code, named
):
    imported(workspace, tmp_path)
    template = hostile_template(workspace, code.replace("MARKER", str(tmp_path / "MARKER")))
    run = perfcli("draft-report", "--committee", "adults", "-w", workspace, exit=1)
    assert named in error_line(run) and "hostile.docx" in error_line(run)
    assert not (tmp_path / "MARKER").exists()
    assert not list((workspace / "reports").glob("*.docx"))
    if named.startswith(("'", "{%")):  # refused without running: template check says so too
        checked = perfcli("template", "check", template, exit=1)
        assert named in error_line(checked)


def test_1_a_template_outside_the_workspace_is_refused(workspace, tmp_path):
    imported(workspace, tmp_path)
    outside = tmp_path / "elsewhere.docx"
    shutil.copy(workspace / "templates" / "adults.docx", outside)
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text().replace(
            'appendices = ["B", "C"]', f'appendices = ["B", "C"]\ntemplate = "{outside}"'
        )
    )
    run = perfcli("draft-report", "--committee", "adults", "-w", workspace, exit=2)
    assert error_line(run).startswith(
        f"Error: perfcli.toml [committees.adults] template: '{outside}' is outside the workspace"
    )
    (workspace / "templates" / "link.docx").symlink_to(outside)
    config.write_text(config.read_text().replace(str(outside), "templates/link.docx"))
    perfcli("draft-report", "--committee", "adults", "-w", workspace, exit=2)


def test_1_the_shipped_templates_still_draft_in_the_sandbox(workspace, tmp_path):
    imported(workspace, tmp_path)
    perfcli("draft-report", "--committee", "adults", "-w", workspace)
    document = docx.Document(workspace / "reports" / "adults-2023-24.docx")
    assert any("19.0" in cell.text for table in document.tables for cell in table._cells)
    assert "✔ every placeholder" in perfcli("template", "check", "-w", workspace).stdout


# 2. Terminal escape codes --------------------------------------------------------------------

ESCAPES = "\x1b]0;TITLE\x07\x1b[2J\x9b31m\u202e"


def test_2_control_characters_never_reach_the_terminal(workspace, tmp_path):
    path = tmp_path / "escapes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["ASCOF 1A", f"Quality{ESCAPES} of life", "High", "", "19.0", "18.9"])
    perfcli("import", path, "-w", workspace)
    for command in (("measures",), ("rate",)):
        shown = perfcli(*command, "-w", workspace).stdout
        assert "Quality]0;TITLE[2J31m of life" in shown
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", shown)
    as_json = perfcli("measures", "-w", workspace, "-f", "json").stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", as_json)
    # Kept as typed, escaped, but the direction control, which is read without it.
    kept = ESCAPES.replace("\u202e", "")
    assert json.loads(as_json)["measures"][0]["description"] == f"Quality{kept} of life"
    as_csv = perfcli("measures", "-w", workspace, "-f", "csv").stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", as_csv.replace("\n", ""))
    named = tmp_path / "odd\x1b[2Jname.csv"
    named.write_text("nothing,here\n")
    run = perfcli("import", named, "-w", workspace, exit=1)
    # The escape is shown as its name says it, never sent to the terminal.
    assert "\x1b" not in run.stderr and "odd\\x1b[2Jname.csv" in error_line(run)


# 3. The DTD refusal, bypassed by a comment ---------------------------------------------------


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!-- <a --><!DOCTYPE x [<!ENTITY e "boom">]>',
        b'<?pi <a?><!DOCTYPE x [<!ENTITY e "boom">]>',
        b'<!DOCTYPE x [<!ENTITY e "boom">]>',
    ],
    ids=["behind a comment", "behind a processing instruction", "plain"],
)
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml"])
def test_3_an_entity_declaration_is_refused_however_the_prolog_hides_it(
    workspace, tmp_path, reader, prolog, part
):
    book = appendix_workbook(tmp_path / "dtd.xlsx", [ROW])

    def declare(xml: bytes) -> bytes:
        declaration = re.match(rb"<\?xml[^>]*\?>", xml)
        start = declaration.end() if declaration else 0
        return xml[:start] + prolog + xml[start:].replace(b"Social care", b"&e;", 1)

    rewrite(book, part, declare)
    run = perfcli("import", book, "-w", workspace, exit=1)
    assert "holds XML entity or DTD declarations" in error_line(run)
    assert "boom" not in perfcli("validate", book, "-w", workspace, exit=1).stdout


# 4. Config paths leave the workspace ---------------------------------------------------------


@pytest.mark.parametrize("key", ["../../escaped", "..", "a/b", "a\\\\b", ""])
def test_4_a_committee_key_cannot_name_a_path(workspace, tmp_path, key):
    imported(workspace, tmp_path)
    configure(workspace, f'[committees."{key}"]\nname = "Escaped"')
    run = perfcli("draft-report", "--committee", key, "-w", workspace, exit=2)
    assert "committees" in error_line(run) and "not a plain name" in error_line(run)
    assert not list(tmp_path.rglob("*escaped*.docx"))


# 5. Scientific notation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "value"),
    [("1.5E+06", 1_500_000.0), ("1e-3", 0.001), ("2.5e3", 2500.0), ("1e308", 1e308)],
)
def test_5_scientific_notation_is_read_as_its_value(tmp_path, printed, value):
    path = tmp_path / "sci.csv"
    path.write_text(
        ",".join(HEADER) + f"\nLocal,Visits to libraries,High,,{printed},1000\n", encoding="utf-8"
    )
    rated = json.loads(perfcli("rate", path, "-f", "json").stdout)
    (measure,) = rated["measures"]
    assert measure["value"] == value


def test_5_a_figure_too_large_for_a_number_is_refused_with_its_cell(tmp_path):
    path = tmp_path / "sci.csv"
    path.write_text(",".join(HEADER) + "\nLocal,Visits,High,,1e309,1000\n", encoding="utf-8")
    line = error_line(perfcli("rate", path, exit=1))
    assert "cell E2" in line and "1e309" in line and "too large" in line


# 6. rate FILE rates a workbook validate rejects ----------------------------------------------


def test_6_two_columns_for_one_period_are_refused_by_rate_as_by_validate(tmp_path):
    header = [*HEADER, "2023/24 Performance"]
    book = appendix_workbook(tmp_path / "twice.xlsx", [[*ROW, "19.4"]], header=header)
    perfcli("validate", book, exit=1)
    line = error_line(perfcli("rate", book, exit=1))
    assert "the current and previous figures are both for 2023/24" in line
    assert "twice.xlsx" in line


# 7. inf in a national CSV; nan and negative settings -----------------------------------------


def test_7_a_national_value_that_is_not_finite_is_refused_with_its_cell(workspace, tmp_path):
    from tests.cli.test_national import ascof_csv, council, measures_workspace

    ws = measures_workspace(workspace, tmp_path)
    rows = [council("E1", "Council One", "2A", 91.0), council("E2", "Council Two", "2A", "-inf")]
    line = error_line(perfcli("import-national", ascof_csv(tmp_path / "n-2023-24.csv", rows),
                              "-w", ws, exit=1))  # fmt: skip
    assert "cell H3" in line and "'-inf' is not a number" in line


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ("[measures.ascof-1a]\ntolerance = nan", "measures.ascof-1a.tolerance"),
        ("[measures.ascof-1a]\nrag_green = -5", "measures.ascof-1a.rag_green"),
        ("[rating.units]\npercent = -5", "rating.units.percent"),
        ("[rating]\npercent_points = inf", "rating.percent_points"),
        ("[import]\nmax_file_mb = inf", "import.max_file_mb"),
        ("[import]\nmax_cells = 0", "import.max_cells"),
    ],
)
def test_7_settings_numbers_are_finite_and_not_negative(workspace, tmp_path, setting, key):
    imported(workspace, tmp_path)
    configure(workspace, setting)
    line = error_line(perfcli("rate", "-w", workspace, exit=2))
    assert line.startswith(f"Error: perfcli.toml: {key}: ")


# 8. A stray far cell -------------------------------------------------------------------------


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZ100000"])
def test_8_a_used_range_past_max_cells_is_refused_before_any_grid(workspace, tmp_path, reader, far):
    from openpyxl import load_workbook

    book = appendix_workbook(tmp_path / "far.xlsx", [ROW])
    workbook = load_workbook(book)
    workbook.active[far] = "x"
    workbook.save(book)
    assert book.stat().st_size < 10_000
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    row = far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert re.search(
        rf'far.xlsx, sheet "Appendix A", cell ([A-Z]+{row}): its used range reaches \1', line
    )
    assert "max_cells" in line


def test_8_a_dimension_claiming_the_whole_sheet_is_refused(workspace, tmp_path, reader):
    book = appendix_workbook(tmp_path / "dim.xlsx", [ROW])
    rewrite(book, "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml))  # fmt: skip
    assert "its used range reaches XFD1048576" in error_line(
        perfcli("import", book, "-w", workspace, exit=1)
    )


# 9. Tracebacks from cells --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (19.0, "0." + "0" * 30, "19.000000000000000000000000000000"),
        (1e26, "#,##0.00", "100,000,000,000,000,000,000,000,000.00"),
    ],
)
def test_9_number_formats_never_overflow(tmp_path, reader, value, number_format, shown):
    book = appendix_workbook(tmp_path / "fmt.xlsx", [[*ROW[:4], value, "18.9"]],
                             formats={"E5": number_format})  # fmt: skip
    rated = json.loads(perfcli("rate", book, "-f", "json").stdout)
    assert rated["measures"][0]["value_text"] == shown


@pytest.mark.parametrize(
    "cell",
    [b'<c r="E5" t="s"><v>99999</v></c>', b'<c r="E5"><v>NaN</v></c>', b'<c r="E5"><v>INF</v></c>'],
)
def test_9_damaged_cells_are_one_line_in_either_reader(tmp_path, reader, cell):
    """A shared string past the table, or a number Excel cannot hold: calamine reads NaN as a
    number (shown as Excel shows one, #NUM!, and warned of at its cell); openpyxl cannot read
    the sheet at all, and says so in one line. Neither gives a traceback."""
    book = appendix_workbook(tmp_path / "cells.xlsx", [ROW])
    rewrite(book, "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(rb'<c r="E5"[^>]*>.*?</c>', cell, xml, count=1))  # fmt: skip
    run = perfcli("rate", book, "-f", "json", exit=0 if b"N" in cell and reader == "fast" else 1)
    if run.exit_code == 0:
        assert json.loads(run.stdout)["measures"][0]["value_text"] == "#NUM!"
        shown = " ".join(perfcli("validate", book).stdout.split())
        assert (
            "cell E5 ascof-1a, 2023-24: a spreadsheet error instead of a figure: '#NUM!'" in shown
        )
    else:
        assert 'cells.xlsx, sheet "Appendix A": cannot be read after cell' in error_line(run)


# 10. perfcli.toml ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('[workspace]\ncouncil = "Café £ Council"\n'.encode("cp1252"), "line 2: byte 0xe9 is not UTF-8"),
        ('[workspace]\ncouncil = "Testshire"\n'.encode("utf-16"), "saved as UTF-16"),
        (b"\x00\x01\x02binary\xff", "not a text file"),
        (b"[import]\nmax_file_mb = inf\n", "import.max_file_mb"),
        (b'[workspace]\nreport_date = "next week"\n', "workspace.report_date: 'next week' is not a date"),
        (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    ],
)  # fmt: skip
def test_10_a_broken_perfcli_toml_is_one_line_naming_file_and_key(tmp_path, content, words):
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "perfcli.toml").write_bytes(content)
    line = error_line(perfcli("measures", "-w", folder, exit=2))
    assert "perfcli.toml" in line and words in line


def test_10_a_byte_order_mark_is_read_past(workspace, tmp_path):
    config = workspace / "perfcli.toml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    perfcli("import", appendix_workbook(tmp_path / "own.xlsx", [ROW]), "-w", workspace)
    assert "ASCOF 1A" in perfcli("measures", "-w", workspace).stdout


# 11. A damaged store -------------------------------------------------------------------------


def _unreadable_row(db: Path) -> None:
    # The store keeps real columns (no JSON): a hand edit can still leave a row perfcli cannot read.
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE measures SET aim = 'sideways'")


def _truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def _garbage_header(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(b"GARBAGE!" * 16 + data[128:])


def _empty(db: Path) -> None:
    db.write_bytes(b"")


@pytest.mark.parametrize("damage", [_unreadable_row, _truncated, _garbage_header, _empty])
def test_11_every_kind_of_damage_gives_the_same_line_and_the_restore_hint(
    workspace, tmp_path, damage
):
    imported(workspace, tmp_path)
    db = workspace / "perfcli.db"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(db)
    for command in ("measures", "rate"):
        line = error_line(perfcli(command, "-w", workspace, exit=1))
        assert "perfcli.db: the store is damaged (" in line
        assert line.endswith(
            "(restore perfcli.db from a backup, or import the files into a new workspace)"
        )


# 12. Special files, long names ---------------------------------------------------------------


def test_12_a_pipe_or_a_device_is_refused_before_reading(workspace, tmp_path):
    fifo = tmp_path / "x.csv"
    os.mkfifo(fifo)
    device = tmp_path / "y.csv"
    device.symlink_to("/dev/urandom")
    for path in (fifo, device):
        for command in ("import", "rate"):
            line = error_line(perfcli(command, path, "-w", workspace, exit=1))
            assert f"{path.name}: is not a regular file" in line
        shown = perfcli("validate", path, "-w", workspace, exit=1).stdout
        assert "is not a regular file (a pipe or a device)" in shown
    national = error_line(perfcli("import-national", fifo, "-w", imported(workspace, tmp_path),
                                  "--period", "2023-24", exit=1))  # fmt: skip
    assert "is not a regular file" in national


def test_12_a_255_byte_file_name_is_read(workspace, tmp_path):
    path = tmp_path / ("a" * 251 + ".csv")
    path.write_text(",".join(HEADER) + "\nLocal,Visits,High,,5,4\n", encoding="utf-8")
    perfcli("validate", path, "-w", workspace)
    assert json.loads(perfcli("rate", path, "-f", "json").stdout)["measures"][0]["value"] == 5


# 13. A read-only workspace -------------------------------------------------------------------


def test_13_a_read_only_workspace_can_still_be_read(tmp_path):
    folder = Path(tempfile.mkdtemp(prefix="perfcli-ro-"))  # a folder another user may enter
    try:
        folder.chmod(0o755)
        workspace = folder / "ws"
        perfcli("init", workspace, "--council", "Testshire County Council")
        perfcli("import", appendix_workbook(tmp_path / "own.xlsx", [ROW]), "-w", workspace)
        for path in (workspace, *workspace.rglob("*")):
            path.chmod(0o555 if path.is_dir() else 0o444)
        command = [sys.executable, "-m", "perfcli"]
        if os.geteuid() == 0:  # root writes anywhere: read as nobody, as an officer on a share
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
            probe = [*command[:-2], "-c", "import perfcli.cli"]
            if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
                pytest.skip("user nobody cannot read this Python environment or checkout "
                            "(.ci/run makes its environment readable)")  # fmt: skip
        for args, shown in (
            (["measures"], "ASCOF 1A"),
            (["rate"], "ASCOF 1A"),
            (["validate"], "0 errors"),
        ):
            done = subprocess.run(
                [*command, *args, "-w", str(workspace)], capture_output=True, text=True,
                env={**os.environ, "NO_COLOR": "1", "HOME": str(folder)}, check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            assert shown in done.stdout
        assert sorted(p.name for p in workspace.iterdir()) == sorted(
            ["data", "perfcli.db", "perfcli.toml", "templates"]
        )
    finally:
        for path in (folder, *folder.rglob("*")):
            path.chmod(0o755)
        shutil.rmtree(folder)


# 14. init on a full disk ---------------------------------------------------------------------

FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from perfcli.cli import main
sys.argv = ["perfcli", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("limit", [500, 6_000, 20_000])
def test_14_init_on_a_full_disk_writes_nothing_and_a_retry_works(tmp_path, limit):
    workspace = tmp_path / "ws"
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(limit), "init", str(workspace), "--council", "T"],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "the workspace cannot be created" in lines[0], done.stderr
    assert "nothing was written" in lines[0]
    assert list(tmp_path.iterdir()) == []
    perfcli("init", workspace, "--council", "T")
    assert (workspace / "data" / "appendix-a.xlsx").is_file()


# 15. The smaller ones ------------------------------------------------------------------------


def test_15_a_lock_wait_that_times_out_exits_busy(workspace, tmp_path):
    imported(workspace, tmp_path)
    holder = sqlite3.connect(workspace / "perfcli.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        run = perfcli("import", appendix_workbook(tmp_path / "b.xlsx", [ROW]), "-w", workspace,
                      exit=3, env={"PERFCLI_LOCK_WAIT": "0"})  # fmt: skip
        assert "another perfcli command is writing" in error_line(run)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_15_an_unbalanced_quote_is_a_short_line(workspace, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(",".join(HEADER) + '\nLocal,"Visits' + ",x" * 40_000 + "\n", encoding="utf-8")
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert len(error_line(run)) < 800


@pytest.mark.parametrize(
    ("encoding", "mark"),
    [("utf-16-le", b""), ("utf-16-be", b""), ("cp1252", b"\xef\xbb\xbf")],
    ids=["utf-16-le without a mark", "utf-16-be without a mark", "utf-8 mark, one cp1252 byte"],
)
def test_15_csv_encodings_without_or_against_their_mark(tmp_path, encoding, mark):
    path = tmp_path / "encoded.csv"
    text = ",".join(HEADER) + "\nLocal,Spend £ per head,High,,5,4\n"
    path.write_bytes(mark + text.encode(encoding))
    (measure,) = json.loads(perfcli("rate", path, "-f", "json").stdout)["measures"]
    assert measure["description"] == "Spend £ per head" and measure["value"] == 5


def test_15_a_date_serial_past_any_date_leaks_no_warning(tmp_path, reader):
    book = appendix_workbook(tmp_path / "date.xlsx", [[*ROW[:4], 1e20, "18.9"]],
                             formats={"E5": "dd/mm/yyyy"})  # fmt: skip
    run = perfcli("rate", book, "-f", "json")
    assert run.stderr == ""
    assert json.loads(run.stdout)["measures"][0]["value"] is None


def test_15_rating_a_file_of_definitions_says_what_it_lacks(tmp_path, workspace):
    path = tmp_path / "definitions.csv"
    path.write_text("Measure,Description,Aim\nLocal,Visits,High\n", encoding="utf-8")
    line = error_line(perfcli("rate", path, exit=1))
    assert "definitions.csv: holds no report to rate" in line and "perfcli import" not in line
