"""The workspace's store: schema and migrations, rows in real columns, and the queries over them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfcli.domain.records import Known
    from perfcli.workspace import Folder


def known_to(folder: Folder) -> Known | None:
    """What the workspace's store knows that reading a file needs; None when there is none.
    Here, not in store.database, so that reading a file where there is no store (`rate FILE`)
    imports none of the store's modules."""
    # An empty file is a store another import has only just created: nothing in it to know yet.
    path = folder.db_path
    if folder.store_target() is None and (not path.exists() or not path.stat().st_size):
        return None
    from perfcli.errors import NothingImported
    from perfcli.store.database import open_store

    try:
        store = open_store(folder, read_only=True)
    except NothingImported:  # a PostgreSQL schema not made yet
        return None
    with store:
        return store.known()
