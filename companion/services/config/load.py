"""Reading config.toml: every problem is collected instead of stopping at the first.

Read with tomllib. A bad value is reported with the file, key and value, and the default
is used for that key only. A file that cannot be read is marked so, and never written.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.services.config.fields import FIELDS
from companion.services.config.parse import BadValue, Partial, show
from companion.services.config.settings import Settings


@dataclass(frozen=True)
class ConfigProblem:
    file: Path
    code: str  # syntax | unreadable | unknown_key | not_one_of | bad_duration | not_bool
    #            | not_whole_number | bad_time | bad_days | bad_terminal
    #            | pattern_* (a [[breathing.pattern]] that was skipped)
    #            | keys_not_table | key_* (a [keys] entry that was ignored)
    #            | duration_range | fixed_not_list | fixed_bad (a [[breaks.fixed]] skipped)
    key: str = ""
    value: str = ""
    line: int | None = None
    detail: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class LoadedConfig:
    path: Path
    settings: Settings
    problems: tuple[ConfigProblem, ...] = ()
    readable: bool = True  # False: the file exists but could not be read; never write it


class ConfigNotWritable(Exception):
    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def load_config(path: Path) -> LoadedConfig:
    """Read settings, collecting every problem instead of stopping at the first."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(path, Settings())
    except OSError as error:
        problem = ConfigProblem(path, "unreadable", detail={"reason": error.strerror or ""})
        return LoadedConfig(path, Settings(), (problem,), readable=False)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problem = ConfigProblem(
            path, "syntax", line=_line_of(str(error)), detail={"reason": str(error)}
        )
        return LoadedConfig(path, Settings(), (problem,), readable=False)
    return LoadedConfig(path, *_apply(path, data))


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


def _leaf_keys(data: Mapping[str, Any], known: set[str], prefix: str = "") -> Iterable[str]:
    """Every key in the file, down to a setting (a setting may itself be a table)."""
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and dotted not in known:
            yield from _leaf_keys(value, known, dotted + ".")
        else:
            yield dotted


def _apply(path: Path, data: Mapping[str, Any]) -> tuple[Settings, tuple[ConfigProblem, ...]]:
    values: dict[str, Any] = {}
    problems = []
    known = {spec.key for spec in FIELDS}
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
        if isinstance(parsed, Partial):
            problems.extend(
                ConfigProblem(path, i.code, spec.key + i.where, i.value, detail=i.detail)
                for i in parsed.issues
            )
            parsed = parsed.value
        values[spec.attr] = parsed
    for key in _leaf_keys(data, known):
        if key not in known:
            problems.append(ConfigProblem(path, "unknown_key", key))
    return Settings(**values), tuple(problems)
