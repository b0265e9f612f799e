"""A PostgreSQL store's URL: checked, masked for messages, and named as a message names it."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

SCHEMES = ("postgresql", "postgres")


def check_url(url: str, *, in_file: bool) -> None:
    """A ValueError when `url` is not a PostgreSQL URL, or (in perfcli.toml) holds a password."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"{masked(url)!r} is not a postgresql:// URL")
    if in_file and parts.password is not None:
        raise ValueError(
            "holds a password in clear, which anyone who can read the folder can read;"
            " put it in PGPASSWORD, ~/.pgpass or a service file instead"
        )


def masked(url: str) -> str:
    """The URL as messages may print it: never its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def where(url: str) -> str:
    """Host and database, as a message names them."""
    parts = urlsplit(url)
    host = parts.hostname or "the local socket"
    if parts.port:
        host += f":{parts.port}"
    database = unquote(parts.path.lstrip("/")) or parts.username or "(default)"
    return f"PostgreSQL database {database!r} on {host}"
