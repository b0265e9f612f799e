"""A PostgreSQL store's URL: checked, masked for messages, and named as a message names it."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

SCHEMES = ("postgresql", "postgres")


def check_url(url: str, *, in_file: bool) -> None:
    """A ValueError when `url` is not a PostgreSQL URL, names a port that is not one, or (in
    perfcli.toml) holds a password."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"{masked(url)!r} is not a postgresql:// URL")
    for port in _ports(url):
        if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65_535):
            raise ValueError(f"port {port!r} is not a number from 1 to 65535")
    if in_file and parts.password is not None:
        raise ValueError(
            "holds a password in clear, which anyone who can read the folder can read;"
            " put it in PGPASSWORD, ~/.pgpass or a service file instead"
        )


def _ports(url: str) -> list[str]:
    """Every port the URL names: after each of its hosts (libpq takes `h1:5432,h2:5433`, which
    urlsplit cannot read) and in `?port=`."""
    parts = urlsplit(url)
    found = []
    for host in _hosts(parts.netloc).split(","):
        port = host.rpartition("]")[2] if host.startswith("[") else host
        if ":" in port:
            found.append(port.rpartition(":")[2])
    for ports in parse_qs(parts.query).get("port", []):
        found += ports.split(",")
    return [port for port in found if port]


def _hosts(netloc: str) -> str:
    return netloc.rpartition("@")[2]


def masked(url: str) -> str:
    """The URL as messages may print it: never its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = _hosts(parts.netloc)
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def where(url: str) -> str:
    """Host and database, as a message names them."""
    parts = urlsplit(url)
    # A host may be given as `?host=` (libpq's form); one starting `/` is a socket's folder.
    given = _hosts(parts.netloc) or ",".join(parse_qs(parts.query).get("host", []))
    host = given if given and not given.startswith("/") else "the local socket"
    database = unquote(parts.path.lstrip("/")) or parts.username or "(default)"
    return f"PostgreSQL database {database!r} on {host}"
