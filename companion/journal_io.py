"""Exports (Markdown, JSON, plain text) and imports (our JSON, jrnl's JSON export).

Pure conversions between entries and text; the commands decide where bytes go. An
import is checked whole before anything is written: one bad record and nothing is.
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

from companion.core.journal import (
    MAIN,
    MAX_TAG_LEN,
    EntryError,
    Kind,
    clean_tag,
    field_text,
    merge_tags,
    parse_score,
)
from companion.i18n import DEFAULT_LANGUAGE, Strings, format_day, format_time
from companion.journal import catalogue, kind_name
from companion.store.records import stamp, to_doc
from companion.store.schema import Entry

FORMAT_NAME = "companion-journal"
FORMAT_VERSION = 1
FORMATS = ("md", "json", "txt")


# -- export ----------------------------------------------------------------------------
def sections(entry: Entry, kinds: Mapping[str, Kind], t: Strings) -> list[tuple[str, str]]:
    """An entry as (question, answer) pairs in its kind's order; anything the kind does
    not ask (another feature's fields) follows under its own name."""
    spec = kinds.get(entry.kind)
    answers: dict[str, Any] = {MAIN: entry.text, **entry.fields}
    out = []
    if spec is not None:
        for hidden in spec.hidden:
            answers.pop(hidden, None)
        for prompt in spec.prompts:
            value = answers.pop(prompt.id, None)
            if prompt.values and isinstance(value, str) and t.has(f"{prompt.values}.{value}"):
                value = t(f"{prompt.values}.{value}")
            elif prompt.id == "subject" and value:
                value = t(f"journal.subjects.{value}")
            elif prompt.type == "scale" and isinstance(value, int):
                value = f"{value} · {t(f'journal.mood.scale_{value}')}"
            text = field_text(value)
            if text.strip():
                out.append((prompt.label, text))
    for key, value in answers.items():
        text = field_text(value)
        if text.strip():
            out.append(("" if key == MAIN else key, text))
    return out


def when(entry: Entry, tz: tzinfo, t: Strings) -> str:
    local = entry.created_at.astimezone(tz)
    return f"{local.date().isoformat()} {format_time(local, t)}"


def export_json(entries: Sequence[Entry], now: datetime) -> str:
    payload = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": stamp(now),
        "entries": [to_doc(e) for e in entries],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _render(
    entries: Sequence[Entry],
    kinds: Mapping[str, Kind],
    t: Strings,
    tz: tzinfo,
    heading: Callable[[str], str],
    question: Callable[[str], str],
) -> str:
    lines: list[str] = []
    for entry in entries:
        star = " ★" if entry.starred else ""
        lines.append(heading(f"{when(entry, tz, t)} · {kind_name(entry.kind, kinds)}{star}"))
        lines.append("")
        for label, text in sections(entry, kinds, t):
            if label:
                lines.append(question(label))
            lines.append(text)
            lines.append("")
        if entry.tags:
            lines.append(" ".join(f"#{tag}" for tag in entry.tags))
            lines.append("")
    return "\n".join(lines)


def export_markdown(
    entries: Sequence[Entry], kinds: Mapping[str, Kind], t: Strings, tz: tzinfo, now: datetime
) -> str:
    day = format_day(now.astimezone(tz).date(), t, with_year=True)
    title = f"# {t('journal.export.title', date=day)}\n\n"
    return title + _render(entries, kinds, t, tz, lambda h: f"## {h}", lambda q: f"**{q}**")


def export_text(entries: Sequence[Entry], kinds: Mapping[str, Kind], t: Strings, tz: tzinfo) -> str:
    rule = "-" * 40
    return _render(entries, kinds, t, tz, lambda h: f"{rule}\n{h}", _labelled)


def _labelled(label: str) -> str:
    """A prompt as a label: "Where:" but "What happened?" and "发生了什么？" as they are."""
    return label if label.rstrip()[-1:] in "?？:：!！" else f"{label}:"


# -- import ----------------------------------------------------------------------------
class ImportProblem(ValueError):
    """The file cannot be imported; ``code`` names why (journal.import.<code>)."""

    def __init__(self, code: str, **detail: str) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def read_import(raw: bytes, tz: tzinfo) -> list[Entry]:
    """Our JSON export or jrnl's (``jrnl --export json``) -> entries, all checked."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportProblem("not_utf8") from None
    except json.JSONDecodeError as error:
        raise ImportProblem("not_json", line=str(error.lineno)) from None
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ImportProblem("too_new", version=str(version))
        return [_ours(doc, n, tz) for n, doc in enumerate(_records(data), 1)]
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        return [_from_jrnl(doc, n, tz) for n, doc in enumerate(_records(data), 1)]
    raise ImportProblem("unknown_format")


def _records(data: Mapping[str, Any]) -> list[Any]:
    records = data.get("entries")
    if not isinstance(records, list):
        raise ImportProblem("unknown_format")
    return records


def _bad(n: int, why: str) -> ImportProblem:
    return ImportProblem("bad_record", number=str(n), reason=why)


def _moment(value: Any, n: int, tz: tzinfo) -> datetime:
    if not isinstance(value, str):
        raise _bad(n, "created_at")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _bad(n, "created_at") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _tags(value: Any, n: int) -> tuple[str, ...]:
    """Tags as companion writes them: jrnl's "@work/refund" becomes "work-refund" and
    "@c++" "c", so every imported tag can be searched for and kept when edited."""
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise _bad(n, "tags")
    try:
        tags = []
        for raw in value:
            tag = re.sub(r"[^\w-]+", "-", raw.strip().lstrip("#@")).strip("-_")
            tag = tag[:MAX_TAG_LEN].rstrip("-_")
            if tag:
                tags.append(clean_tag(tag))
        return merge_tags(tags)
    except EntryError:
        raise _bad(n, "tags") from None


def _checked(kind: str, text: str, fields: Mapping[str, Any], n: int) -> None:
    """What the journal itself would refuse: an unknown kind, an impossible mood score,
    an entry with nothing written in it."""
    if kind not in catalogue(DEFAULT_LANGUAGE):
        raise _bad(n, "kind")
    if "score" in fields:
        try:
            parse_score(fields["score"])
        except EntryError:
            raise _bad(n, "score") from None
    if not text.strip() and not any(field_text(v).strip() for v in fields.values()):
        raise _bad(n, "text")


def _ours(doc: Any, n: int, tz: tzinfo) -> Entry:
    if not isinstance(doc, dict):
        raise _bad(n, "entry")
    kind, text, fields = doc.get("kind"), doc.get("text", ""), doc.get("fields", {})
    if not isinstance(kind, str) or not kind.strip():
        raise _bad(n, "kind")
    if not isinstance(text, str):
        raise _bad(n, "text")
    if not isinstance(fields, dict):
        raise _bad(n, "fields")
    _checked(kind, text, fields, n)
    created = _moment(doc.get("created_at"), n, tz)
    updated = _moment(doc.get("updated_at", doc.get("created_at")), n, tz)
    entry_id = doc.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        entry_id = str(uuid.uuid4())
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
    moment = datetime.combine(day, clock, tzinfo=tz)
    text = title.strip() + ("\n" + body.strip() if body.strip() else "")
    return Entry(
        id=str(uuid.uuid4()),
        created_at=moment,
        updated_at=moment,
        kind="free",
        text=text,
        tags=_tags(doc.get("tags", []), n),
        starred=bool(doc.get("starred", False)),
    )


def fingerprint(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same writing, whatever their ids."""
    return (
        entry.kind,
        entry.text,
        json.dumps(entry.fields, sort_keys=True, ensure_ascii=False),
        tuple(sorted(entry.tags)),
        entry.created_at.timestamp(),
    )


def new_entries(incoming: Iterable[Entry], existing: Iterable[Entry]) -> tuple[list[Entry], int]:
    """(entries to add, how many were exact duplicates). An id already taken by different
    writing gets a fresh id, so nothing is overwritten."""
    existing = list(existing)
    seen = {fingerprint(e) for e in existing}
    taken = {e.id for e in existing}
    fresh, duplicates = [], 0
    for entry in incoming:
        key = fingerprint(entry)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        if entry.id in taken:
            entry = dataclasses.replace(entry, id=str(uuid.uuid4()))
        taken.add(entry.id)
        fresh.append(entry)
    return fresh, duplicates
