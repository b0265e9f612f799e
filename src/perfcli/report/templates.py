"""Where the Word templates live, and which one a committee's report is drafted from."""

from __future__ import annotations

from pathlib import Path

from perfcli.workspace import configured_file, inside

GENERIC = "committee.docx"


def template_root() -> Path:
    """The Word templates shipped with perfcli (installed, or beside the source tree)."""
    from importlib.resources import files

    installed = Path(str(files("perfcli"))) / "_templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def configured_template(root: Path, configured: str, setting: str) -> Path:
    """The template a committee names in perfcli.toml: inside the workspace, and there."""
    return configured_file(
        root, configured, setting, also=(template_root(),),
        hint="name a .docx in the workspace (templates/ holds the shipped ones), or remove the"
        " setting to use the shipped template",
    )  # fmt: skip


def template_for(root: Path, configured: str | None, name: str) -> Path:
    """The committee's own template, else the workspace's copy of `name`, else the shipped one;
    for a committee with no template of its name, the generic committee template."""
    shipped = template_root() / "docx"
    if configured:
        setting = f"[committees.{name.removesuffix('.docx')}] template"
        return configured_template(root, configured, setting)
    for candidate in (name, GENERIC):
        if (root / "templates" / candidate).is_file():
            return inside(root, f"templates/{candidate}")
        if (shipped / candidate).is_file():
            return shipped / candidate
    return shipped / GENERIC
