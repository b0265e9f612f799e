"""Where the Word templates live, and which one a committee's report is drafted from."""

from __future__ import annotations

from pathlib import Path

from perfcli.workspace import inside

GENERIC = "committee.docx"


def template_root() -> Path:
    """The Word templates shipped with perfcli (installed, or beside the source tree)."""
    from importlib.resources import files

    installed = Path(str(files("perfcli"))) / "_templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def template_for(root: Path, configured: str | None, name: str) -> Path:
    """The committee's own template, else the workspace's copy of `name`, else the shipped one;
    for a committee with no template of its name, the generic committee template."""
    shipped = template_root() / "docx"
    if configured:
        setting = f"[committees.{name.removesuffix('.docx')}] template"
        return inside(root, configured, setting=setting, also=(template_root(),))
    for candidate in (name, GENERIC):
        if (root / "templates" / candidate).is_file():
            return inside(root, f"templates/{candidate}")
        if (shipped / candidate).is_file():
            return shipped / candidate
    return shipped / GENERIC
