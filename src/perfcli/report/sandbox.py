"""The Jinja environment a Word template renders in: sandboxed, bounded, and unable to load files.

A template may come from any colleague or partner, so it is treated as untrusted: Jinja's
sandbox refuses Python internals at run time (`jinja2.sandbox.SandboxedEnvironment`); no text or
list a template makes may grow past MAX_SIZE, checked before the operation that would make it
where its size can be known first (`*`, `+`, `replace`, `center`, `join`, a format...) and on
every value made otherwise (`~`, a filter's or a call's result, a namespace's attribute); loops
and calls share one budget of steps, and the whole rendering one of characters. A static walk of
the template names what would be refused before anything renders, and works out each expression
made of constants alone (`range(10**9)`, `'x' * 10**10`), so that `perfcli template check` says
so too, in the same words."""

from __future__ import annotations

import copy
import operator
import sys
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn

from jinja2 import BaseLoader, nodes
from jinja2.exceptions import SecurityError, TemplateRuntimeError
from jinja2.runtime import Macro
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    SandboxedEnvironment,
)
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from perfcli.report.sizes import (
    MAX_OUTPUT,
    MAX_SIZE,
    Refused,
    bounded,
    bounded_concat,
    check_bits,
    check_growth,
    check_repeat,
    checked,
    short,
    size,
    whole,
)

# Loop iterations (`{% for %}`, `range`) and calls of one rendering together: the shipped
# templates take a few thousand for a committee of 2,000 measures.
MAX_ITEMS = 100_000
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
# Jinja's globals a template may still use (its `lipsum` makes pages of placeholder Latin).
_GLOBALS = {"range", "dict", "cycler", "joiner", "namespace"}
_CHECKED = "perfcli_checked"  # the filter put round every `~`, checking what it made
_COUNTED = "perfcli_counted"  # the filter put round every loop's items, counting them
_GROWING_METHODS = {"replace", "center", "ljust", "rjust", "zfill", "expandtabs", "join",
                    "translate", "format", "format_map"}  # fmt: skip


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
    if isinstance(node, nodes.Getitem | nodes.Filter) and _internal(_named(node)):
        return f"attribute {_named(node)!r}"
    if isinstance(node, nodes.Name) and node.name == "lipsum":
        return "lipsum() (placeholder Latin has no place in a report)"
    return None


def _named(node: nodes.Getitem | nodes.Filter) -> str:
    """The attribute `x['name']` or `x|attr('name')` reads, when written as a constant."""
    if isinstance(node, nodes.Filter):
        if node.name != "attr" or not node.args:
            return ""
        argument = node.args[0]
    else:
        argument = node.arg
    if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
        return argument.value
    return ""


def _internal(attribute: str) -> bool:
    return attribute.startswith("_") or attribute in _INTERNALS


class ReportEnvironment(SandboxedEnvironment):
    """One rendering's sandbox: loops and calls share one budget, sizes are bounded."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    concat = staticmethod(bounded_concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=_NoFiles(), **options)
        # This rendering's budgets: loop items and calls; what calls are given; what loops take;
        # what the template makes (each value is bounded, and so are they all).
        self.items = self.given = self.taken = self.produced = 0
        self.globals = {name: self.globals[name] for name in ("dict", "cycler", "joiner")}
        self.globals.update(range=self._range, namespace=BoundedNamespace)
        self.filters = {name: bounded(name, f, self) for name, f in self.filters.items()}
        self.filters[_CHECKED] = self.made
        self.filters[_COUNTED] = self.counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        refused = refused_constructs(tree)
        if refused:
            raise Refused("refused: " + "; ".join(refused))
        expressions = list(_constant_operations(tree))
        scratch = ReportEnvironment() if expressions else None  # one budget, as when rendering
        for expression in expressions:
            _work_out(expression, scratch)
        checked = _check_as_made(tree)
        checked.set_environment(self)
        return checked

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """What a template does wrong while it renders (`{{ 1/0 }}`, `{{ 'a' - 1 }}`) is the
        template's to fix: a TemplateRuntimeError naming it. An error outside rendering (in
        docxtpl's own work on the document, say) stays what it is."""
        error = sys.exc_info()[1]
        if isinstance(error, ArithmeticError | TypeError | ValueError | LookupError):
            raise TemplateRuntimeError(str(error) or type(error).__name__) from None
        super().handle_exception(source)

    def _step(self) -> None:
        self.items += 1
        if self.items > MAX_ITEMS:
            raise Refused(f"more than {MAX_ITEMS:,} loop items and calls in all")

    def _range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)
        # Worked out, not len(): a range past sys.maxsize items has no len().
        count = max(0, -((numbers.start - numbers.stop) // numbers.step))
        if count > MAX_ITEMS:
            raise Refused(f"range() over {count:,} items, more than {MAX_ITEMS:,}")
        return _Counted(self, numbers)

    def counted(self, items: Iterable[Any]) -> Iterable[Any]:
        """`items`, each counted as a loop takes it."""
        return items if isinstance(items, _Counted) else _Counted(self, items)

    def made(self, value: Any, what: str = "joining with ~") -> Any:
        """`value`, which the template made: refused past MAX_SIZE, and counted with all the
        rest it makes (a thousand `{% set %}`s of a million characters each are refused too)."""
        self.produced += checked(value, what)
        if self.produced > MAX_OUTPUT:
            raise Refused(f"the template makes more than {MAX_OUTPUT:,} characters or items in all")
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self._step()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox's own str.format
        owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
        if isinstance(owner, str | bytes):
            if name in _GROWING_METHODS:
                if name == "join" and args:
                    args = (list(args[0]), *args[1:])
                check_growth(name, owner, args, kwargs)
        elif not isinstance(__obj, Macro):
            # Anything else may keep what it is given (`list.append`, a namespace, a method of
            # a value perfcli passes in): what all such calls are given shares one budget.
            __self.given += sum(size(value) for value in (*args, *kwargs.values()))
            if __self.given > MAX_SIZE:
                raise Refused(
                    f"calls are given more than {MAX_SIZE:,} characters or items in all"
                    f" (the last: {name or 'a'}())"
                )
        return __self.made(super().call(__context, __obj, *args, **kwargs), f"{name or 'a'}()")

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            check_repeat(left, right)
            check_repeat(right, left)
            if whole(left) and whole(right):
                check_bits(left.bit_length() + right.bit_length(), left, "*", right)
            return self.made(operator.mul(left, right), "*")
        if operator_ == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                if size(left) + size(right) > MAX_SIZE:
                    raise Refused(f"joining with + to more than {MAX_SIZE:,} items")
            return self.made(operator.add(left, right), "+")
        if operator_ == "**":
            if whole(left) and whole(right) and abs(left) > 1:
                check_bits(abs(left).bit_length() * max(right, 0), left, "**", right)
            try:
                return operator.pow(left, right)
            except OverflowError:
                raise Refused(f"{short(left)} ** {short(right)} is too large a number") from None
        if isinstance(left, str):
            check_growth("format", left, right if isinstance(right, tuple) else (right,), {})
        return self.made(operator.mod(left, right), "%")


class _Counted:
    """A loop's items (or a lazy filter's: map, select, batch), each counted in its rendering's
    budget as it is taken; those made as they are taken are weighed too, their sizes in all at
    most MAX_OUTPUT, so that a filter making them (`map('center', 999999)`) cannot fill a list
    without bound. (A list's items are not weighed: they are made already.)"""

    def __init__(self, environment: ReportEnvironment, items: Iterable[Any]) -> None:
        self.environment, self.items = environment, iter(items)
        self.weigh = isinstance(items, Iterator)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        item = next(self.items)
        environment = self.environment
        environment._step()
        if not self.weigh:
            return item
        environment.taken += size(item)
        if environment.taken > MAX_OUTPUT:
            raise Refused(f"loops take more than {MAX_OUTPUT:,} characters or items in all")
        return item


class BoundedNamespace(Namespace):
    """Jinja's `namespace()`, whose attributes may not be set past MAX_SIZE: a loop doubling one
    (`{% set ns.a = ns.a ~ ns.a %}`) stops there."""

    def __setitem__(self, name: str, value: Any) -> None:
        checked(value, f"setting {name}")
        super().__setitem__(name, value)


BoundedNamespace.__name__ = "namespace"  # as templates, and messages naming it, know it


_OPERATIONS = (nodes.BinExpr, nodes.Call, nodes.Filter, nodes.Concat)
_CONSTANT_PARTS = (nodes.Name, nodes.Const, nodes.Literal, nodes.BinExpr, nodes.UnaryExpr, nodes.Concat,
                   nodes.Call, nodes.Filter, nodes.Getattr, nodes.Getitem, nodes.Keyword, nodes.Pair,
                   nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.Slice)  # fmt: skip


def _constant_operations(tree: nodes.Template) -> Iterator[nodes.Expr]:
    """Each largest expression in `tree` made of constants and Jinja's own globals alone, with
    an operation in it (`range(10**9)`, `'x' * 10**10`): what would be refused can be worked
    out before anything renders."""
    waiting: list[nodes.Node] = [tree]
    while waiting:
        node = waiting.pop()
        if isinstance(node, nodes.Expr) and _constant(node):
            if isinstance(node, _OPERATIONS) or any(True for _ in node.find_all(_OPERATIONS)):
                yield node
            continue
        waiting.extend(node.iter_child_nodes())


def _constant(node: nodes.Expr) -> bool:
    return all(
        isinstance(part, _CONSTANT_PARTS)
        and (not isinstance(part, nodes.Name) or part.name in _GLOBALS)
        for part in (node, *node.find_all(nodes.Node))
    )


def _work_out(expression: nodes.Expr, environment: Any) -> None:
    """Render one constant expression in a scratch sandbox: a construct it refuses is refused
    here, in the same words; any other failure is left for rendering to report."""
    template = _check_as_made(nodes.Template([nodes.Output([copy.deepcopy(expression)])]))
    template.set_lineno(1)
    template.set_environment(environment)
    try:
        environment.from_string(template).render()
    except SecurityError:
        raise
    except Exception:  # noqa: BLE001, S110 - a division by zero, say: rendering names it
        pass


class _AsMade(NodeTransformer):
    """Puts a check round each `~` (its text is made where nothing else could check it) and a
    count round each loop's items."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802 - Jinja's visitor
        self.generic_visit(node)
        return nodes.Filter(node, _CHECKED, [], [], None, None, lineno=node.lineno)

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 - Jinja's visitor
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _COUNTED, [], [], None, None, lineno=node.lineno)
        return node


def _check_as_made(tree: nodes.Template) -> nodes.Template:
    checked = _AsMade().visit(tree)
    assert isinstance(checked, nodes.Template)
    return checked
