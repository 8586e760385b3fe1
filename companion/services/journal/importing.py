"""Imports, read and checked: our JSON export (format 1: entries; 2: also reframes and
poker rounds) and jrnl's JSON export.

A file is checked whole before anything is written: one bad record and nothing is
imported. What is then added (duplicates skipped, links followed) is
``companion.services.journal.merge``; the commands decide where the bytes come from.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from companion.core.journal import (
    MAX_TAG_LEN,
    EntryError,
    clean_tag,
    field_text,
    merge_tags,
    parse_score,
)
from companion.core.reframe import FOLLOW_UP_STATES, OUTCOMES, Page
from companion.packs.own import MAX_BYTES, PACKS, PackSource
from companion.services.journal.export import FORMAT_NAME, FORMAT_VERSION
from companion.services.journal.service import kind_rules
from companion.store.ids import new_id
from companion.store.practice_records import PokerRound, Reframe
from companion.store.schema import SCORE, Entry
from companion.system.content import available_languages

# Times a journal can hold: any day that can be shown in every time zone and sorted
# without surprises (year 1 or 9999 would overflow when moved to another zone).
MIN_YEAR, MAX_YEAR = 1900, 9998


class ImportProblem(ValueError):
    """The file cannot be imported; ``code`` names why (journal.import.<code>).

    A bad reframe or poker round is ``bad_record`` too, with ``record`` ("reframe",
    "poker_round"), its ``number`` in the file, the ``field`` and ``why`` (a reason
    code: export.reasons.<why>).
    """

    def __init__(self, code: str, **detail: str) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class Incoming:
    """Everything a file holds, checked."""

    entries: list[Entry]
    reframes: list[Reframe] = dataclasses.field(default_factory=list)
    poker_rounds: list[PokerRound] = dataclasses.field(default_factory=list)
    packs: list[PackSource] = dataclasses.field(default_factory=list)


def read_file(raw: bytes, tz: tzinfo) -> Incoming:
    """Our JSON export (any version up to ours) or jrnl's (``jrnl --export json``)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportProblem("not_utf8") from None
    except json.JSONDecodeError as error:
        raise ImportProblem("not_json", line=str(error.lineno)) from None
    except RecursionError:  # nesting 100,000 deep
        raise ImportProblem("too_deep", limit=str(MAX_DEPTH)) from None
    except ValueError:  # an integer of thousands of digits
        raise ImportProblem("bad_number", limit=str(MAX_INT)) from None
    check_values(data)
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ImportProblem("too_new", version=str(version))
        kinds = frozenset(kind_rules())
        return Incoming(
            entries=[_ours(doc, n, tz, kinds) for n, doc in enumerate(_records(data), 1)],
            reframes=[_reframe(doc, n, tz) for n, doc in enumerate(_records(data, "reframes"), 1)],
            poker_rounds=[
                _poker_round(doc, n, tz) for n, doc in enumerate(_records(data, "poker_rounds"), 1)
            ],
            packs=[_pack(doc, n) for n, doc in enumerate(_records(data, "packs"), 1)],
        )
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        return Incoming([_from_jrnl(doc, n, tz) for n, doc in enumerate(_records(data), 1)])
    raise ImportProblem("unknown_format")


# No export nests deeper than a handful of levels; the journal keeps whole numbers in
# 64 bits (its fast JSON writer can hold no more).
MAX_DEPTH = 32
MAX_INT = 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_values(data: Any) -> None:
    """Refuse, before anything is read as a record, what the journal could not keep:
    nesting past MAX_DEPTH, numbers past 64 bits or not finite, and text (values or
    keys) that is not valid Unicode. (A loop, not recursion: the file is hostile.)"""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise ImportProblem("too_deep", limit=str(MAX_DEPTH))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise ImportProblem("not_unicode")
                stack.append((item, depth + 1))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                raise ImportProblem("not_unicode")
        elif not _keepable_number(value):
            raise ImportProblem("bad_number", limit=str(MAX_INT))


def _keepable_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True  # not a number: nothing to check here
    if isinstance(value, float):
        return math.isfinite(value)
    return -MAX_INT - 1 <= value <= MAX_INT


def read_import(raw: bytes, tz: tzinfo) -> list[Entry]:
    """The entries of a file, all checked (with everything else in it)."""
    return read_file(raw, tz).entries


def _records(data: Mapping[str, Any], name: str = "entries") -> list[Any]:
    """A list of records; a table a version-1 file does not have is empty."""
    records = data.get(name, [] if name != "entries" else None)
    if not isinstance(records, list):
        raise ImportProblem("unknown_format")
    return records


# -- entries ---------------------------------------------------------------------------
def _bad(n: int, why: str) -> ImportProblem:
    return ImportProblem("bad_record", number=str(n), reason=why)


def parse_moment(value: Any, tz: tzinfo) -> datetime | None:
    """An ISO 8601 time (a naive one is in ``tz``), or None when it isn't one or lies so
    near the ends of the calendar that it can't be shown in every time zone."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return within_calendar(moment if moment.tzinfo else moment.replace(tzinfo=tz), tz)


def within_calendar(moment: datetime, tz: tzinfo) -> datetime | None:
    try:
        moment.astimezone(UTC)
        moment.astimezone(tz)
    except (OverflowError, ValueError):
        return None
    return moment if MIN_YEAR <= moment.year <= MAX_YEAR else None


def _moment(value: Any, n: int, tz: tzinfo, name: str = "created_at") -> datetime:
    moment = parse_moment(value, tz)
    if moment is None:
        raise _bad(n, name)
    return moment


def _tags(value: Any, n: int, *, from_jrnl: bool = False) -> tuple[str, ...]:
    """Tags as companion writes them; jrnl's "@work/refund" becomes "work-refund" and
    "@c++" "c", so every imported tag can be searched for and kept when edited. (Our
    own exports' tags come back exactly as they were, or the file is refused.)"""
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise _bad(n, "tags")
    try:
        tags = []
        for raw in value:
            tag = raw.strip().lstrip("#@")
            if from_jrnl:
                tag = re.sub(r"[^\w-]+", "-", tag).strip("-_")[:MAX_TAG_LEN].rstrip("-_")
            if tag:
                tags.append(clean_tag(tag))
        return merge_tags(tags)
    except EntryError:
        raise _bad(n, "tags") from None


def _checked(
    kind: str, text: str, fields: Mapping[str, Any], n: int, kinds: Collection[str]
) -> None:
    """What the journal itself would refuse: an unknown kind, an impossible mood score,
    an entry with nothing written in it."""
    if kind not in kinds:
        raise _bad(n, "kind")
    if SCORE in fields:
        try:
            parse_score(fields[SCORE])
        except EntryError:
            raise _bad(n, "score") from None
    if not text.strip() and not any(field_text(v).strip() for v in fields.values()):
        raise _bad(n, "text")


def _ours(doc: Any, n: int, tz: tzinfo, kinds: Collection[str]) -> Entry:
    if not isinstance(doc, dict):
        raise _bad(n, "entry")
    kind, text, fields = doc.get("kind"), doc.get("text", ""), doc.get("fields", {})
    if not isinstance(kind, str) or not kind.strip():
        raise _bad(n, "kind")
    if not isinstance(text, str):
        raise _bad(n, "text")
    if not isinstance(fields, dict):
        raise _bad(n, "fields")
    _checked(kind, text, fields, n, kinds)
    created = _moment(doc.get("created_at"), n, tz)
    updated = _moment(doc.get("updated_at", doc.get("created_at")), n, tz, "updated_at")
    entry_id = doc.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        entry_id = new_id()
    return Entry(
        id=entry_id,
        created_at=created,
        updated_at=updated,
        kind=kind,
        text=text,
        fields=fields,
        tags=_tags(doc.get("tags", []), n),
        starred=bool(doc.get("starred", False)),
    )


def _from_jrnl(doc: Any, n: int, tz: tzinfo) -> Entry:
    if not isinstance(doc, dict):
        raise _bad(n, "entry")
    title, body = doc.get("title", ""), doc.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        raise _bad(n, "text")
    try:
        day = date.fromisoformat(str(doc.get("date")))
        clock = time.fromisoformat(str(doc.get("time", "00:00")))
    except ValueError:
        raise _bad(n, "date") from None
    moment = within_calendar(datetime.combine(day, clock, tzinfo=tz), tz)
    if moment is None:
        raise _bad(n, "date")
    text = title.strip() + ("\n" + body.strip() if body.strip() else "")
    return Entry(
        id=new_id(),
        created_at=moment,
        updated_at=moment,
        kind="free",
        text=text,
        tags=_tags(doc.get("tags", []), n, from_jrnl=True),
        starred=bool(doc.get("starred", False)),
    )


# -- reframes and poker rounds --------------------------------------------------------
class _Fields:
    """One reframe or poker round of a file, read field by field: a missing field takes
    the record's default, a wrong one refuses the file (bad_record, with the reason)."""

    def __init__(self, doc: Any, n: int, record: str, tz: tzinfo) -> None:
        self.n, self.record, self.tz = n, record, tz
        if not isinstance(doc, dict):
            raise self.bad("", "record")
        self.doc: dict[str, Any] = doc

    def bad(self, field: str, why: str) -> ImportProblem:
        number = str(self.n)
        return ImportProblem("bad_record", record=self.record, number=number, field=field, why=why)

    def get(self, field: str, ok: Callable[[Any], bool], why: str, default: Any) -> Any:
        value = self.doc.get(field, default)
        if not ok(value):
            raise self.bad(field, why)
        return value

    def text(self, field: str) -> str:
        return self.get(field, lambda v: isinstance(v, str), "text", "")

    def number(self, field: str, low: int, high: int | None, why: str, default: Any) -> Any:
        def ok(v: Any) -> bool:
            if v is None and default is None:
                return True
            whole = isinstance(v, int) and not isinstance(v, bool)
            return whole and low <= v and (high is None or v <= high)

        return self.get(field, ok, why, default)

    def flag(self, field: str, default: bool) -> bool:
        return self.get(field, lambda v: isinstance(v, bool), "flag", default)

    def choice(self, field: str, options: Iterable[str], default: str) -> str:
        return self.get(field, lambda v: v in tuple(options), "choice", default)

    def names(self, field: str) -> tuple[str, ...]:
        def ok(v: Any) -> bool:
            return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)

        return tuple(self.get(field, ok, "names", []))

    def sides(self, field: str) -> dict[str, str]:
        def ok(v: Any) -> bool:
            return isinstance(v, dict) and all(isinstance(x, str) for x in v.values())

        return dict(self.get(field, ok, "sides", {}))

    def link(self, field: str) -> str | None:
        return self.get(field, lambda v: v is None or (isinstance(v, str) and v), "text", None)

    def moment(self, field: str, default: datetime | None = None) -> datetime:
        value = self.doc.get(field)
        if value is None and default is not None:
            return default
        moment = parse_moment(value, self.tz)
        if moment is None:
            raise self.bad(field, "time")
        return moment

    def record_base(self) -> dict[str, Any]:
        record_id = self.doc.get("id")
        created = self.moment("created_at")
        return {
            "id": record_id if isinstance(record_id, str) and record_id else new_id(),
            "created_at": created,
            "updated_at": self.moment("updated_at", created),
        }


def _reframe(doc: Any, n: int, tz: tzinfo) -> Reframe:
    """A reframe checked as the Reframe screen keeps them: texts, intensities 0-100, the
    page and the next-day question's state; trap and side ids are kept as they are
    (content may have moved on since), and one with nothing in it is refused."""
    f = _Fields(doc, n, "reframe", tz)
    texts = ("facts", "thought", "feeling", "meaning", "action", "outcome_note")
    reframe = Reframe(
        **f.record_base(),
        **{name: f.text(name) for name in texts},
        before=f.number("before", 0, 100, "intensity", 50),
        after=f.number("after", 0, 100, "intensity", None),
        traps=f.names("traps"),
        sides=f.sides("sides"),
        entry_id=f.link("entry_id"),
        page=f.choice("page", (page.value for page in Page), Page.FACTS.value),
        finished=f.flag("finished", False),
        follow_up=f.choice("follow_up", FOLLOW_UP_STATES, "pending"),
        outcome=f.choice("outcome", ("", *OUTCOMES), ""),
    )
    written = any(getattr(reframe, name).strip() for name in texts) or any(
        text.strip() for text in reframe.sides.values()
    )
    if not written and reframe.entry_id is None:  # the screen never keeps one like that
        raise f.bad("", "empty")
    return reframe


def _pack(doc: Any, n: int) -> PackSource:
    """One of the person's own packs: a language companion has, a pack it knows (so the
    file goes in its own folder, nowhere else), and TOML text of a pack's size. What is
    in it is checked when it loads, like any pack of theirs."""
    f = _Fields(doc, n, "pack", UTC)
    lang = f.choice("lang", available_languages(), "")
    name = f.choice("name", PACKS, "")
    text = f.get("text", lambda v: isinstance(v, str) and len(v.encode()) <= MAX_BYTES, "text", "")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise f.bad("text", "toml") from None
    return PackSource(lang, name, text)


def _poker_round(doc: Any, n: int, tz: tzinfo) -> PokerRound:
    f = _Fields(doc, n, "poker_round", tz)
    return PokerRound(
        **f.record_base(),
        card_id=f.get("card_id", lambda v: isinstance(v, str) and v.strip(), "text", None),
        trap=f.text("trap"),
        side=f.text("side"),
        reframe=f.text("reframe"),
        seconds=f.number("seconds", 0, None, "count", 0),
        in_time=f.flag("in_time", True),
        rating=f.number("rating", 0, 3, "rating", 0),
    )
