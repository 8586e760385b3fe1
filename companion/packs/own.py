"""A person's own content packs: TOML files in ``<data>/packs/<lang>/``, named after the
built-in pack they add to, shaped like it.

Each file is read as data only (TOML, nothing run), at most MAX_BYTES, a plain file
and not a link. Each entry is checked like a built-in one; a bad one is reported
with the file, the key and the value, and skipped, and everything else still loads.
Nothing here raises for what a file holds: a broken file is one problem, never a
broken start. Text is kept as written; screens show it without markup.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.activities import (
    AFTER_WORK_KINDS,
    GROUPS,
    LENGTHS,
    Activity,
    AfterWork,
)
from companion.core.drills import ThoughtPair
from companion.packs.practice import ReplyExample, Situation, Trap

PACKS = ("activities", "self_talk", "traps", "replies", "thought_pairs", "situations")
MAX_BYTES = 512 * 1024  # far more than any pack needs; more is not a pack


@dataclass(frozen=True)
class PackProblem:
    """One thing in a person's pack that was skipped. ``code`` names the sentence
    (packs.errors.<code>); ``reason`` (packs.reasons.<reason>) says why a value is bad."""

    file: Path
    code: str  # syntax | unreadable | unknown_pack | bad_value | missing | same_id
    key: str = ""
    value: str = ""
    reason: str = ""
    detail: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OwnPacks:
    """What a language's folder adds, and what was skipped."""

    activities: tuple[Activity, ...] = ()
    after_work: tuple[AfterWork, ...] = ()
    self_talk: tuple[str, ...] = ()
    traps: tuple[Trap, ...] = ()
    replies: tuple[ReplyExample, ...] = ()
    thought_pairs: tuple[ThoughtPair, ...] = ()
    situations: tuple[Situation, ...] = ()
    files: tuple[Path, ...] = ()  # the pack files read (all or part of them used)
    problems: tuple[PackProblem, ...] = ()


def show(value: Any) -> str:
    """A value as the person wrote it, short enough for one line of a message."""
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."


def read_file(path: Path) -> str:
    """A pack file's text: a plain file (never a link, a device or a pipe), UTF-8, at
    most MAX_BYTES. Raises OSError or ValueError (with a reason code) otherwise."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not_a_file")
    if info.st_size > MAX_BYTES:
        raise ValueError("too_big")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError("too_big")
    return data.decode("utf-8")


class _Checker:
    """Checks one file's entries; collects what it skips."""

    def __init__(self, path: Path, taken: Mapping[str, set[str]]) -> None:
        self.path = path
        self.taken = {name: set(ids) for name, ids in taken.items()}
        self.problems: list[PackProblem] = []

    def problem(self, code: str, key: str, value: Any = None, reason: str = "", **detail: str):  # type: ignore[no-untyped-def]
        shown = show(value) if value is not None else ""
        self.problems.append(PackProblem(self.path, code, key, shown, reason, detail))

    def text(self, node: Mapping[str, Any], key: str, name: str) -> str | None:
        value = node.get(name)
        where = f"{key}.{name}" if key else name
        if name not in node:
            self.problem("missing", where)
        elif not isinstance(value, str):
            self.problem("bad_value", where, value, "text")
        elif not value.strip():
            self.problem("bad_value", where, value, "empty")
        elif _controls(value):
            self.problem("bad_value", where, value, "control")
        else:
            return value.strip()
        return None

    def texts(self, node: Mapping[str, Any], key: str, name: str) -> tuple[str, ...] | None:
        value = node.get(name)
        where = f"{key}.{name}" if key else name
        if name not in node:
            self.problem("missing", where)
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("bad_value", where, value, "texts")
        elif not value or not all(v.strip() for v in value):
            self.problem("bad_value", where, value, "empty")
        elif any(_controls(v) for v in value):
            self.problem("bad_value", where, value, "control")
        else:
            return tuple(v.strip() for v in value)
        return None

    def keys(self, node: Mapping[str, Any], key: str, allowed: Iterable[str]) -> bool:
        allowed = tuple(allowed)
        for name in node:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                self.problem("bad_value", where, node[name], "unknown_key", keys=", ".join(allowed))
                return False
        return True

    def table(self, node: Any, key: str) -> Mapping[str, Any] | None:
        if isinstance(node, Mapping):
            return node
        self.problem("bad_value", key, node, "table")
        return None

    def fresh_id(self, pack: str, key: str, record_id: str) -> bool:
        """An id not used by a built-in entry (or an earlier one of yours)."""
        if record_id in self.taken.setdefault(pack, set()):
            self.problem("same_id", key)
            return False
        self.taken[pack].add(record_id)
        return True

    def records(
        self,
        pack: str,
        nodes: Mapping[str, Any],
        kind: type[Any],
        prefix: str = "",
    ) -> list[Any]:
        """Tables whose fields are the record's (text, or lists of text for tuples)."""
        fields = dataclasses.fields(kind)[1:]
        found = []
        for record_id, raw in nodes.items():
            key = f"{prefix}{record_id}"
            node = self.table(raw, key)
            if node is None or not self.keys(node, key, (f.name for f in fields)):
                continue
            values = [
                self.texts(node, key, f.name)
                if str(f.type).startswith("tuple")
                else self.text(node, key, f.name)
                for f in fields
            ]
            if all(v is not None for v in values) and self.fresh_id(pack, key, record_id):
                found.append(kind(record_id, *values))
        return found


def _controls(text: str) -> bool:
    """Control characters (an escape code) other than line breaks and tabs."""
    return any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in text)


# -- one pack each -------------------------------------------------------------------------
def _activities(check: _Checker, data: Mapping[str, Any]) -> dict[str, Any]:
    ideas: list[Activity] = []
    evening: list[AfterWork] = []
    if not check.keys(data, "", (*GROUPS, "after_work")):
        data = {k: v for k, v in data.items() if k in (*GROUPS, "after_work")}
    for group, raw in data.items():
        nodes = check.table(raw, group)
        for idea_id, value in (nodes or {}).items():
            key = f"{group}.{idea_id}"
            if group == "after_work":
                evening += _evening(check, key, idea_id, value)
            else:
                ideas += _idea(check, group, key, idea_id, value)
    return {"activities": tuple(ideas), "after_work": tuple(evening)}


def _idea(check: _Checker, group: str, key: str, idea_id: str, value: Any) -> list[Activity]:
    if isinstance(value, str):  # the short form: an idea of no stated length
        value = {"text": value}
    node = check.table(value, key)
    if node is None or not check.keys(node, key, ("text", "length")):
        return []
    text = check.text(node, key, "text")
    length = node.get("length", "")
    if "length" in node and length not in LENGTHS:
        check.problem("bad_value", f"{key}.length", length, "length")
        return []
    if text is None or not check.fresh_id("activities", key, f"{group}.{idea_id}"):
        return []
    return [Activity(group, idea_id, text, length)]


def _evening(check: _Checker, key: str, idea_id: str, value: Any) -> list[AfterWork]:
    node = check.table(value, key)
    if node is None or not check.keys(node, key, ("text", "kind")):
        return []
    text = check.text(node, key, "text")
    kind = node.get("kind")
    if kind not in AFTER_WORK_KINDS:
        check.problem("bad_value", f"{key}.kind", kind, "kind", kinds=", ".join(AFTER_WORK_KINDS))
        return []
    if text is None or not check.fresh_id("after_work", key, idea_id):
        return []
    return [AfterWork(idea_id, text, kind)]


def _self_talk(check: _Checker, data: Mapping[str, Any]) -> dict[str, Any]:
    if not check.keys(data, "", ("lines",)):
        return {}
    lines = check.texts(data, "", "lines") if "lines" in data else None
    if "lines" not in data:
        check.problem("missing", "lines")
    return {"self_talk": lines or ()}


def _records_pack(name: str, kind: type[Any], section: str = "") -> Callable[..., dict[str, Any]]:
    def read(check: _Checker, data: Mapping[str, Any]) -> dict[str, Any]:
        nodes: Mapping[str, Any] | None = data
        prefix = ""
        if section:
            check.keys(data, "", (section,))
            nodes = check.table(data.get(section, {}), section)
            prefix = f"{section}."
        return {name: tuple(check.records(name, nodes or {}, kind, prefix))}

    return read


READERS: dict[str, Callable[[_Checker, Mapping[str, Any]], dict[str, Any]]] = {
    "activities": _activities,
    "self_talk": _self_talk,
    "traps": _records_pack("traps", Trap),
    "replies": _records_pack("replies", ReplyExample, "examples"),
    "thought_pairs": _records_pack("thought_pairs", ThoughtPair),
    "situations": _records_pack("situations", Situation),
}


def pack_files(folder: Path) -> list[Path]:
    """The TOML files of a language's folder, by name (nothing below it)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [Path(e.path) for e in entries if e.name.endswith(".toml")]


def read_own(folder: Path, taken: Mapping[str, set[str]]) -> OwnPacks:
    """Everything a language's folder adds (``taken``: the built-in ids of each pack)."""
    found: dict[str, list[Any]] = {}
    problems: list[PackProblem] = []
    files: list[Path] = []
    for path in pack_files(folder):
        name = path.stem
        if name not in READERS:
            problems.append(
                PackProblem(path, "unknown_pack", detail={"name": name, "names": ", ".join(PACKS)})
            )
            continue
        check = _Checker(path, taken)
        try:
            data = tomllib.loads(read_file(path))
            added = READERS[name](check, data)
        except ValueError as error:  # not UTF-8, not TOML, too big, not a plain file
            problems.append(_unreadable(path, error))
            continue
        except (OSError, RecursionError) as error:
            reason = error.strerror if isinstance(error, OSError) else "nested too deeply"
            problems.append(PackProblem(path, "unreadable", detail={"reason": reason or ""}))
            continue
        files.append(path)
        problems += check.problems
        for key, values in added.items():
            found.setdefault(key, []).extend(values)
    return OwnPacks(
        **{key: tuple(values) for key, values in found.items()},
        files=tuple(files),
        problems=tuple(problems),
    )


def _unreadable(path: Path, error: ValueError) -> PackProblem:
    if isinstance(error, tomllib.TOMLDecodeError):
        return PackProblem(path, "syntax", detail={"reason": str(error)})
    if isinstance(error, UnicodeDecodeError):
        return PackProblem(path, "unreadable", reason="utf8")
    code = str(error)
    if code in ("not_a_file", "too_big"):
        return PackProblem(
            path, "unreadable", reason=code, detail={"max": f"{MAX_BYTES // 1024} KB"}
        )
    return PackProblem(path, "unreadable", detail={"reason": code})


# -- moving packs between computers (the JSON export and ``companion import``) ---------
@dataclass(frozen=True)
class PackSource:
    """One pack file as written: which language folder and pack it is, and its text."""

    lang: str
    name: str
    text: str


def pack_sources(folder: Path, languages: Iterable[str]) -> list[PackSource]:
    """Every pack file of every language (by name; an unreadable one is left out: the
    export takes what can be read and doctor says what cannot)."""
    found = []
    for lang in languages:
        for path in pack_files(folder / lang):
            if path.stem not in READERS:
                continue
            try:
                found.append(PackSource(lang, path.stem, read_file(path)))
            except (OSError, ValueError):
                continue
    return found


def install(folder: Path, source: PackSource) -> str:
    """Put an imported pack file in place: "added", "same" (that file is there with the
    same text) or "kept" (a different file of that name is there: it is never replaced)."""
    from companion.system.atomic import write_new
    from companion.system.paths import ensure_dir

    target = ensure_dir(folder / source.lang) / f"{source.name}.toml"
    try:
        write_new(target, source.text.encode("utf-8"))
    except FileExistsError:
        try:
            same = read_file(target) == source.text
        except (OSError, ValueError):
            same = False
        return "same" if same else "kept"
    return "added"
