"""The content a screen shows: the built-in packs, with the person's own packs after
them (``<data>/packs/<lang>/``, see ``packs.own``).

A folder is read again only when its files change (one directory listing per look),
so a pack added while companion runs shows up the next time a screen asks. Built-in
ids come first: one of yours with the same id is reported and skipped.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sized
from pathlib import Path

from companion.core.activities import Activity, AfterWork, activities_from, after_work_from
from companion.core.drills import ThoughtPair
from companion.packs import practice
from companion.packs.calm import self_talk_lines
from companion.packs.own import OwnPacks, PackProblem, pack_files, read_own
from companion.packs.practice import ReplyGuide, Situation, Trap
from companion.system.content import load_pack
from companion.system.i18n import Strings
from companion.system.paths import display_path


def _ids(records: Iterable[object]) -> set[str]:
    return {str(getattr(record, "id", "")) for record in records}


def built_in_ids(lang: str) -> dict[str, set[str]]:
    """The ids each pack already uses, which a person's own entries may not take."""
    activities = activities_from(load_pack(lang, "activities"))
    return {
        "activities": {f"{a.group}.{a.id}" for a in activities},
        "after_work": {a.id for a in after_work_from(load_pack(lang, "activities"))},
        "traps": _ids(practice.traps(lang)),
        "replies": _ids(practice.reply_guide(lang).examples),
        "thought_pairs": _ids(practice.thought_pairs(lang)),
        "situations": _ids(practice.situations(lang)),
    }


class Library:
    def __init__(self, folder: Path) -> None:
        self.folder = folder  # <data>/packs
        self._own: dict[str, tuple[object, OwnPacks]] = {}

    def language_folder(self, lang: str) -> Path:
        return self.folder / lang

    # -- the person's own --------------------------------------------------------------
    def own(self, lang: str) -> OwnPacks:
        """What this language's folder adds, read again when a file there changed."""
        folder = self.language_folder(lang)
        signature = _signature(folder)
        cached = self._own.get(lang)
        if cached is not None and cached[0] == signature:
            return cached[1]
        try:
            packs = read_own(folder, built_in_ids(lang)) if signature else OwnPacks()
        except Exception as error:  # never let a person's file stop the app
            problem = PackProblem(folder, "unreadable", detail={"reason": type(error).__name__})
            packs = OwnPacks(problems=(problem,))
        self._own[lang] = (signature, packs)
        return packs

    def problems(self, lang: str) -> tuple[PackProblem, ...]:
        return self.own(lang).problems

    # -- built-in, then the person's -----------------------------------------------------
    def break_ideas(self, lang: str) -> list[Activity]:
        return activities_from(load_pack(lang, "activities")) + list(self.own(lang).activities)

    def after_work(self, lang: str) -> list[AfterWork]:
        return after_work_from(load_pack(lang, "activities")) + list(self.own(lang).after_work)

    def self_talk(self, lang: str) -> tuple[str, ...]:
        return self_talk_lines(lang) + self.own(lang).self_talk

    def traps(self, lang: str) -> tuple[Trap, ...]:
        return practice.traps(lang) + self.own(lang).traps

    def situations(self, lang: str) -> tuple[Situation, ...]:
        return practice.situations(lang) + self.own(lang).situations

    def thought_pairs(self, lang: str) -> tuple[ThoughtPair, ...]:
        return practice.thought_pairs(lang) + self.own(lang).thought_pairs

    def reply_guide(self, lang: str) -> ReplyGuide:
        guide = practice.reply_guide(lang)
        return dataclasses.replace(guide, examples=guide.examples + self.own(lang).replies)


def _signature(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What the folder's pack files look like now: () when there are none."""
    found = []
    for path in pack_files(folder):
        try:
            info = os.lstat(path)
        except OSError:
            continue
        found.append((path.name, info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(found)


def skipped_packs(problems: Sized, t: Strings) -> list[str]:
    """Skipped entries of the person's own packs, in one line (Settings says which)."""
    return [t("packs.folder.skipped", count=str(len(problems)))] if problems else []


def pack_problem(problem: PackProblem, t: Strings) -> str:
    """A problem in a person's own pack as a sentence: the file, the key, the value."""
    detail = dict(problem.detail)
    if problem.reason:
        detail["reason"] = t(f"packs.reasons.{problem.reason}", **detail)
    return t(
        f"packs.errors.{problem.code}",
        file=display_path(problem.file),
        key=problem.key,
        value=problem.value,
        **detail,
    )
