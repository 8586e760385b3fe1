"""Settings <-> ``config.toml``.

Read with tomllib, written with tomlkit so a user's comments and layout survive. Each
setting is declared once (``FIELDS``) with its parser. A bad value is reported with
the file, key and value, and the default is used for that key only. A file that cannot
be read is never written over: saving refuses and says why.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from companion.core.breaks import Rules
from companion.core.breathing import MAX_ROUNDS, Pattern, Phase
from companion.core.durations import format_duration, parse_duration
from companion.core.shift import (
    Shift,
    format_clock_time,
    format_days,
    parse_clock_time,
    parse_days,
)
from companion.system.atomic import write_atomic
from companion.system.paths import ensure_dir

THEMES = ("dark", "light")


@dataclass(frozen=True)
class Settings:
    language: str = "auto"  # "auto" follows COMPANION_LANG / the system locale
    theme: str = "dark"
    lock_after: timedelta = timedelta(minutes=15)  # idle time before the journal locks
    autostart: bool = False  # open at login (what the user asked for; see autostart/)
    terminal: str = "auto"  # the terminal that opens companion at login on Linux
    # The break rhythm (its defaults are the rules' own) and shift hours.
    break_every: timedelta = Rules.every
    break_length: timedelta = Rules.length
    break_heads_up: timedelta = Rules.heads_up
    break_postpone: timedelta = Rules.postpone
    break_max_postpones: int = Rules.max_postpones
    break_after_chat: timedelta = Rules.after_chat
    break_notify: bool = True  # desktop notifications for heads-up and due
    break_bell: bool = False  # the terminal bell when a break is due
    shift_hours: bool = False  # off: reminders at any hour
    shift_start: time = time(9, 0)
    shift_end: time = time(18, 0)
    shift_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    shift_routine: bool = True  # offer the energy station and the release moment
    reduce_motion: bool = False  # no animation anywhere: text and static bars only
    breathing_bell: bool = False  # a terminal bell at each change of breathing phase
    tension_rating: bool = True  # offer a 0-10 "how tense" rating around breathing, SOS, breaks
    breathing_patterns: tuple[Pattern, ...] = ()  # the user's own, [[breathing.pattern]]

    def break_rules(self) -> Rules:
        """The break rhythm's rules as these settings set them."""
        shift = (
            Shift(self.shift_start, self.shift_end, self.shift_days) if self.shift_hours else None
        )
        return Rules(
            every=self.break_every,
            length=self.break_length,
            heads_up=self.break_heads_up,
            postpone=self.break_postpone,
            max_postpones=self.break_max_postpones,
            after_chat=self.break_after_chat,
            shift=shift,
        )


class BadValue(ValueError):
    """A value that does not fit; ``code`` names why, ``detail`` fills the message."""

    def __init__(self, code: str, **detail: str) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class FieldSpec:
    key: str  # dotted path in the TOML file
    attr: str  # attribute of Settings
    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any] = lambda v: v


def one_of(options: Callable[[], Iterable[str]]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        allowed = tuple(options())
        if not isinstance(value, str) or value not in allowed:
            raise BadValue("not_one_of", allowed=", ".join(allowed))
        return value

    return parse


def duration(value: Any) -> Any:
    try:
        return parse_duration(value)
    except ValueError as error:
        raise BadValue("bad_duration") from error


def duration_field(key: str, attr: str) -> FieldSpec:
    return FieldSpec(key, attr, duration, format_duration)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadValue("not_bool")
    return value


def terminal_command(value: Any) -> str:
    from companion.system.autostart.terminals import parse_setting

    if not isinstance(value, str):
        raise BadValue("bad_terminal")
    try:
        parse_setting(value)
    except ValueError as error:
        raise BadValue("bad_terminal") from error
    return value


def whole_number(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadValue("not_whole_number", low=str(low), high=str(high))
        return value

    return parse


def clock_time(value: Any) -> time:
    try:
        return parse_clock_time(value)
    except ValueError as error:
        raise BadValue("bad_time") from error


def weekdays(value: Any) -> tuple[int, ...]:
    try:
        return parse_days(value)
    except ValueError as error:
        raise BadValue("bad_days") from error


def _languages() -> tuple[str, ...]:
    from companion.system.content import available_languages

    return ("auto", *available_languages())


@dataclass(frozen=True)
class Issue:
    """One problem inside a structured value; the rest of the value is still used."""

    where: str  # appended to the field's key: "[2].inhale"
    code: str
    value: str = ""
    detail: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Partial:
    """A parse that kept what was good and reports what was skipped."""

    value: Any
    issues: tuple[Issue, ...] = ()


def _built_in_pattern_ids() -> set[str]:
    from companion.packs.calm import built_in_patterns

    patterns, _default = built_in_patterns("en")
    return {p.id.casefold() for p in patterns}


# [[breathing.pattern]]: name, the seconds of each phase, and optionally rounds.
PATTERN_PHASES = (("inhale", True), ("hold_in", False), ("exhale", True), ("hold_out", False))
PATTERN_KEYS = ("name", *(key for key, _ in PATTERN_PHASES), "rounds")
PHASE_SECONDS = (0.5, 60.0)  # a breathing phase shorter or longer than this is a typo
MAX_NAME = 40


def _custom_pattern(entry: Any, taken: set[str]) -> tuple[Pattern | None, Issue | None]:
    if not isinstance(entry, Mapping):
        return None, Issue("", "pattern_not_table", _show(entry))
    for key in entry:
        if key not in PATTERN_KEYS:
            keys = {"keys": ", ".join(PATTERN_KEYS)}
            return None, Issue(f".{key}", "pattern_unknown_key", detail=keys)
    for key in ("name", *(key for key, required in PATTERN_PHASES if required)):
        if key not in entry:
            return None, Issue(f".{key}", "pattern_missing")
    name = entry["name"]
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
        return None, Issue(".name", "pattern_name", _show(name), {"max": str(MAX_NAME)})
    name = name.strip()
    if name.casefold() in taken:
        return None, Issue(".name", "pattern_name_taken", _show(name))
    phases = []
    low, high = PHASE_SECONDS
    for key, required in PATTERN_PHASES:
        seconds = entry.get(key, 0)
        ok = isinstance(seconds, int | float) and not isinstance(seconds, bool)
        if not ok or not ((seconds == 0 and not required) or low <= seconds <= high):
            detail = {"low": f"{low:g}" if required else "0", "high": f"{high:g}"}
            return None, Issue(f".{key}", "pattern_seconds", _show(seconds), detail)
        if seconds:
            phases.append(Phase(key, float(seconds)))
    cycle = sum(p.seconds for p in phases)
    rounds = entry.get("rounds", max(1, round(60 / cycle)))
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
        return None, Issue(".rounds", "pattern_rounds", _show(rounds), {"high": str(MAX_ROUNDS)})
    taken.add(name.casefold())
    return Pattern(id=name, name=name, phases=tuple(phases), rounds=rounds, custom=True), None


def custom_patterns(value: Any) -> Partial:
    """Every good pattern; each bad one is reported and skipped, never fatal."""
    if not isinstance(value, list):
        raise BadValue("pattern_not_list")
    patterns: list[Pattern] = []
    issues: list[Issue] = []
    taken = _built_in_pattern_ids()
    for number, entry in enumerate(value, start=1):
        pattern, issue = _custom_pattern(entry, taken)
        if issue is not None:
            issues.append(dataclasses.replace(issue, where=f"[{number}]{issue.where}"))
        elif pattern is not None:
            patterns.append(pattern)
    return Partial(tuple(patterns), tuple(issues))


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("language", "language", one_of(_languages)),
    FieldSpec("theme", "theme", one_of(lambda: THEMES)),
    duration_field("lock_after", "lock_after"),
    FieldSpec("autostart", "autostart", boolean),
    FieldSpec("terminal", "terminal", terminal_command),
    duration_field("breaks.every", "break_every"),
    duration_field("breaks.length", "break_length"),
    duration_field("breaks.heads_up", "break_heads_up"),
    duration_field("breaks.postpone", "break_postpone"),
    FieldSpec("breaks.max_postpones", "break_max_postpones", whole_number(0, 10)),
    duration_field("breaks.after_chat", "break_after_chat"),
    FieldSpec("breaks.desktop_notifications", "break_notify", boolean),
    FieldSpec("breaks.bell", "break_bell", boolean),
    FieldSpec("shift.enabled", "shift_hours", boolean),
    FieldSpec("shift.start", "shift_start", clock_time, format_clock_time),
    FieldSpec("shift.end", "shift_end", clock_time, format_clock_time),
    FieldSpec("shift.days", "shift_days", weekdays, format_days),
    FieldSpec("shift.routine", "shift_routine", boolean),
    FieldSpec("reduce_motion", "reduce_motion", boolean),
    FieldSpec("breathing.bell", "breathing_bell", boolean),
    FieldSpec("breathing.tension_rating", "tension_rating", boolean),
    FieldSpec("breathing.pattern", "breathing_patterns", custom_patterns),
)


@dataclass(frozen=True)
class ConfigProblem:
    file: Path
    code: str  # syntax | unreadable | not_one_of | bad_duration | not_bool | unknown_key
    # | not_whole_number | bad_time | bad_days
    #          | pattern_* (a [[breathing.pattern]] that was skipped)
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


def _lookup(data: Mapping[str, Any], dotted: str) -> tuple[bool, Any]:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _leaf_keys(data: Mapping[str, Any], prefix: str = "") -> Iterable[str]:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaf_keys(value, dotted + ".")
        else:
            yield dotted


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
                ConfigProblem(path, error.code, spec.key, _show(raw), detail=error.detail)
            )
            continue
        if isinstance(parsed, Partial):
            problems.extend(
                ConfigProblem(path, i.code, spec.key + i.where, i.value, detail=i.detail)
                for i in parsed.issues
            )
            parsed = parsed.value
        values[spec.attr] = parsed
    for key in _leaf_keys(data):
        if key not in known:
            problems.append(ConfigProblem(path, "unknown_key", key))
    return Settings(**values), tuple(problems)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


def save_settings(loaded: LoadedConfig, **changes: Any) -> LoadedConfig:
    """Write only the changed keys into the user's file, keeping everything else."""
    import tomlkit

    if not loaded.readable:
        raise ConfigNotWritable(loaded.problems[0])
    specs = {spec.attr: spec for spec in FIELDS}
    path = loaded.path
    try:
        doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        # Someone edited it since we loaded it, and it no longer parses: leave it alone.
        line = getattr(error, "line", None)
        raise ConfigNotWritable(
            ConfigProblem(path, "syntax", line=line, detail={"reason": str(error)})
        ) from error
    for attr, value in changes.items():
        spec = specs[attr]
        spec.parse(spec.dump(value))  # refuse to write what we could not read back
        *parents, leaf = spec.key.split(".")
        node = doc
        for part in parents:
            if part not in node:
                node[part] = tomlkit.table()
            node = node[part]
        node[leaf] = spec.dump(value)
    ensure_dir(path.parent)
    write_atomic(path, tomlkit.dumps(doc).encode("utf-8"))
    settings = dataclasses.replace(loaded.settings, **changes)
    fixed = {specs[a].key for a in changes}
    problems = tuple(p for p in loaded.problems if p.key not in fixed)
    return LoadedConfig(path, settings, problems, readable=True)
