"""`perfcli init`: a new workspace with settings, a data-entry workbook and Word templates."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import init_workspace
from perfcli.files import shown_path
from perfcli.present.console import Env
from perfcli.workspace import CONFIG_NAME


def run(env: Env, directory: Path, *, council: str, department: str, force: bool) -> None:
    created = init_workspace(directory, council=council, department=department, force=force)
    # Lines for people, wrapped between words as every such line is (Env.say).
    here = directory.resolve() == Path.cwd().resolve()
    env.say(f"✔ Created workspace in {'this folder' if here else shown_path(directory)}")
    env.say(f"  {CONFIG_NAME}: settings (council, committees, measure definitions)")
    env.say(f"  data/{created.workbook.name}: data-entry workbook in the Appendix A layout")
    if created.templates:
        env.say(f"  templates/: {', '.join(created.templates)}")
    for line in next_steps(directory, examples=created.examples):
        env.say(line)


def next_steps(directory: Path, *, examples: bool) -> list[str]:
    """What to do next, as commands to type from here (the README's step-by-step, in short)."""
    here = directory.resolve() == Path.cwd().resolve()
    where = "" if here else f" -w {_quoted(str(directory))}"
    settings = f"{directory / CONFIG_NAME}" if not here else CONFIG_NAME
    first = (
        f"replace the examples in {settings} (council, department, committee, officers)"
        if examples
        else f"add your meeting dates, officers and joint_report_of to {settings}"
    )
    return [
        "",
        "Next steps:",
        f"  1. {first}",
        f"  2. perfcli validate YOUR-DASHBOARD.xlsx{where}    (fix what it finds, or read why)",
        f"  3. perfcli import YOUR-DASHBOARD.xlsx{where}",
        f"  4. perfcli rate{where}",
        f"  5. perfcli draft-report --committee adults{where}",
        'The README\'s "Your own dashboard, step by step" explains each.',
    ]


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text else text
