"""The calming packs, typed: breathing patterns and self-talk lines.

Built-in patterns come from ``content/<lang>/breathing.toml``; the user's own (from
config.toml, already validated by ``companion.services.config``) follow them. Self-talk lines
come from ``content/<lang>/self_talk.toml``. A broken pack raises ContentError naming
the file and key, like every other pack.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.core.breathing import Pattern, Phase
from companion.system.content import ContentError, content_root, load_pack

SOS_PATTERN = "cyclic-sigh"


@dataclass(frozen=True)
class Catalog:
    patterns: tuple[Pattern, ...]
    default: str

    def find(self, wanted: str) -> Pattern | None:
        """A pattern by id ("box") or by name, ignoring case and spaces at the ends."""
        key = wanted.strip().casefold()
        for pattern in self.patterns:
            if key in (pattern.id.casefold(), pattern.name.casefold()):
                return pattern
        return None

    def get(self, wanted: str | None) -> Pattern:
        """The pattern asked for, or the default one."""
        return (wanted and self.find(wanted)) or self.find(self.default) or self.patterns[0]

    def ids(self) -> list[str]:
        return [p.id for p in self.patterns]


def _pattern(entry: Any, where: str, file: Any) -> Pattern:
    if not isinstance(entry, Mapping):
        raise ContentError(file, where, "each pattern is a table")
    try:
        phases = tuple(Phase(p["kind"], p["seconds"]) for p in entry["phases"])
        cues = entry.get("cues", {})
        kinds = {phase.kind for phase in phases}
        if not isinstance(cues, Mapping) or not all(
            kind in kinds and isinstance(text, str) and text.strip() for kind, text in cues.items()
        ):
            raise ContentError(file, f"{where}.cues", "cues name this pattern's phases")
        return Pattern(
            id=entry["id"],
            name=entry["name"],
            phases=phases,
            rounds=int(entry["rounds"]),
            when=entry["when"],
            beginner_rounds=entry.get("beginner_rounds"),
            cues=tuple((kind, text.strip()) for kind, text in cues.items()),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(file, where, f"not a usable pattern: {error}") from error


@cache
def built_in_patterns(lang: str) -> tuple[tuple[Pattern, ...], str]:
    data = load_pack(lang, "breathing")
    file = content_root() / lang / "breathing.toml"
    patterns = tuple(
        _pattern(entry, f"pattern[{i}]", file) for i, entry in enumerate(data.get("pattern", []))
    )
    if not patterns:
        raise ContentError(file, "pattern", "no breathing patterns")
    default = data.get("default", patterns[0].id)
    if default not in {p.id for p in patterns}:
        raise ContentError(file, "default", f"no pattern has the id {default!r}")
    return patterns, default


def breathing_catalog(lang: str, custom: Iterable[Pattern] = ()) -> Catalog:
    patterns, default = built_in_patterns(lang)
    return Catalog(patterns + tuple(custom), default)


@cache
def self_talk_lines(lang: str) -> tuple[str, ...]:
    data = load_pack(lang, "self_talk")
    lines = data.get("lines")
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise ContentError(content_root() / lang / "self_talk.toml", "lines", "a list of text")
    return tuple(lines)


def pick_line(lines: tuple[str, ...], rng: random.Random, avoid: int | None = None) -> int:
    """A random line's index, never the one shown last time (when there is a choice)."""
    choices = [i for i in range(len(lines)) if i != avoid] or list(range(len(lines)))
    return rng.choice(choices)
