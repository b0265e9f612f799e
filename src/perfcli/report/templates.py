"""Where the Word templates live, and which one a committee's report is drafted from."""

from __future__ import annotations

from pathlib import Path

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
    if configured:
        return root / configured
    for candidate in (name, GENERIC):
        for folder in (root / "templates", template_root() / "docx"):
            if (folder / candidate).is_file():
                return folder / candidate
    return template_root() / "docx" / GENERIC
