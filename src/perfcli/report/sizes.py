"""How large what a Word template makes may grow: the sizes worked out before a text or list is
made, where they can be, and the check on every value made otherwise (see sandbox.py)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError

# The most characters one text, or items one list (the texts and lists in it counted too), a
# template may make: a report's longest drafted paragraph is a few thousand characters.
MAX_SIZE = 1_000_000
# The whole rendered document: 2,000 measures' report renders to about 1,000,000 characters.
MAX_OUTPUT = 64 * MAX_SIZE
# The largest whole number a template may make: 4,096 bits, 1,233 digits.
MAX_BITS = 4096


class Refused(SecurityError):
    """A template construct perfcli will not run; its message names each one."""


def bounded_concat(pieces: Iterable[str]) -> str:
    """What a template (or a macro or block in it) renders, its pieces counted as they come: at
    most MAX_OUTPUT characters. Jinja joins every rendered part with `environment.concat`."""
    made, total = [], 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise Refused(f"the rendered document is more than {MAX_OUTPUT:,} characters")
        made.append(piece)
    return "".join(made)


def size(value: Any, limit: int = MAX_SIZE) -> int:
    """Characters of a text, items of a list or mapping (and those of the texts and lists in it),
    counted until past `limit`; 1 for anything else."""
    total, waiting = 0, [value]
    while waiting and total <= limit:
        item = waiting.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset | dict):
            total += len(item)
            if total <= limit:
                waiting.extend(item.values() if isinstance(item, dict) else item)
        else:
            total += 1
    return total


def depth(value: Any) -> int:
    """How deep lists and mappings are nested in `value` (0 for a text or number), counted to
    just past MAX_SIZE."""
    deepest, waiting = 0, [(value, 0)]
    while waiting and deepest <= MAX_SIZE:
        item, level = waiting.pop()
        if isinstance(item, list | tuple | set | frozenset | dict):
            deepest = max(deepest, level + 1)
            waiting.extend(
                (child, level + 1) for child in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


def checked(value: Any, what: str) -> int:
    """The size of `value` (0 for what is not a text or list), refused past MAX_SIZE; `what`
    made it."""
    if not isinstance(value, str | bytes | list | tuple | dict):
        return 0
    made = size(value)
    if made > MAX_SIZE:
        raise Refused(f"{what} makes more than {MAX_SIZE:,} characters or items")
    return made


def whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def whole_or(value: Any, default: int) -> int:
    return value if whole(value) else default


def short(number: Any) -> str:
    text = str(number) if not whole(number) or number.bit_length() < 64 else "a large number"
    return text[:20]


def check_bits(bits: int, left: Any, operator_: str, right: Any) -> None:
    if bits > MAX_BITS:
        raise Refused(f"{short(left)} {operator_} {short(right)} is too large a number")


def check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple | bytes) and whole(times):
        if size(sequence) * times > MAX_SIZE:
            raise Refused(f"repeating to more than {MAX_SIZE:,} items")


def check_growth(name: str, text: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a text method or filter whose result would pass MAX_SIZE, before it is made."""
    size = grown(name, text, args, kwargs)
    if size > MAX_SIZE:
        raise Refused(f"{name}() would make {size:,} characters, more than {MAX_SIZE:,}")


def grown(name: str, text: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """At most how long `text.name(*args, **kwargs)` would be, worked out without making it."""

    def given(index: int, key: str, default: Any) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name in {"center", "ljust", "rjust", "zfill"}:
        width = given(0, "width", 80)
        return max(len(text), width if whole(width) else 0)
    if name == "expandtabs":
        tab = given(0, "tabsize", 8)
        return len(text) + text.count("\t") * (tab if whole(tab) and tab > 0 else 8)
    if name == "indent":
        width = given(0, "width", 4)
        width = len(width) if isinstance(width, str) else width if whole(width) else 4
        return len(text) + (text.count("\n") + 1) * max(width, 0)
    if name == "replace":
        old, new, count = str(given(0, "old", "")), str(given(1, "new", "")), given(2, "count", -1)
        found = text.count(old) if old else len(text) + 1
        if whole(count) and count >= 0:
            found = min(found, count)
        return len(text) + found * (len(new) - len(old))
    if name == "join":
        items = given(0, "iterable", [])
        return sum(size(str(item)) for item in items) + len(text) * max(len(items) - 1, 0)
    if name == "translate" and isinstance(given(0, "table", None), dict):
        longest = max((size(v) for v in args[0].values() if isinstance(v, str)), default=1)
        return len(text) * max(longest, 1)
    if name in {"format", "format_map"}:
        return formatted(str(text), [*args, *kwargs.values()])
    words = text.count(" ") + text.count("\n") + 1
    if name == "wordwrap":
        breaks = min(len(text) + 1, len(text) // max(whole_or(given(0, "width", 79), 1), 1) + words)
        return len(text) + breaks * len(str(given(2, "wrapstring", None) or "\n"))
    if name == "urlize":  # each address twice, with its rel and target
        extra = len(str(given(2, "target", "") or "")) + len(str(given(3, "rel", "") or ""))
        return 2 * len(text) + words * (40 + extra)
    return len(text)


_NUMBERS = re.compile(r"\d+")


def formatted(text: str, values: list[Any]) -> int:
    """At most how long a `%` or `{}` format of `text` with `values` is: each field as wide as the
    widest width or precision written in it, or as the longest value given."""
    values = [
        v for value in values for v in (value.values() if isinstance(value, dict) else [value])
    ]
    widest = max((int(n) if len(n) < 13 else 10**12 for n in _NUMBERS.findall(text)), default=0)
    if "*" in text or re.search(r"\{[^{}]*\{", text):  # a width given as a value
        widest = max([widest, *(v for v in values if whole(v))])
    longest = max((size(str(v)) for v in values if size(v) <= MAX_SIZE), default=0)
    if any(size(v) > MAX_SIZE for v in values):
        longest = MAX_SIZE + 1
    fields = text.count("%") + text.count("{")
    return len(text) + fields * (widest + longest)


_GROWING_FILTERS = {"center", "indent", "replace", "format", "wordwrap", "urlize"}


def bounded(name: str, function: Callable[..., Any], environment: Any) -> Callable[..., Any]:
    """A filter refused when what it would make passes MAX_SIZE (worked out first where that
    can be), whose result is checked as any value made (`environment.made`), or, made as it is
    taken, counted (`environment.counted`)."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        first, value, rest = args[:skip], args[skip], args[skip + 1 :]
        if name == "join":
            value = list(value)
            check_growth(name, str(rest[0] if rest else kwargs.get("d", "")), (value,), {})
        elif name in _GROWING_FILTERS:
            check_growth(name, str(value), rest, kwargs)
        elif name == "tojson":
            indent = rest[0] if rest else kwargs.get("indent")
            width = len(indent) if isinstance(indent, str) else whole_or(indent, 0)
            made = 6 * size(value) + (size(value) + 1) * depth(value) * max(width, 0)
            if made > MAX_SIZE:
                raise Refused(f"tojson() would make {made:,} characters, more than {MAX_SIZE:,}")
        elif name in {"batch", "slice"}:
            count = rest[0] if rest else kwargs.get("linecount", kwargs.get("slices"))
            if isinstance(count, int) and count > MAX_SIZE:
                raise Refused(f"{name}() given {count:,}, more than {MAX_SIZE:,}")
        made = function(*first, value, *rest, **kwargs)
        if isinstance(made, Iterator):  # made as it is taken (map, select)
            return environment.counted(made)
        return environment.made(made, f"|{name}")

    return bounded
