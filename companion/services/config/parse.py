"""How one setting's value is read: the small parsers each field uses, and how a value
that does not fit is described (a code for the sentence, and details to fill it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import time, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

from companion.core.durations import DurationTooLong, format_duration, parse_duration
from companion.core.shift import parse_clock_time, parse_days


class BadValue(ValueError):
    """A value that does not fit; ``code`` names why, ``detail`` fills the message."""

    def __init__(
        self, code: str, lengths: Mapping[str, timedelta] | None = None, **detail: str
    ) -> None:
        super().__init__(code)
        self.code = code
        # Lengths of time in the message, kept as lengths so a screen can say them in
        # its own language ("24 小时"); ``detail`` has them as config.toml writes them.
        self.lengths = dict(lengths or {})
        self.detail = {**{k: format_duration(v) for k, v in self.lengths.items()}, **detail}


NO_DETAIL: Mapping[str, str] = MappingProxyType({})

# (NamedTuples, not dataclasses: config is read before the app's first frame, and a
# dataclass costs a millisecond to define.)


class Issue(NamedTuple):
    """One problem inside a structured value; the rest of the value is still used."""

    where: str  # appended to the field's key: "[2].inhale"
    code: str
    value: str = ""
    detail: Mapping[str, str] = NO_DETAIL


class Partial(NamedTuple):
    """A parse that kept what was good and reports what was skipped."""

    value: Any
    issues: tuple[Issue, ...] = ()


class FieldSpec(NamedTuple):
    key: str  # dotted path in the TOML file
    attr: str  # attribute of Settings
    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any] = lambda v: v


def show(value: Any) -> str:
    """A value as the person wrote it, short enough for one line of a message."""
    try:
        text = repr(value) if not isinstance(value, str) else f'"{value}"'
    except (ValueError, RecursionError):  # a number of thousands of digits, or nesting
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def one_of(options: Callable[[], Iterable[str]]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        allowed = tuple(options())
        if not isinstance(value, str) or value not in allowed:
            raise BadValue("not_one_of", allowed=", ".join(allowed))
        return value

    return parse


# Every duration setting lies between these: shorter or longer is a typo, and a far
# longer one (200000000h) would overflow the clock the moment the rhythm adds it.
SHORTEST = timedelta(seconds=1)
LONGEST = timedelta(hours=24)


def duration(value: Any) -> Any:
    try:
        found = parse_duration(value)
    except DurationTooLong as error:
        raise BadValue("duration_too_long", {"limit": LONGEST}) from error
    except ValueError as error:
        raise BadValue("bad_duration") from error
    if found > LONGEST:
        raise BadValue("duration_too_long", {"limit": LONGEST})
    if found < SHORTEST:
        raise BadValue("duration_too_short", {"limit": SHORTEST})
    return found


def duration_field(key: str, attr: str) -> FieldSpec:
    return FieldSpec(key, attr, duration, format_duration)


def bounded_duration(key: str, attr: str, low: str, high: str) -> FieldSpec:
    """A duration that only makes sense between two lengths (written as in the file)."""

    def parse(value: Any) -> Any:
        found = duration(value)
        if not parse_duration(low) <= found <= parse_duration(high):
            raise BadValue(
                "duration_range", {"low": parse_duration(low), "high": parse_duration(high)}
            )
        return found

    return FieldSpec(key, attr, parse, format_duration)


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


def support_line(value: Any) -> str:
    """[care] eap: the person's employer support line, one short line of text."""
    from companion.core.care import EAP_MAX, check_eap

    try:
        return check_eap(value)
    except ValueError as error:
        raise BadValue("bad_eap", max=str(EAP_MAX)) from error


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
