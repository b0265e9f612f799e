"""The workspace's store as one object, made of its parts (connection, reads, imports, history,
national figures), and opening it."""

from __future__ import annotations

from perfcli.errors import NothingImported
from perfcli.store.connection import IMPORT_FIRST
from perfcli.store.history import StoreHistory
from perfcli.store.national import StoreNational
from perfcli.store.writing import StoreWrites
from perfcli.workspace import Folder


class Store(StoreWrites, StoreHistory, StoreNational):
    """A workspace's database. Every import is one transaction: all of a file or nothing.

    Records written or read once are kept, decoded, for the rest of the command: the checks
    after an import, and rating a file through a scratch store, read back every figure they
    just wrote. A rolled-back transaction forgets them all.
    """


def open_store(folder: Folder, *, read_only: bool = False, make: bool = False) -> Store:
    """The workspace's store: its SQLite file, or the PostgreSQL schema its settings name.
    Only a command that writes figures (`make`: import, store upgrade) creates it: any other
    meets a store not there yet as nothing imported, so a mistyped -w makes no schema."""
    try:
        return Store(folder.db_path, read_only=read_only, target=folder.store_target(), make=make)
    except NothingImported:
        raise nothing_imported(folder) from None


def nothing_imported(folder: Folder) -> NothingImported:
    """The one message for a workspace whose store holds no measures, or is not there yet."""
    target = folder.store_target()
    if target is None:
        return NothingImported(f"{folder.root}: nothing imported yet", hint=IMPORT_FIRST)
    return NothingImported(
        f"{folder.root}: nothing imported yet into the team store's schema {target[1]!r}"
        f" ({folder.store_source()})",
        hint=f"check -w names the workspace you meant, or {IMPORT_FIRST} (which makes the schema)",
    )


def store_exists(folder: Folder) -> bool:
    """Whether anything can have been stored yet (a server's store is always there to ask)."""
    return folder.store_target() is not None or folder.db_path.exists()
