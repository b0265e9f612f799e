"""Where the shipped Word templates live, and which one a committee's report is drafted from."""

from __future__ import annotations

from pathlib import Path

SHIPPED = "adults.docx"


def template_root() -> Path:
    """The Word templates shipped with perfcli (installed, or beside the source tree)."""
    from importlib.resources import files

    installed = Path(str(files("perfcli"))) / "_templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def template_for(root: Path, configured: str | None, name: str = SHIPPED) -> Path:
    """The committee's own template, else the workspace's copy, else the shipped one."""
    if configured:
        return root / configured
    own = root / "templates" / name
    return own if own.is_file() else template_root() / "docx" / name
