"""The shape every perfcli command shares: help in one style, `--debug` anywhere, errors as exit codes.

A command is declared in a module of perfcli.cli (by theme: workspace.py, drafting.py...) as

    @app.command("name", cls=Command)
    @reports_errors
    def name(
        files: Annotated[list[Path], typer.Argument(metavar="FILE", help="...")],
        workspace: WorkspaceOption = None,
    ) -> None:

and gets upper-case placeholders (`FILE...`, `FROM TO`, `PERIOD`) in its usage and help, never a
Python type; `--debug` after the command as well as before it (perfcli's Group); and each
PerfcliError as one line on stderr with the exit code of its kind (`ExitStatus`, and the README's
exit-code table). tests/test_docs.py checks every command for all of this.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, cast, overload

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

try:  # typer 0.29's checks of a path typed on the command line, for `_Plain`
    from typer._param_types import coerce_cli_path
except ImportError:  # another typer types each value itself
    coerce_cli_path = None  # type: ignore[assignment]

from perfcli.errors import PerfcliError, PeriodError, UnwritableError, UsageError
from perfcli.present.console import Env, OutputFormat
from perfcli.references import NOT_UTF8 as _NOT_UTF8
from perfcli.references import path_text

if TYPE_CHECKING:
    from perfcli.domain.periods import Period

F = TypeVar("F", bound=Callable[..., Any])
P = TypeVar("P")
debugging = {"on": False}


class Group(TyperGroup):
    """perfcli itself: `--debug` is read wherever it is typed, before the command or after it;
    its values typed without pydantic (`_Plain`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _Plain.attach(param)

    def get_help_option(self, ctx: Any) -> Any:
        return _Plain.attach(super().get_help_option(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        if "--debug" in args[:end]:
            args = ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A command a user looks for under the wrong group says where it is."""
        elsewhere = _ELSEWHERE.get((ctx.info_name, args[0])) if args else None
        if elsewhere is not None and self.get_command(ctx, args[0]) is None:
            ctx.fail(f"No such command {args[0]!r}. {elsewhere}")
        return super().resolve_command(ctx, args)


# (group, command) -> where it is: a trial looked for `perfcli returns import`.
_ELSEWHERE = {
    ("returns", "import"): "Returns are imported as any workbook is: perfcli import"
    " returns/PERIOD/*.xlsx",
}


def _placeholder(param: Any) -> str:
    """The upper-case name a value is shown by, when the command did not name it."""
    described = getattr(param, "type_descriptor", None)  # typer's own parameters
    kind = getattr(param, "type", None)  # click's
    choices = getattr(kind, "choices", None) or (
        described.choices if described is not None and described.is_choice else None
    )
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    if (described is not None and described.is_path) or hasattr(kind, "file_okay"):
        return "DIR" if "dir" in str(param.name) or "folder" in str(param.name) else "FILE"
    return str(param.name).upper()


class _Plain:
    """A typed value made into its parameter's type as typer 0.29 makes it (a str, a flag, a
    Path checked by typer's `coerce_cli_path`, or what the option's parser returns), without the
    pydantic TypeAdapter typer builds for every parameter on first use: importing pydantic and
    building the adapters cost `rate FILE` 30 ms of its start-up, for types that need none."""

    def __init__(self, kind: Any, info: Any, *, checked: bool) -> None:
        # checked: a Path typer checks (exists, file_okay...); a list of paths is not checked.
        self.kind, self.info, self.checked = kind, info, checked

    @classmethod
    def attach(cls, param: P) -> P:
        """Type a str, flag, Path or parsed parameter (or a list of them) so; leave the rest,
        and any parameter of another typer, to typer's own coercion."""
        described = getattr(param, "type_descriptor", None)
        if coerce_cli_path is None or described is None:
            return param  # not typer 0.29's parameter
        if getattr(param, "_runtime_param", False) is not None:
            return param  # typed already, or by a typer that keeps no `_runtime_param`
        info, kind = described.parameter_info, described.annotation
        if described.is_list:
            kind = kind.__args__[0]
        if info.parser is not None or kind in (str, bool, Path):
            param._runtime_param = cls(kind, info, checked=described.is_path)  # type: ignore[attr-defined]
        return param

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if many and isinstance(value, str):
            raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        if many:
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.info.parser is not None:
            try:
                return self.info.parser(value)
            except ValueError as error:  # as pydantic words it, for typer
                raise typer.BadParameter(f"Value error, {error}", ctx=ctx, param=param) from None
        if self.kind is str:
            text = str(value)
            if _NOT_UTF8.search(text):  # a byte the shell passed that no text can hold
                raise typer.BadParameter(
                    f"'{path_text(text)}' holds a byte that is not UTF-8; type it again in UTF-8",
                    ctx=ctx, param=param,
                )  # fmt: skip
            return text
        if self.kind is Path:
            if value == "":  # Path("") is the current folder, which no one typed
                raise typer.BadParameter("an empty path; give a file's or folder's path",
                                         ctx=ctx, param=param)  # fmt: skip
            path = value if isinstance(value, Path) else Path(value)
            if not self.checked:
                return path
            return coerce_cli_path(path, self.info, path_type=Path, param=param, ctx=ctx)
        if isinstance(value, bool):
            return value
        from typer._coercion import build_runtime_param  # a flag given as text: typer reads it

        return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)


class Command(TyperCommand):
    """A perfcli command: placeholders in upper case and no Python types in its help, and its
    values typed without pydantic (`_Plain`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _placeholder(param)
            _Plain.attach(param)

    def get_help_option(self, ctx: Any) -> Any:
        return _Plain.attach(super().get_help_option(ctx))

    @staticmethod
    def _argument(param: Any) -> str:
        name = str(param.metavar) + ("..." if param.nargs != 1 else "")
        return name if param.required else f"[{name}]"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [self._argument(p) for p in self.get_params(ctx) if isinstance(p, TyperArgument)]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((self._argument(param).strip("[]"), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def reports_errors(command: F) -> F:
    """Turn a PerfcliError into one line on stderr and its exit code: the only place that does.

    With --debug the traceback comes first, and the exit code is the same as without it.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _ctrl_c_to_python()
            return command(*args, **kwargs)
        except PerfcliError as error:
            if debugging["on"]:
                traceback.print_exc()
            report(error)
        except KeyboardInterrupt:
            # What a command writes is all or nothing (a store's transaction, a file renamed
            # into place), but Ctrl-C may come after one part and before the next.
            Env.terminal().warn(
                "Stopped (Ctrl-C) before the command finished: run it again to be sure all of it"
                " was done"
            )
            raise typer.Exit(130) from None
        except OSError as error:
            if debugging["on"]:
                traceback.print_exc()
            if error.filename is None:  # a write to standard output or error, which name no file
                raise typer.Exit(output_failed(error)) from None
            report(PerfcliError(f"{error.filename}: {error.strerror or error}"))
        except Exception as error:
            # A store damaged on disk fails wherever it is first read: say so, in one line.
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is None or not isinstance(error, sqlite3.DatabaseError):
                raise
            if debugging["on"]:
                traceback.print_exc()
            from perfcli.store.connection import damaged

            report(damaged(Path("perfcli.db"), error))

    return cast(F, wrapper)


def _ctrl_c_to_python() -> None:
    """Ctrl-C as Python's KeyboardInterrupt from here on, once the command itself runs: until
    then (its modules loading, typer building it) perfcli.cli's handler ends the process
    quietly, as nothing has been done. A script's own handler is left alone."""
    import signal

    if getattr(signal.getsignal(signal.SIGINT), "__module__", None) == "perfcli.cli":
        signal.signal(signal.SIGINT, signal.default_int_handler)


def output_failed(error: OSError) -> int:
    """The exit code, and the one line, for output that could not be written. A reader that
    stopped reading (`| head`) is no error: nothing is said, and the code is 141, as for a
    program stopped by SIGPIPE. A full disk, a file size limit or a closed output is one line
    on stderr, code 4. Either way standard output then goes to the null device, so that
    Python's last flush does not fail a second time."""
    import errno
    import os

    stopped = isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # no standard output to point elsewhere
    if stopped:
        return 141
    problem = UnwritableError(
        f"the output could not be written ({error.strerror or error})",
        hint="anything the command stored is kept; send its output where it can be written",
    )
    try:
        Env.terminal().warn(f"Error: {problem}")
    except (OSError, ValueError):
        pass  # standard error cannot be written either
    return int(problem.exit_status)


def report(error: PerfcliError) -> NoReturn:
    Env.terminal().warn(f"Error: {error}")
    raise typer.Exit(int(error.exit_status)) from None


@overload
def option_period(text: str, name: str = "--period") -> Period: ...
@overload
def option_period(text: None, name: str = "--period") -> None: ...
@overload
def option_period(text: str | None, name: str = "--period") -> Period | None: ...


def option_period(text: str | None, name: str = "--period") -> Period | None:
    """A period typed on the command line, parsed once: one that is not a period is bad usage."""
    from perfcli.domain.period_parsing import parse_period

    if text is None:
        return None
    try:
        return parse_period(text)
    except PeriodError as error:
        raise UsageError(f"{name} {error.message}", hint=error.hint) from None


def _output_format(text: str) -> OutputFormat:
    try:
        return OutputFormat(text.lower())
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not offered: choose table, json or csv") from None


WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        metavar="DIR",
        help="Workspace folder (default: $PERFCLI_WORKSPACE, else the nearest perfcli.toml above here).",
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|csv",
        parser=_output_format,
        help="table for people; json or csv for programs.",
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help="Reporting period, e.g. 2023-24, 2025-26-Q1, 2021-22-apr-nov.",
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="YEAR",
        help="A financial year, e.g. 2023-24 (default: the file's, or the latest held).",
    ),
]
IncludeHiddenOption = Annotated[
    bool,
    typer.Option(
        "--include-hidden",
        help="Also read hidden sheets and rows (skipped, with a note, by default).",
    ),
]
