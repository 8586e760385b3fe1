"""Exports: the journal as Markdown, JSON or plain text.

Pure conversions from records to text; the commands decide where the bytes go. JSON is
the backup (``companion import`` reads it back): entries, reframes and poker rounds.
Markdown and text are for reading: entries, then reframes, in the user's language.
User text is written as it is, never interpreted.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.journal import MAIN, Kind, field_text
from companion.services.journal.service import kind_name
from companion.store.practice_records import PokerRound, Reframe
from companion.store.records import Record, stamp, to_doc
from companion.store.schema import Entry
from companion.system.i18n import Strings, format_day, format_stamp

if TYPE_CHECKING:  # (the packs are read only by an export that holds some)
    from companion.packs.own import PackSource

FORMAT_NAME = "companion-journal"
# 1: entries; 2: also reframes and poker rounds. A version-2 file may also hold the
# person's own packs ("packs") and each poker round's trap and side: readers of version 2
# that do not know them skip them, so the version stays.
FORMAT_VERSION = 2
FORMATS = ("md", "json", "txt")

Sections = list[tuple[str, str]]  # (label, text); an empty label: the text alone


# -- entries ---------------------------------------------------------------------------
def sections(entry: Entry, kinds: Mapping[str, Kind], t: Strings) -> Sections:
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


def when(record: Record, tz: tzinfo, t: Strings) -> str:
    return format_stamp(record.created_at, tz, t)


def export_json(
    entries: Sequence[Entry],
    now: datetime,
    reframes: Sequence[Reframe] = (),
    poker_rounds: Sequence[PokerRound] = (),
    packs: Sequence[PackSource] = (),
) -> str:
    payload = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": stamp(now),
        "entries": [to_doc(e) for e in entries],
        "reframes": [to_doc(r) for r in reframes],
        "poker_rounds": [to_doc(p) for p in poker_rounds],
        "packs": [dataclasses.asdict(pack) for pack in packs],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# -- reframes --------------------------------------------------------------------------
class ReframeWords:
    """What a reframe's ids mean in one language: trap and side names from the packs
    (an id no longer in them is shown as it is), and when its journal entry was written."""

    def __init__(self, t: Strings, tz: tzinfo, entries: Sequence[Entry]) -> None:
        from companion.packs import practice as practice_packs

        self.t = t
        self.traps = {trap.id: trap.name for trap in practice_packs.traps(t.lang)}
        self.sides = {side.id: side.name for side in practice_packs.perspectives(t.lang)}
        self.entry_times = {entry.id: when(entry, tz, t) for entry in entries}


def reframe_title(reframe: Reframe, tz: tzinfo, t: Strings) -> str:
    title = f"{when(reframe, tz, t)} · {t('export.reframe.title')}"
    return title if reframe.finished else f"{title} · {t('export.reframe.unfinished')}"


def reframe_sections(reframe: Reframe, words: ReframeWords) -> Sections:
    """A reframe as (label, text) pairs in the order of its four steps; what was not
    written is left out."""
    t = words.t

    def label(name: str) -> str:
        return t(f"export.reframe.{name}")

    out: Sections = []
    if reframe.entry_id in words.entry_times:
        out.append(("", t("export.reframe.from_entry", when=words.entry_times[reframe.entry_id])))
    out += [(label("facts"), reframe.facts), (label("thought"), reframe.thought)]
    if reframe.feeling.strip() or reframe.after is not None:
        feeling = reframe.feeling.strip() or t("reframe.summary.feeling_default")
        strength = t("export.reframe.strength", feeling=feeling, value=reframe.before)
        out.append((label("feeling"), strength))
    names = [words.traps.get(trap, trap) for trap in reframe.traps]
    out.append((label("traps"), t("export.reframe.list_joiner").join(names)))
    out += [(words.sides.get(side, side), text) for side, text in reframe.sides.items()]
    out += [(label("meaning"), reframe.meaning), (label("action"), reframe.action)]
    if reframe.after is not None:
        out.append((label("change"), f"{reframe.before} → {reframe.after}"))
    if reframe.outcome:
        out.append((label("outcome"), t(f"reframe.follow_up.{reframe.outcome}")))
    out.append((label("outcome_note"), reframe.outcome_note))
    return [(name, text) for name, text in out if text.strip()]


# -- Markdown and text -----------------------------------------------------------------
def _render(
    items: Sequence[tuple[str, Sections]],
    heading: Callable[[str], str],
    question: Callable[[str], str],
    body: Callable[[str], str] = str,
) -> list[str]:
    lines: list[str] = []
    for title, parts in items:
        lines.append(heading(title))
        lines.append("")
        for label, text in parts:
            if label:
                lines.append(question(label))
            lines.append(body(text))
            lines.append("")
    return lines


_MD_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)", re.MULTILINE)
_MD_RULE = re.compile(r"^( {0,3})([-=_*])(?=[-=_* \t]*$)", re.MULTILINE)


def _md_text(text: str) -> str:
    """User text kept as written, except that a line that would turn into a heading or
    a rule of the document ("# …", "---", "===") gets a backslash, so what someone
    wrote stays inside its own section; and its line breaks stay line breaks when the
    Markdown is rendered (two spaces at the end of a line)."""
    kept = _MD_RULE.sub(r"\1\\\2", _MD_HEADING.sub(r"\1\\\2", text))
    return re.sub(r"(?<=\S)[ \t]*\n(?=.)", "  \n", kept)


def _entry_items(
    entries: Sequence[Entry], kinds: Mapping[str, Kind], t: Strings, tz: tzinfo
) -> list[tuple[str, Sections]]:
    items = []
    for entry in entries:
        star = " ★" if entry.starred else ""
        parts = sections(entry, kinds, t)
        if entry.tags:
            parts.append(("", " ".join(f"#{tag}" for tag in entry.tags)))
        items.append((f"{when(entry, tz, t)} · {kind_name(entry.kind, kinds)}{star}", parts))
    return items


def _reframe_items(
    reframes: Sequence[Reframe], entries: Sequence[Entry], t: Strings, tz: tzinfo
) -> list[tuple[str, Sections]]:
    if not reframes:
        return []
    words = ReframeWords(t, tz, entries)
    return [(reframe_title(r, tz, t), reframe_sections(r, words)) for r in reframes]


def export_markdown(
    entries: Sequence[Entry],
    kinds: Mapping[str, Kind],
    t: Strings,
    tz: tzinfo,
    now: datetime,
    reframes: Sequence[Reframe] = (),
) -> str:
    day = format_day(now.astimezone(tz).date(), t, with_year=True)
    lines = [f"# {t('journal.export.title', date=day)}", ""]

    def render(items: Sequence[tuple[str, Sections]]) -> list[str]:
        # (a label on its own line above its answer, also once rendered)
        return _render(items, lambda h: f"## {h}", lambda q: f"**{q}**  ", _md_text)

    lines += render(_entry_items(entries, kinds, t, tz))
    if reframes:
        lines += [f"# {t('export.reframe.section')}", ""]
        lines += render(_reframe_items(reframes, entries, t, tz))
    return "\n".join(lines)


def export_text(
    entries: Sequence[Entry],
    kinds: Mapping[str, Kind],
    t: Strings,
    tz: tzinfo,
    reframes: Sequence[Reframe] = (),
) -> str:
    rule = "-" * 40
    lines = _render(_entry_items(entries, kinds, t, tz), lambda h: f"{rule}\n{h}", _labelled)
    if reframes:
        lines += ["=" * 40, t("export.reframe.section"), "=" * 40, ""]
        items = _reframe_items(reframes, entries, t, tz)
        lines += _render(items, lambda h: f"{rule}\n{h}", _labelled)
    return "\n".join(lines)


def _labelled(label: str) -> str:
    """A prompt as a label: "Where:" and "感受：", but "What happened?" and "发生了什么？"
    as they are."""
    last = label.rstrip()[-1:]
    if last in "?？:：!！":
        return label
    wide = last and unicodedata.east_asian_width(last) in "WF"
    return f"{label}：" if wide else f"{label}:"


def export_journal(services: Any, fmt: str, t: Strings) -> tuple[str, dict[str, int]]:
    """The whole journal as ``fmt`` (md | json | txt), and how many records of each kind
    it holds. JSON, the backup, also keeps the poker rounds and the person's own packs;
    Markdown and text are for reading: entries and reframes. (``companion export`` and
    the app's Export both.)"""
    from companion.services.journal.service import catalogue

    # oldest first, like a diary
    entries = list(reversed(services.journal.entries()))
    reframes = list(reversed(services.stores.reframes.all()))
    counts = {"entries": len(entries), "reframes": len(reframes)}
    passed_over = services.journal.passed_over()  # not in a form companion writes
    if passed_over:  # said, not hidden
        counts["left_out"] = passed_over
    now = services.clock.now()
    if fmt == "json":
        from companion.packs.own import pack_sources
        from companion.system.content import available_languages

        rounds = list(reversed(services.stores.poker_rounds.all()))
        packs = pack_sources(services.paths.packs_dir, available_languages())
        counts["poker_rounds"] = len(rounds)
        counts["packs"] = len(packs)
        return export_json(entries, now, reframes, rounds, packs), counts
    kinds = catalogue(t.lang)
    if fmt == "md":
        return export_markdown(entries, kinds, t, now.tzinfo, now, reframes), counts
    return export_text(entries, kinds, t, now.tzinfo, reframes), counts


def left_out(counts: dict[str, int], t: Strings) -> str | None:
    """What an export says of the entries it had to leave out, if any."""
    count = counts.get("left_out", 0)
    if not count:
        return None
    return t(f"export.counts.left_out_{'one' if count == 1 else 'other'}", count=count)


def export_to_folder(services: Any, fmt: str, t: Strings) -> tuple[Path, dict[str, int]]:
    """Export into companion's own exports folder (0700; the file 0600), named for the
    day: what the app's Export writes. Raises OSError if it cannot be written."""
    from companion.system.atomic import write_atomic
    from companion.system.paths import ensure_dir

    text, counts = export_journal(services, fmt, t)
    folder = ensure_dir(services.paths.export_dir)
    target = folder / f"journal-{services.clock.now():%Y-%m-%d-%H%M}.{fmt}"
    write_atomic(target, text.encode("utf-8"))
    return target, counts
