"""`perfcli store upgrade` and `perfcli store copy`: the store itself, on either engine."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.present.console import Env, OutputFormat, write_json
from perfcli.store.copy import CopyResult
from perfcli.words import count

# Each table the summary counts, and what one of its rows is.
SHOWN = {"measures": "measure", "observations": "observation", "revisions": "revision",
         "imports": "import", "report_lines": "report line", "national": "national figure"}  # fmt: skip


def upgrade(env: Env, *, workspace: Path | None) -> None:
    name, before, after = Workspace.open(workspace).upgrade_store()
    if before == after:
        env.say(f"✔ {name}: already at schema {after}")
    elif before == 0:
        env.say(f"✔ {name}: made at schema {after}")
    else:
        env.say(f"✔ {name}: upgraded from schema {before} to {after}")


def copy(
    env: Env, to: str, *, workspace: Path | None, schema: str | None, force: bool,
    output: OutputFormat,
) -> CopyResult:  # fmt: skip
    result = Workspace.open(workspace).copy_store(to, schema=schema, force=force)
    if output is OutputFormat.JSON:
        write_json(env, result.to_dict())
        return result
    counts = ", ".join(count(result.rows(table), noun) for table, noun in SHOWN.items())
    env.say(f"✔ Copied the store to {result.target}: {counts}")
    env.say(f"  ✔ checked: every table holds the same rows (sha256 {result.digest[:16]}…)")
    return result
