"""A workspace opened: its folder, settings and store, which each part of `Workspace` stands on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Self

from perfcli.config import Config, plain_schema
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.postgres_url import SCHEMES, check_url
from perfcli.workspace import Folder, defaults_here, find_workspace, schema_for

if TYPE_CHECKING:
    from perfcli.store.copy import CopyResult
    from perfcli.store.database import Store

PeriodLike = Period | str


def as_period(period: PeriodLike | None) -> Period | None:
    """A period given as a label is parsed here, once."""
    if period is None or isinstance(period, Period):
        return period
    return parse_period(period)


# Files as a script gives them: a list, or one file's name alone.
Files = Iterable[str | Path] | str | Path


def as_paths(files: Files) -> list[Path]:
    """Files as given: a list of them, or one file's name alone (never its letters one by one)."""
    return [Path(files)] if isinstance(files, str | Path) else [Path(f) for f in files]


class Upgraded(NamedTuple):
    """What `store upgrade` did: the store, and its schema before (0: made now) and after."""

    store: str
    before: int
    after: int

    def to_dict(self) -> dict[str, object]:
        return self._asdict()


class OpenedWorkspace:
    """A workspace folder opened: its settings (perfcli.toml) and its store (perfcli.db)."""

    def __init__(self, folder: Folder) -> None:
        self.folder = folder

    @classmethod
    def open(cls, path: str | Path | None = None) -> Self:
        """The workspace at `path`; else $PERFCLI_WORKSPACE, else the nearest one above here."""
        return cls(find_workspace(Path(path) if path is not None else None))

    @classmethod
    def here_or_defaults(cls) -> Self:
        """For reading files directly: the workspace above here if any, else default settings."""
        return cls(defaults_here())

    @property
    def root(self) -> Path:
        return self.folder.root

    @property
    def config(self) -> Config:
        return self.folder.config

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    def store(self, *, write: bool = False) -> Store:
        """The store, read-only unless `write` (so a workspace on a share the officer may only
        read still answers); a usage error when nothing has been imported yet."""
        from perfcli.store.database import nothing_imported, open_store, store_exists

        if not store_exists(self.folder):
            raise nothing_imported(self.folder)
        store = open_store(self.folder, read_only=not write)
        if not store.measures():
            store.close()
            raise nothing_imported(self.folder)
        return store

    # The store itself -------------------------------------------------------------------------

    def upgrade_store(self) -> Upgraded:
        """`perfcli store upgrade`: bring the store to this perfcli's schema (made when missing).
        Returns where it is, and its schema before and after."""
        from perfcli.store.database import open_store

        with open_store(self.folder, make=True) as store:
            return Upgraded(store.name, store.opened_at, store.upgrade()[1])

    def copy_store(self, to: str, *, schema: str | None = None, force: bool = False) -> CopyResult:
        """`perfcli store copy --to URL-or-FILE`: every row, history included, checked."""
        from perfcli.store.copy import copy_store

        if to.startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
            try:
                check_url(to, in_file=False)
            except ValueError as error:
                raise UsageError(f"--to: {error}") from None
        if schema is not None:
            try:
                plain_schema(schema)  # as perfcli.toml's [store] schema, which reads the copy
            except ValueError as error:
                raise UsageError(f"--schema: {error}") from None
        chosen = schema or self.config.store.schema_ or schema_for(self.root.name)
        with self.store() as store:
            return copy_store(store, to, schema=chosen, force=force)
