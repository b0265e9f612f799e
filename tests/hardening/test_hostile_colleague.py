"""A hostile colleague's workbooks and CSVs (a trial at 06:26): each file is built here, as the
colleague crafted it, and goes through the CLI.

Every figure below is SYNTHETIC.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import appendix_workbook, error_line, perfcli, unwrapped
from tests.hardening.test_hostile_inputs import configure, rewrite

# 1. A shared text copied into every cell that uses it ---------------------------------------


MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _long_description(
    path: Path, length: int, rows: int, *, text: bytes = b"<si><t>%s</t></si>",
    part: str = "sharedStrings.xml",
) -> Path:  # fmt: skip
    """A dashboard whose `rows` measures share one description of `length` characters: the
    workbook stores it once (`text`, in the part `part` under xl/), as Excel does, and each
    cell showing it refers to it."""
    rows_ = [[f"PH {n}", "y" * 20, "High", "", "19.0", "18.9"] for n in range(1, rows + 1)]
    appendix_workbook(path, rows_)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'(<c r="B[0-9]+") t="inlineStr"><is><t>y{20}</t></is></c>',
        rb'\1 t="s"><v>0</v></c>',
        parts["xl/worksheets/sheet1.xml"],
    )
    strings = text.replace(b"%s", b"y" * (length // text.count(b"%s")))
    parts[f"xl/{part}"] = b'<sst xmlns="%s" uniqueCount="1">%s</sst>' % (MAIN, strings)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/%s" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>' % part.encode(),
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="%s" Target="%s"/></Relationships>'
        % (SHARED, part.encode()),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_1_a_text_longer_than_a_cell_can_hold_is_refused_at_its_cell(workspace, tmp_path, reader):
    book = _long_description(tmp_path / "long.xlsx", 40_000, rows=3)
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    assert re.fullmatch(
        r'Error: long.xlsx, sheet "Appendix A", cell B5: shows a text of more than 32,767'
        r" characters \(shared text \d+\), longer than Excel allows in a cell \(.*\)",
        line,
    )
    assert error_line(perfcli("rate", book, exit=1)) == line
    shown = unwrapped(perfcli("validate", book, "-w", workspace, exit=1).stdout)
    assert 'long.xlsx, sheet "Appendix A", cell B5 shows a text of more than 32,767' in shown


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (b"<si><r><t>%s</t></r><r><t>%s</t></r></si>", "sharedStrings.xml"),
        (b"<si><t><![CDATA[%s</si><si>%s]]></t></si>", "sharedStrings.xml"),
        (b"<si><t>%s</t><!-- </si><si> --><t>%s</t></si>", "sharedStrings.xml"),
        (b"<si><t>%s</t></si>", "texts.xml"),
    ],
    ids=["rich text runs", "a </si> in CDATA", "a </si> in a comment", "another part"],
)
def test_1_a_long_text_is_found_however_it_is_written(workspace, tmp_path, reader, text, part):
    book = _long_description(tmp_path / "long.xlsx", 40_000, rows=3, text=text, part=part)
    line = error_line(perfcli("rate", book, exit=1))
    assert line.startswith(
        'Error: long.xlsx, sheet "Appendix A", cell B5: shows a text of more than 32,767'
    )


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="B5" t="inlineStr"><is><t>%s</t></is></c>',  # as openpyxl writes a text
        b'<c r="B5" t="str"><f>REPT("y",40000)</f><v>%s</v></c>',  # a formula's text result
    ],
    ids=["inline", "formula result"],
)
def test_1_a_long_text_in_its_own_cell_is_refused_at_its_cell(workspace, tmp_path, reader, cell):
    """A trial: a text stored in its cell, not shared, passed the 32,767 limit unremarked."""
    book = appendix_workbook(tmp_path / "own.xlsx", [["Local", "y" * 20, "High", "", "19", "18"]])
    rewrite(book, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        rb'<c r="B5" t="inlineStr"><is><t>y{20}</t></is></c>',
        cell.replace(b"%s", b"y" * 39_999 + b"&amp;"), xml,
    ))  # fmt: skip
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    assert line.startswith('Error: own.xlsx, sheet "Appendix A", cell B5: holds a text of 40,000')
    assert not (workspace / "perfcli.db").exists()
    shown = unwrapped(perfcli("validate", book, "-w", workspace, exit=1).stdout)
    assert 'own.xlsx, sheet "Appendix A", cell B5 holds a text of 40,000 characters' in shown


def test_1_a_damaged_long_text_is_refused_as_damaged(workspace, tmp_path, reader):
    """Past an XML error expat counts nothing, where calamine may read on."""
    book = _long_description(tmp_path / "bad.xlsx", 40_000, rows=3, text=b"<si><t>%s</x></si>")
    assert error_line(perfcli("rate", book, exit=1)) == (
        "Error: bad.xlsx: is damaged: its part xl/sharedStrings.xml is not well-formed XML"
        " (mismatched tag at line 1) (open it in Excel, save it as a new .xlsx, and import that)"
    )


@pytest.mark.parametrize(("limit", "refused"), [(1, True), (2, False)])
def test_1_texts_repeated_past_max_unzipped_mb_are_refused_at_the_cell(
    workspace, tmp_path, reader, limit, refused
):
    """40 cells showing one text of 30,000 characters come to 1.2 million: over a limit of
    1 MB (though the file unpacks to far less), within one of 2 MB, where every measure is read."""
    book = _long_description(tmp_path / "many.xlsx", 30_000, rows=40)
    configure(workspace, f"[import]\nmax_unzipped_mb = {limit}")
    if refused:
        line = error_line(perfcli("import", book, "-w", workspace, exit=1))
        assert re.fullmatch(
            r'Error: many.xlsx, sheet "Appendix A", cell B(\d+): its cells\' texts come to more'
            r" than 1,000,000 characters by this cell \(long texts repeated cell after cell\),"
            r" over the max_unzipped_mb limit \(raise max_unzipped_mb .*\)",
            line,
        )
        assert int(re.search(r"cell B(\d+)", line)[1]) == 4 + 34  # the 34th text goes past
    else:
        run = perfcli("import", book, "-w", workspace)
        assert "40 measures" in " ".join(run.stdout.split())


# 2. A CSV's doubled quotes -------------------------------------------------------------------

CSV_HEADER = "Measure,Description,Aim,Comparator,2023/24 Performance,2022/23 Performance\n"


@pytest.mark.parametrize(
    ("row", "description", "figures"),
    [
        (
            'Local,"Library visits (""branches"",High,100 Local target 2023/24,5,4,""mobile"")",'
            "High,100 Local target 2023/24,120,110",
            'Library visits ("branches",High,100 Local target 2023/24,5,4,"mobile")',
            (120, 110),
        ),
        ('Local,"Rate ""per 1,000"" adults",High,10 Local target 2023/24,12,11',
         'Rate "per 1,000" adults', (12, 11)),
    ],
)  # fmt: skip
def test_2_a_quote_doubled_inside_a_quoted_field_is_read_as_rfc_4180_says(
    workspace, tmp_path, row, description, figures
):
    """The sniffer guessed that quotes were not doubled, split the description at its commas
    and read 5 and 4 from it (or an aim of '000"" adults"')."""
    table = tmp_path / "q10.csv"
    table.write_text(CSV_HEADER + row + "\n", encoding="utf-8")
    rated = json.loads(perfcli("rate", table, "-f", "json").stdout)["measures"]
    assert [(m["description"], m["value"], m["previous_value"]) for m in rated] == [
        (description, *figures)
    ]
    perfcli("import", table, "-w", workspace)
    stored = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [(m["description"], m["value"], m["previous_value"]) for m in stored] == [
        (description, *figures)
    ]


def test_2_a_field_split_at_an_unquoted_comma_is_an_error_at_the_stray_field(workspace, tmp_path):
    """`100 Local target, 2023/24` unquoted put 2023 in the 2023/24 figure's column and 120 in
    the previous year's, with 0 errors."""
    table = tmp_path / "split.csv"
    table.write_text(
        CSV_HEADER + "Local,Library visits,High,100 Local target, 2023/24,120,110\n",
        encoding="utf-8",
    )
    line = error_line(perfcli("rate", table, exit=1))
    assert line == (
        "Error: split.csv, cell G2: '110' lies past the header's last column: the row has more"
        ' fields than the header; put a value holding the separator in quotes ("1.234,5"), or'
        " delete the stray field; or pass --force to rate what can be read"
    )
    shown = unwrapped(perfcli("validate", table, "-w", workspace, exit=1).stdout)
    assert "split.csv, cell G2 '110' lies past the header's last column" in shown


# 3. A tidy CSV's values ----------------------------------------------------------------------

MEASURES = (
    "ID,Description,Aim,Unit\nloans,Library loans,High,count\npct,Share satisfied,High,percent\n"
)


@pytest.mark.parametrize(
    ("row", "cell", "message"),
    [
        ("pct,2022-23,12/11", "C2", "cannot read '12/11': unexpected '/11' after the number"),
        ("loans,2022-23,1.234,5", "D2",
         "'5' lies past the header's last column: the row has more fields than the header"),
        ("loans,2022-23,45 people", "C2", "value '45 people' is not a number"),
        ("loans,2023-24,2024-03-31", "C2",
         "cannot read '2024-03-31': it starts with a date (2024-03-31), not a figure"),
        ("pct,2022-23,12.5,nan,8", "D2", "numerator 'nan' is not a number"),
        ("pct,2022-23,12.5,1_000,8000", "D2", "numerator '1_000' is not a number"),
    ],
)  # fmt: skip
def test_3_a_tidy_value_that_is_not_wholly_a_number_is_an_error_at_its_cell(
    workspace, tmp_path, row, cell, message
):
    """Each was read as part of a number with no finding: 12/11 as 12, the 1.234 of a decimal
    comma split at the separator, a numerator of nan as a number and 1_000 as a thousand."""
    measures = tmp_path / "measures.csv"
    measures.write_text(MEASURES, encoding="utf-8")
    values = tmp_path / "values.csv"
    header = "ID,Period,Value,Numerator,Denominator" if row.count(",") == 4 else "ID,Period,Value"
    values.write_text(f"{header}\n{row}\n", encoding="utf-8")
    shown = unwrapped(perfcli("validate", measures, values, "-w", workspace, exit=1).stdout)
    assert f"values.csv, cell {cell} {message}" in shown
    assert "1 error," in shown
    line = error_line(perfcli("import", measures, values, "-w", workspace, exit=1))
    assert line.startswith(f"Error: values.csv, cell {cell}: {message}")


def test_3_a_figure_alone_or_text_in_place_of_one_is_still_read(workspace, tmp_path):
    measures = tmp_path / "measures.csv"
    measures.write_text(MEASURES, encoding="utf-8")
    values = tmp_path / "values.csv"
    values.write_text(
        "ID,Period,Value,Numerator,Denominator\nloans,2023-24,615.1k,,\n"
        'loans,2022-23,1.5E+06,,\nloans,2021-22,n/a,,\npct,2023-24,87.1%,"1,227",1408\n',
        encoding="utf-8",
    )
    perfcli("import", measures, values, "-w", workspace)
    rated = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [(m["id"], m["value"], m["previous_value"]) for m in rated] == [
        ("loans", 615100, 1500000),
        ("pct", 87.1, None),
    ]


# 4. What a file is, said plainly -------------------------------------------------------------


def _ole_entry(name: str) -> bytes:
    """A compound file's directory entry: its name in UTF-16, padded to 128 bytes."""
    encoded = (name + "\0").encode("utf-16-le")
    return encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + b"\0" * 62


@pytest.mark.parametrize("name", ["locked.xlsx", "locked.csv"])
def test_4_a_password_protected_workbook_is_named_as_one(workspace, tmp_path, reader, name):
    """Excel saves a workbook with a password as a compound (OLE) file holding the encrypted
    .xlsx as a stream named EncryptedPackage: it was called an old-style .xls."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\0")
    entries = b"".join(map(_ole_entry, ["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    book = tmp_path / name
    book.write_bytes(header + entries.ljust(512, b"\0") + b"\x8f" * 4096)
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    assert line == (
        f"Error: {name}: is a password-protected workbook, which perfcli cannot open (open it"
        " in Excel, clear its password under File > Info > Protect Workbook > Encrypt with"
        " Password, save it and import that)"
    )


@pytest.mark.parametrize("name", ["budget.ods", "budget.xlsx"])
def test_4_an_opendocument_spreadsheet_is_named_as_one(workspace, tmp_path, reader, name):
    """It was 'not an Excel workbook (.xlsx) or is damaged (KeyError)'."""
    book = tmp_path / name
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<office:document-content xmlns:office="urn:x"/>')
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:y"/>')
    for command in ("import", "rate"):
        line = error_line(perfcli(command, book, "-w", workspace, exit=1))
        assert line == (
            f"Error: {name}: is an OpenDocument spreadsheet (.ods), not an Excel workbook (open"
            " it in LibreOffice Calc or Excel, save it as an Excel .xlsx workbook and import that)"
        )


@pytest.mark.parametrize("value", ["bogus", "calamine", "OPENPYXL"])
def test_4_an_unknown_reader_is_bad_usage_naming_the_variable(workspace, tmp_path, value):
    book = appendix_workbook(tmp_path / "own.xlsx", [["ASCOF 1A", "Quality of life", "High", "",
                                                      "19.0", "18.9"]])  # fmt: skip
    for command in (("import", book, "-w", workspace), ("rate", book)):
        run = perfcli(*command, exit=2, env={"PERFCLI_READER": value})
        assert error_line(run) == (
            f"Error: PERFCLI_READER is {value!r}: set it to fast or openpyxl (or leave it unset)"
        )
    perfcli("rate", book, env={"PERFCLI_READER": ""})


ROW = ["ASCOF 1A", "Social care-related quality of life score", "High", "", 19.0, 18.9]


def _merged(path: Path, *ranges: str, header: list | None = None, row: list = ROW) -> Path:  # type: ignore[type-arg]
    from openpyxl import load_workbook

    appendix_workbook(path, [row], header=header)
    workbook = load_workbook(path)
    for each in ranges:
        workbook.active.merge_cells(each)
    workbook.save(path)
    return path


def test_4_a_heading_merged_over_a_column_of_figures_is_an_error_naming_the_cells(
    workspace, tmp_path, reader
):
    """Merging the header's E4:F4 emptied F4: the 2022/23 figures below it were dropped with 0
    warnings, and the measure's progress went unrated."""
    book = _merged(tmp_path / "merged.xlsx", "E4:F4")
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    assert line == (
        "Error: merged.xlsx, sheet \"Appendix A\", cell E4: the heading '2023/24 Performance' is"
        " merged across E4:F4, over cells below it in column F (F5: '18.9'), which are under no"
        " heading (unmerge E4:F4 and give column F a heading of its own)"
    )
    shown = unwrapped(perfcli("validate", book, "-w", workspace, exit=1).stdout)
    assert 'merged.xlsx, sheet "Appendix A", cell E4 the heading' in shown
    assert "1 error, 0 warnings" in shown


def test_4_a_heading_merged_over_empty_cells_is_read_as_before(workspace, tmp_path, reader):
    """A description merged across B:C on every row leaves nothing under C: nothing is lost."""
    header = ["Measure", "Description", None, "Aim", "Comparator", "2023/24 Performance",
              "2022/23 Performance"]  # fmt: skip
    row = [*ROW[:2], None, *ROW[2:]]
    book = _merged(tmp_path / "wide.xlsx", "B4:C4", "B5:C5", header=header, row=row)
    rated = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"]
    assert [(m["id"], m["value"], m["previous_value"]) for m in rated] == [("ascof-1a", 19.0, 18.9)]


def test_4_a_heading_merged_over_the_headings_beside_it_is_named(workspace, tmp_path, reader):
    """Merging Measure across A4:C4 emptied Description and Aim: 'no recognisable header row'
    and a list of what perfcli looks for, with no word of the merge."""
    book = _merged(tmp_path / "merged.xlsx", "A4:C4")
    assert error_line(perfcli("import", book, "-w", workspace, exit=1)) == (
        'Error: merged.xlsx, sheet "Appendix A", cell A4: no recognisable header row: the heading'
        " 'Measure' is merged across A4:C4, over the headings beside it (unmerge A4:C4 and give"
        " each column its heading)"
    )


def test_4_a_merged_heading_is_checked_down_to_the_next_heading_row(workspace, tmp_path, reader):
    """A first table with its description merged across B:C, and a second table below, headed
    again, whose column C is its Aim: the second table's cells are not under the merge."""
    from openpyxl import Workbook

    wide = ["Measure", "Description", None, "Aim", "Comparator", "2023/24 Performance",
            "2022/23 Performance"]  # fmt: skip
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Appendix A"
    ws.append(wide)
    ws.append(
        ["ASCOF 1A", "Social care-related quality of life score", None, "High", "", 19.0, 18.9]
    )
    ws.append([])
    ws.append(["Measure", "Description", "Aim", "Comparator", "2023/24 Performance",
               "2022/23 Performance"])  # fmt: skip
    ws.append(["ASCOF 1B", "People who have control over their daily life", "High", "", 77.0, 76.5])
    ws.merge_cells("B1:C1")
    ws.merge_cells("B2:C2")
    workbook.save(tmp_path / "two.xlsx")
    rated = json.loads(perfcli("rate", tmp_path / "two.xlsx", "-f", "json").stdout)["measures"]
    assert [(m["id"], m["value"]) for m in rated] == [("ascof-1a", 19.0), ("ascof-1b", 77.0)]


def test_a_figure_cell_that_cannot_be_read_is_one_finding_not_two(workspace, tmp_path):
    """A date typed where 2023/24's figure belongs was an error at its cell and then, for the
    same measure, 'no figure and no reason given' too (two trials). Seed 000's heritage row."""
    table = tmp_path / "dated.csv"
    table.write_text(
        CSV_HEADER
        + "Local,Heritage visits,High,133.5k Local target 2023/24,12 March 2024,127.1k\n",
        encoding="utf-8",
    )
    found = json.loads(perfcli("validate", table, "-w", workspace, "-f", "json", exit=1).stdout)
    assert [(f["code"], f["location"]) for f in found["findings"]] == [
        ("file.unreadable", "dated.csv, cell E2")
    ]
    refused = json.loads(perfcli("import", table, "-w", workspace, "-f", "json", exit=1).stdout)
    assert [f["code"] for f in refused["findings"]] == ["file.unreadable"]


def test_a_figure_too_large_for_a_number_is_refused_at_its_cell(workspace, tmp_path):
    """A trial: 400 nines typed as text were read as infinity, rated `better` and drafted as
    `inf% higher`."""
    book = appendix_workbook(tmp_path / "big.xlsx", [
        ["Local", "Number of calls", "High", "1,100 Local target 2023/24", "9" * 400, "1,100"],
    ])  # fmt: skip
    line = error_line(perfcli("rate", book, exit=1))
    assert (
        line.startswith('Error: big.xlsx, sheet "Appendix A", cell E5: cannot read \'9999999999')
        and "… (400 characters): the number is too large to be a figure" in line
    )
    perfcli("import", book, "-w", workspace, "--force")
    rated = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert (rated[0]["value"], rated[0]["rating"]) == (None, "not_rated")


def test_a_number_cell_too_large_for_a_float_is_named_at_its_cell(workspace, tmp_path, reader):
    """A trial: a number cell of 400 digits, which no float holds. The fast reader shows it as
    Excel shows a number it cannot hold, #NUM!, warned of at its cell as NaN is; openpyxl
    cannot read it, and said 'OverflowError: int too large to convert to float' with no cell."""
    book = appendix_workbook(tmp_path / "huge.xlsx", [
        ["Local", "Number of calls", "High", "1,100 Local target 2023/24", 1234567, 1100],
    ])  # fmt: skip
    # No writer saves such a number: the XML is edited.
    rewrite(book, "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(b"<v>1234567</v>", b"<v>" + b"9" * 400 + b"</v>"))  # fmt: skip
    if reader == "fast":
        shown = " ".join(perfcli("validate", book, "-w", workspace).stdout.split())
        assert (
            "cell E5 number-of-calls, 2023-24: a spreadsheet error instead of a figure: '#NUM!'"
            in shown
        )
        return
    line = error_line(perfcli("import", book, "-w", workspace, exit=1))
    assert line == (
        'Error: huge.xlsx, sheet "Appendix A", cell E5: holds a number too large to be a figure'
        " (type the figure as Excel shows it)"
    )
    assert not (workspace / "perfcli.db").exists()
