"""Where the Word templates live, and which one a committee's report is drafted from."""

from __future__ import annotations

from pathlib import Path

from perfcli.errors import WorkspaceError

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
        return inside(root, configured)
    for candidate in (name, GENERIC):
        for folder in (root / "templates", template_root() / "docx"):
            if (folder / candidate).is_file():
                return folder / candidate
    return template_root() / "docx" / GENERIC


def inside(root: Path, configured: str, *, what: str = "template") -> Path:
    """A path from perfcli.toml (a template, an index or risk register), refused unless it resolves (links followed) inside the
    workspace or the shipped templates: a shared perfcli.toml must not reach other files."""
    path = (root / configured).resolve()
    for allowed in (root.resolve(), template_root().resolve()):
        if path.is_relative_to(allowed):
            return path
    raise WorkspaceError(
        f"perfcli.toml: {what} {configured!r} is outside the workspace",
        hint=f"put the {what} file in the workspace and name it from there",
    )
