"""Records: frozen dataclasses with an id and timestamps, and their JSON documents.

Conversion is generic over field types (datetime, date, Enum, tuple, plain JSON), so a
new record type is only a dataclass.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, get_args, get_origin


@dataclasses.dataclass(frozen=True, kw_only=True)
class Record:
    id: str
    created_at: datetime
    updated_at: datetime


R = TypeVar("R", bound=Record)


def stamp(moment: datetime) -> str:
    """ISO 8601 with offset, to the millisecond."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.isoformat(timespec="milliseconds")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def to_doc(record: Record) -> dict[str, Any]:
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if origin is tuple:
        args = get_args(kind)
        inner = args[0] if args else Any
        return tuple(_decode(inner, v) for v in value)
    return value


def from_doc(cls: type[R], doc: dict[str, Any]) -> R:
    """Build a record from a stored document; unknown keys are ignored, missing ones
    take the dataclass default (so older documents still load)."""
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in doc:
            values[f.name] = _decode(hints[f.name], doc[f.name])
    return cls(**values)
