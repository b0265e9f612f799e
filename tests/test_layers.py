"""The layers point one way: cli -> commands -> present -> api -> services -> report, store and
readers (peers, none importing another) -> domain and settings -> base. Every module is listed
in its layer, and no arrow points the wrong way. The domain knows nothing of the CLI, the store,
a reader or Word."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "perfcli"

# Pure rules over plain records: no I/O, no store, no reader, no Word, no terminal.
DOMAIN = [f"domain.{name}" for name in (
    "periods", "period_parsing", "dates", "figures", "values", "comparator_parsing", "model", "records",
    "rating", "marks", "mark_steps", "calibrate", "changes", "benchmarking", "quartiles", "ranks",
    "funding", "cost_index", "statistics", "spc", "confidence", "assessment", "findings", "checks",
    "line_checks", "measure_checks", "national_codes", "national_areas", "directions", "owners",
    "outcomes", "rating_settings", "comparator_types", "measure_ids",
    "council_standing", "period_changes", "asked_periods", "period_labels",
)] + ["domain"]  # fmt: skip
LAYERS: dict[str, tuple[int, list[str]]] = {
    "base": (0, ["errors", "files", "identity", "location", "references", "words"]),
    "domain": (1, DOMAIN),
    # perfcli.toml's tables, their check, the workspace folder: the domain reads its settings
    "settings": (1, ["workspace", "config", "config_check", "postgres_url"]),
    "store": (2, ["store", "store.schema", "store.carried", "store.rows", "store.connection",
                   "store.reading", "store.writing", "store.history", "store.national",
                   "store.database", "store.links", "store.dialect", "store.copy",
                   "store.summary", "store.latest", "store.refiling", "store.revisions"]),
    "readers": (2, [
        "importers.batches", "importers", "importers.appendix_a", "importers.appendix_header",
        "importers.appendix_measure", "importers.appendix_rows", "importers.filing",
        "importers.excel_format", "importers.fast_xlsx", "importers.index_table",
        "importers.layout", "importers.locks", "importers.measures", "importers.national",
        "importers.previous",
        "importers.problems", "importers.risk_register", "importers.sheets", "importers.spending",
        "importers.grid", "importers.file_checks", "importers.sheet_xml", "importers.csv_reader",
        "importers.openpyxl_reader", "importers.shared_strings",
        "importers.theme_dashboard", "importers.theme_header", "importers.theme_rows",
        "importers.tidy", "importers.xlsx_cells", "importers.xlsx_styles",
    ]),
    "report": (2, [
        "report", "report.appendix", "report.builder", "report.charts", "report.comparison",
        "report.comparison_charts", "report.comparator_words", "report.figure_words",
        "report.item", "report.compendium", "report.compendium_records", "report.compendium_words",
        "report.conclusions", "report.context", "report.corporate",
        "report.document", "report.funding", "report.glossary", "report.layout",
        "report.lower", "report.methods", "report.metrics", "report.narrative", "report.pdf",
        "report.findings", "report.proof", "report.proof_figures", "report.proof_tables", "report.ranks", "report.reread", "report.sandbox", "report.sizes", "report.template_parts",
        "report.templates", "report.topics",
    ]),
    "services": (4, ["new_workspace", "returns", "returns.cells", "returns.make", "returns.newest", "returns.read", "returns.reminders", "returns.status",
                     "returns.workbook", "tuning"]),
    "api": (5, ["api", "api.opened", "api.files", "api.national", "results", "results.rating",
                "results.diff", "results.files", "results.catalogue", "results.national",
                "results.calibration", "comparisons", "compendium",
                ""]),  # "" is the package: `from perfcli import Workspace`
    "present": (6, ["present", "present.characters", "present.console", "present.marks",
                    "present.progress", "present.table_layout", "present.wrapping",
                    "present.tables", "present.rating_table", "present.national_tables"]),
    "commands": (7, [
        "commands", "commands.calibrate", "commands.catalogue", "commands.diff", "commands.draft",
        "commands.importing", "commands.init", "commands.national", "commands.rate",
        "commands.returns", "commands.store", "commands.validate",
    ]),
    "cli": (8, ["cli", "cli.root", "cli.workspace", "cli.drafting", "cli.benchmarking", "cli.store",
                "cli.returns", "command_line", "__main__"]),
}  # fmt: skip
# Store and readers are peers: neither may import the other. No arrow crosses today; one that
# must (for a reason said beside it) is listed here, and fails the test once it is gone.
KNOWN_CROSSINGS: set[tuple[str, str]] = set()
OUTSIDE_THE_DOMAIN = ("typer", "rich", "docx", "docxtpl", "sqlite3", "openpyxl",
                      "python_calamine", "matplotlib")  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def ours(path: Path) -> set[str]:
    """The perfcli modules a module imports, by their names in LAYERS."""
    known = {name for _, names in LAYERS.values() for name in names}
    found = set()
    for name in imported(path):
        if name == "perfcli":
            found.add("")
        elif name.startswith("perfcli."):
            module = name.removeprefix("perfcli.")
            while module not in known and "." in module:
                module = module.rsplit(".", 1)[0]
            found.add(module)
    return found


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}
LAYER_OF = {name: layer for layer, (_, names) in LAYERS.items() for name in names}


def test_every_module_is_in_one_layer():
    listed = [name for _, names in LAYERS.values() for name in names]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(MODULES)


def test_the_arrows_point_down_but_for_the_known_crossings():
    crossings = set()
    for name, path in MODULES.items():
        rank = LAYERS[LAYER_OF[name]][0]
        for other in ours(path) - {name}:
            if other not in LAYER_OF:
                continue  # a name inside a module (`from perfcli.importers import read_file`)
            other_rank = LAYERS[LAYER_OF[other]][0]
            peers = other_rank == rank and LAYER_OF[other] != LAYER_OF[name]
            if other_rank > rank or (
                peers and {LAYER_OF[name], LAYER_OF[other]} != {"domain", "settings"}
            ):
                crossings.add((name, other))
    assert crossings == KNOWN_CROSSINGS


@pytest.mark.parametrize("name", DOMAIN)
def test_the_domain_knows_nothing_of_the_cli_store_readers_or_word(name):
    found = imported(MODULES[name])
    assert not {n for n in found if n.split(".")[0] in OUTSIDE_THE_DOMAIN}
    below = {LAYER_OF[m] for m in ours(MODULES[name]) if m in LAYER_OF}
    assert below <= {"base", "domain", "settings"}


@pytest.mark.parametrize("path", sorted((SRC / "commands").glob("*.py")), ids=lambda p: p.name)
def test_no_command_module_imports_another(path):
    assert not {n for n in imported(path) if n.startswith("perfcli.commands")}


def test_only_the_api_layer_and_below_are_imported_by_the_library():
    found = {name for path in (SRC / "api").glob("*.py") for name in imported(path)}
    assert not {
        n for n in found if n.startswith(("perfcli.commands", "perfcli.cli", "perfcli.present"))
    }


def test_every_module_under_domain_is_held_to_the_domain_rules():
    assert {name for name in MODULES if name.split(".")[0] == "domain"} == set(DOMAIN)
