"""A workspace: a folder with perfcli.toml (settings) and perfcli.db (the store), found and read."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from msgspec import Struct

from perfcli.config import Config
from perfcli.errors import UsageError, WorkspaceError
from perfcli.identity import normalise_alias
from perfcli.postgres_url import check_url

CONFIG_NAME = "perfcli.toml"
DB_NAME = "perfcli.db"
ENV_VAR = "PERFCLI_WORKSPACE"
STORE_VARIABLE = "PERFCLI_STORE"


def schema_for(folder_name: str) -> str:
    """The PostgreSQL schema a workspace folder's store lives in, by default."""
    name = re.sub(r"[^a-z0-9]+", "_", folder_name.lower()).strip("_")[:60] or "perfcli"
    return name if not name[0].isdigit() else f"w_{name}"


class Folder(Struct, frozen=True):
    """A workspace folder as found on disk: where it is, and its settings."""

    root: Path
    config: Config

    @property
    def db_path(self) -> Path:
        """The store's SQLite file, refused if a link leads it outside the workspace."""
        return inside(self.root, DB_NAME)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def store_target(self) -> tuple[str, str] | None:
        """The PostgreSQL store's URL and schema ($PERFCLI_STORE, else [store] url in
        perfcli.toml); None for the workspace's own SQLite file."""
        url = os.environ.get(STORE_VARIABLE, "").strip()
        if url:
            try:
                check_url(url, in_file=False)
            except ValueError as error:
                raise UsageError(f"{STORE_VARIABLE}: {error}") from None
        url = url or self.config.store.url or ""
        if not url:
            return None
        return url, self.config.store.schema_ or schema_for(self.root.name)

    def store_source(self) -> str:
        """Where the PostgreSQL store's URL came from, as a message names it."""
        if os.environ.get(STORE_VARIABLE, "").strip():
            return STORE_VARIABLE
        return f"{CONFIG_NAME}: store.url"

    def aliases(self) -> dict[str, str]:
        """Every alias text named in perfcli.toml, mapped to its measure id."""
        found: dict[str, str] = {}
        for measure_id, settings in self.config.measures.items():
            for alias in settings.aliases:
                found[normalise_alias(alias)] = measure_id
        return found


def department_name(text: str) -> str:
    """A department's name without the word "Department", which the wording adds itself:
    officers write it in full ("Adults and Communities Department") as often as not."""
    name = text.strip()
    if name.lower().endswith(" department"):
        name = name[: -len(" department")].rstrip()
    return name


def init_placeholders(department: str) -> dict[str, str]:
    """The committee settings `perfcli init` writes for the officer to replace, by key."""
    return {"joint_report_of": f"the Director of {department_name(department) or 'Adults'}"}


def load_config(path: Path) -> Config:
    import tomllib

    # Here, not above: `rate FILE` outside a workspace checks no perfcli.toml (1 ms of imports).
    from perfcli.config_check import TABLE_NAMES, keys_beside, validated

    try:
        data = tomllib.loads(_config_text(path))
    except tomllib.TOMLDecodeError as error:
        raise WorkspaceError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise WorkspaceError(
            f"{path}: not valid TOML: arrays or tables nested too deeply"
        ) from None
    try:
        return validated(Config, data)
    except ValueError as error:  # pydantic's ValidationError, imported only when it is raised
        from pydantic import ValidationError

        if not isinstance(error, ValidationError):
            raise
        first = error.errors()[0]
        # The key's place in the file, without the names pydantic gives a union's tables.
        loc = [part for part in first["loc"] if part not in TABLE_NAMES]
        where = ".".join(str(part) for part in loc)
        if first["type"] == "extra_forbidden":  # pydantic's words: "Extra inputs are not permitted"
            *table, key = loc
            known = keys_beside(Config, table)
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else f"known here: {', '.join(known)}"
            raise WorkspaceError(
                f"{path.name}: {where}: not a setting perfcli knows", hint=hint if known else None
            ) from None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise WorkspaceError(f"{path.name}: {where}: {message}") from None


_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16", b"\x00\x00\xfe\xff": "UTF-32"}


# Settings of hundreds of measures, owners and committees are tens of kB; a file past this is
# not settings, and reading it would hold every command for seconds.
CONFIG_LIMIT = 1_000_000


def _config_text(path: Path) -> str:
    """perfcli.toml's text: UTF-8, with or without the byte-order mark Notepad may add."""
    try:
        size = path.stat().st_size
        if size > CONFIG_LIMIT:
            raise WorkspaceError(
                f"{path}: {size / 1e6:.1f} MB, more than the {CONFIG_LIMIT / 1e6:g} MB perfcli"
                " reads as settings (a workspace's are a few kB)",
                hint="check it is the perfcli.toml you meant",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise WorkspaceError(f"{path}: cannot read: {error.strerror}") from None
    save_as = "save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            raise WorkspaceError(f"{path}: saved as {name}, not UTF-8", hint=save_as)
    if b"\x00" in raw:
        raise WorkspaceError(f"{path}: not a text file (it holds NUL bytes)", hint=save_as)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise WorkspaceError(
            f"{path}: line {line}: byte 0x{raw[error.start]:02x} is not UTF-8", hint=save_as
        ) from None
    return text.removeprefix("\ufeff")


def inside(
    root: Path,
    path: str | Path,
    *,
    setting: str | None = None,
    also: tuple[Path, ...] = (),
    hint: str | None = None,
) -> Path:
    """`path` in the workspace at `root` (the text of a `setting` in perfcli.toml, a template or
    an index, or a default such as `reports/adults-2023-24.docx`), with every link followed;
    refused unless it stays inside the workspace (or one of `also`): a shared perfcli.toml, or a
    link left in a shared folder, must not make perfcli read or write other files. A path the
    user types on the command line (`--output`, a file to import) is theirs and comes not here."""
    resolved = (root / path).resolve()
    for allowed in (root, *also):
        if resolved.is_relative_to(allowed.resolve()):
            return resolved
    # A path that stays in the workspace as written leaves it through a link: say where to.
    linked = Path(os.path.normpath(root / path)).is_relative_to(os.path.normpath(root))
    if setting:
        leads = f", through a link, to {resolved}" if linked else ""
        raise WorkspaceError(
            f"{CONFIG_NAME} {setting}: {str(path)!r} is outside the workspace{leads}",
            hint=hint or f"put the {setting.split()[-1]} file in the workspace and name it there",
        )
    raise WorkspaceError(
        f"{Path(path).as_posix()} leads outside the workspace, through a link, to {resolved}",
        hint=hint or "replace the link with the file or folder itself, inside the workspace",
    )


def configured_file(
    root: Path, text: str, setting: str, *, hint: str, also: tuple[Path, ...] = ()
) -> Path:
    """A file a setting of perfcli.toml names (a committee's template, index, spending table or
    risk register): inside the workspace, as `inside` holds it, and there."""
    path = inside(root, text, setting=setting, also=also)
    if not path.is_file():
        raise UsageError(f"{CONFIG_NAME} {setting}: {text!r}: no such file", hint=hint)
    return path


def report_path(root: Path, name: str) -> Path:
    """Where a drafted report is written by default: reports/NAME, inside the workspace."""
    return inside(
        root, f"reports/{name}",
        hint="make reports a folder in the workspace, or pass --output to write the report elsewhere",
    )  # fmt: skip


def defaults_here() -> Folder:
    """For commands that read files directly: the workspace's settings if there is one."""
    try:
        return find_workspace(None)
    except WorkspaceError:
        return Folder(Path.cwd(), Config())


def find_workspace(explicit: Path | None = None, *, cwd: Path | None = None) -> Folder:
    """--workspace, else $PERFCLI_WORKSPACE, else the nearest perfcli.toml above cwd."""
    if explicit is None and os.environ.get(ENV_VAR):
        explicit = Path(os.environ[ENV_VAR])
    if explicit is not None:
        root = explicit.expanduser()
        if root.name == CONFIG_NAME and root.is_file():  # the settings named: their folder
            root = root.parent
        elif root.is_file():
            raise WorkspaceError(
                f"{root}: a file, not a workspace folder",
                hint=f"give the folder that holds {CONFIG_NAME}",
            )
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(
                f"{root}: no {CONFIG_NAME} here", hint="create one with 'perfcli init DIR'"
            )
        return Folder(root.resolve(), load_config(root / CONFIG_NAME))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Folder(folder, load_config(folder / CONFIG_NAME))
    raise WorkspaceError(
        f"no workspace: no {CONFIG_NAME} in {here} or any folder above it",
        hint="pass --workspace DIR, set PERFCLI_WORKSPACE, or run 'perfcli init'",
    )
