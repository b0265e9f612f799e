"""The Jinja environment a Word template renders in: sandboxed, bounded, and unable to load files.

A template may come from any colleague or partner, so it is treated as untrusted: Jinja's
sandbox refuses Python internals at run time (`jinja2.sandbox.SandboxedEnvironment`), every
loop and repetition has a bound, and a static walk of the template names what would be refused
before anything renders (so `perfcli template check` can say so too)."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import BaseLoader, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    SandboxedEnvironment,
)

# Items every `range` of one rendering may yield together: the shipped templates loop over a
# committee's measures (dozens), so a hundred thousand is far beyond any real report.
MAX_ITEMS = 100_000
# The longest text or list one `*`, `**` or filter argument may make.
MAX_SIZE = 1_000_000
_INTERNALS = (
    UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | {"mro", "tb_frame", "f_globals", "f_locals", "f_builtins", "f_code", "func_globals"}
)
_LOADING = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
}
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{5,}|\{[^}]*\d{5,}[^}]*\}")


class Refused(SecurityError):
    """A template construct perfcli will not run; its message names each one."""


class _NoFiles(BaseLoader):
    """A loader that loads nothing: a template may not include, import or extend another."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise Refused(f"{{% include %}} of {template!r} (templates may not load other files)")


def refused_constructs(tree: nodes.Template) -> list[str]:
    """What in a parsed template the sandbox would refuse, each named as a reader would see it."""
    found: list[str] = []
    for node in tree.find_all(nodes.Node):
        name = _refused(node)
        if name and name not in found:
            found.append(name)
    return found


def _refused(node: nodes.Node) -> str | None:
    for kind, words in _LOADING.items():
        if isinstance(node, kind):
            return f"{words} (templates may not load other files)"
    if isinstance(node, nodes.Getattr) and _internal(node.attr):
        return f"attribute {node.attr!r}"
    if (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
        and _internal(node.arg.value)
    ):
        return f"attribute {node.arg.value!r}"
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.node.name == "range" and any(
            isinstance(arg, nodes.Const)
            and isinstance(arg.value, int)
            and abs(arg.value) > MAX_ITEMS
            for arg in node.args
        ):
            return f"range() over more than {MAX_ITEMS:,} items"
    return None


def _internal(attribute: str) -> bool:
    return attribute.startswith("_") or attribute in _INTERNALS


class ReportEnvironment(SandboxedEnvironment):
    """One rendering's sandbox: `range` shares one budget of items; big repetitions refused."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=_NoFiles(), **options)
        self.items = 0
        self.globals["range"] = self._range
        self.filters = {name: _bounded(f) for name, f in self.filters.items()}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        refused = refused_constructs(tree)
        if refused:
            raise Refused("refused: " + "; ".join(refused))
        return tree

    def _range(self, *args: int) -> Iterator[int]:
        for number in range(*args):
            self.items += 1
            if self.items > MAX_ITEMS:
                raise Refused(f"loops over more than {MAX_ITEMS:,} items in all")
            yield number

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _check_sizes(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # The sandbox hands out its own `str.format` when the attribute is read: check there.
        if getattr(value, "__name__", "") in {"format", "format_map"}:
            owner = getattr(value, "__self__", None)
            if isinstance(owner, str):
                _check_format(owner)
        return super().wrap_str_format(value)

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            return operator.mul(left, right)
        if operator_ == "**":
            if isinstance(left, int) and isinstance(right, int):
                if right > 64 and abs(left) > 1 or abs(left).bit_length() * max(right, 0) > 4096:
                    raise Refused(f"{left} ** {right} is too large a number")
            return operator.pow(left, right)
        if isinstance(left, str):
            _check_format(left)
        return operator.mod(left, right)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple | bytes) and isinstance(times, int):
        if len(sequence) * times > MAX_SIZE:
            raise Refused(f"repeating to more than {MAX_SIZE:,} items")


def _check_format(text: str) -> None:
    if _WIDE_FORMAT.search(text):
        raise Refused(f"a format wider than 9,999 characters in {text[:40]!r}")


def _check_sizes(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            name = getattr(function, "__name__", "a call").removeprefix("do_").lstrip("_")
            raise Refused(f"{name}() given {value:,}, more than {MAX_SIZE:,}")


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses a whole-number argument (a width, a count) past MAX_SIZE."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(function, args, kwargs)
        if function.__name__ == "do_format" and args and isinstance(args[0], str):
            _check_format(args[0])
        return function(*args, **kwargs)

    return bounded
