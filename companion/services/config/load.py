"""Reading config.toml: every problem is collected instead of stopping at the first.

Read with tomllib (its parse kept as JSON: system/parsed_toml.py). A bad value is
reported with the file, key and value, and the default is used for that key only. A
file that cannot be read is marked so, and never written.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from companion.services.config.fields import FIELDS
from companion.services.config.parse import NO_DETAIL, BadValue, Partial, show
from companion.services.config.settings import Settings
from companion.system.parsed_toml import parse_toml


class ConfigProblem(NamedTuple):  # (see parse.Issue)
    file: Path
    code: str  # syntax | too_complex | unreadable | not_a_file | unknown_key | not_table
    #            | not_one_of | bad_duration | duration_too_long | duration_too_short
    #            | not_bool | not_whole_number | bad_time | bad_days | bad_terminal
    #            | not_understood
    #            | pattern_* (a [[breathing.pattern]] that was skipped)
    #            | keys_not_table | key_* (a [keys] entry that was ignored)
    #            | duration_range | fixed_not_list | fixed_bad (a [[breaks.fixed]] skipped)
    key: str = ""
    value: str = ""
    line: int | None = None
    detail: Mapping[str, str] = NO_DETAIL


class LoadedConfig(NamedTuple):
    path: Path
    settings: Settings
    problems: tuple[ConfigProblem, ...] = ()
    readable: bool = True  # False: the file exists but could not be read; never write it


class ConfigNotWritable(Exception):
    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def load_config(path: Path, kept: Path | None = None) -> LoadedConfig:
    """Read settings, collecting every problem instead of stopping at the first.
    ``kept``: where the file's parse is kept (Paths.parsed_config)."""
    try:
        if not _ordinary(path):  # a pipe would never end reading; a device, never hold it
            return _unusable(ConfigProblem(path, "not_ordinary"))
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(path, Settings())
    except IsADirectoryError:
        return _unusable(ConfigProblem(path, "not_a_file"))
    except OSError as error:
        return _unusable(ConfigProblem(path, "unreadable", detail={"reason": error.strerror or ""}))
    try:
        # "utf-8-sig": Notepad on Windows starts the file with a byte-order mark.
        data = parse_toml(raw.decode("utf-8-sig"), kept)
    except (RecursionError, ValueError) as error:
        if not _syntax(error):  # thousands of nested lists, a 5,000-digit number
            return _unusable(ConfigProblem(path, "too_complex"))
        problem = ConfigProblem(
            path, "syntax", line=_line_of(str(error)), detail={"reason": str(error)}
        )
        return _unusable(problem)
    return LoadedConfig(path, *_apply(path, data))


def _syntax(error: Exception) -> bool:
    """Not UTF-8, or not TOML (tomllib is loaded by then: only a parse raises)."""
    import tomllib

    return isinstance(error, (UnicodeDecodeError, tomllib.TOMLDecodeError))


def _ordinary(path: Path) -> bool:
    """A regular file (through links), a folder (said when read), or nothing there."""
    mode = path.stat().st_mode
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def _unusable(problem: ConfigProblem) -> LoadedConfig:
    """Defaults, and the file is never written over (it could not be read)."""
    return LoadedConfig(problem.file, Settings(), (problem,), readable=False)


def _line_of(message: str) -> int | None:
    """tomllib says "Invalid value (at line 2, column 9)"."""
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    return int(match.group(1)) if match else None


def _lookup(data: Mapping[str, Any], dotted: str) -> tuple[bool, Any]:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _leaf_keys(data: Mapping[str, Any], known: set[str]) -> Iterable[str]:
    """Every key in the file, down to a setting (a setting may itself be a table).
    (A loop, not recursion: tables may nest thousands deep in a hostile file.)"""
    stack: list[tuple[str, Mapping[str, Any]]] = [("", data)]
    while stack:
        prefix, table = stack.pop()
        for key, value in table.items():
            dotted = f"{prefix}{key}"
            if isinstance(value, Mapping) and dotted not in known:
                stack.append((dotted + ".", value))
            else:
                yield dotted


def _short(key: str) -> str:
    """A key short enough for one line (a hostile file may nest thousands deep)."""
    return key if len(key) <= 60 else key[:57] + "..."


def _tables(known: Iterable[str]) -> set[str]:
    """The tables settings live in: "breaks" for "breaks.every"."""
    return {key.rsplit(".", 1)[0] for key in known if "." in key}


def _apply(path: Path, data: Mapping[str, Any]) -> tuple[Settings, tuple[ConfigProblem, ...]]:
    values: dict[str, Any] = {}
    problems = []
    known = {spec.key for spec in FIELDS}
    tables = _tables(known)
    for table in sorted(tables):
        present, raw = _lookup(data, table)
        if present and not isinstance(raw, Mapping):  # breathing = 5
            problems.append(ConfigProblem(path, "not_table", table, show(raw)))
    for spec in FIELDS:
        present, raw = _lookup(data, spec.key)
        if not present:
            continue
        try:
            parsed = spec.parse(raw)
        except BadValue as error:
            problems.append(
                ConfigProblem(path, error.code, spec.key, show(raw), detail=error.detail)
            )
            continue
        except (ValueError, TypeError, OverflowError, RecursionError):
            # No parser is meant to raise these; a value no one foresaw still costs
            # only its own setting, never the start of every command.
            problems.append(ConfigProblem(path, "not_understood", spec.key, show(raw)))
            continue
        if isinstance(parsed, Partial):
            problems.extend(
                ConfigProblem(path, i.code, spec.key + i.where, i.value, detail=i.detail)
                for i in parsed.issues
            )
            parsed = parsed.value
        values[spec.attr] = parsed
    for key in _leaf_keys(data, known):
        if key not in known and key not in tables:
            problems.append(ConfigProblem(path, "unknown_key", _short(key)))
    return Settings(**values), tuple(problems)
