"""The help lines, typed and checked: ``content/<lang>/helplines.toml``.

Every line needs its name, number, hours, what it is for and whether it is for an
emergency. A number is a fact, not a translation: each language must list the same
regions, lines and numbers as English, in the same order, or the pack is refused (a
number that drifted in one language is worse than no list). A broken pack raises
ContentError naming the file and key, like every other pack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from companion.core.care import REGIONS
from companion.system.content import DEFAULT_LANGUAGE, ContentError, content_root, load_pack

# A phone number ("12356", "400-161-9995", "2389 2222") or a website ("findahelpline.com").
NUMBER = re.compile(r"^(\d[\d -]*\d|[a-z0-9.-]+\.[a-z]{2,})$")
LINE_TEXTS = ("name", "number", "hours", "about")


@dataclass(frozen=True)
class HelpLine:
    id: str
    name: str
    number: str
    hours: str
    about: str
    emergency: bool


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    lines: tuple[HelpLine, ...]

    @property
    def emergency(self) -> tuple[HelpLine, ...]:
        return tuple(line for line in self.lines if line.emergency)

    @property
    def others(self) -> tuple[HelpLine, ...]:
        return tuple(line for line in self.lines if not line.emergency)


@dataclass(frozen=True)
class HelpLines:
    title: str
    intro: str
    note: str
    regions: tuple[Region, ...]

    def region(self, region_id: str) -> Region:
        return next((r for r in self.regions if r.id == region_id), self.regions[0])

    def after(self, region_id: str) -> str:
        """The region shown after ``region_id`` (round and round)."""
        ids = [r.id for r in self.regions]
        at = ids.index(region_id) if region_id in ids else -1
        return ids[(at + 1) % len(ids)]

    def facts(self) -> list[tuple[str, str, str, bool]]:
        """(region, line, number, emergency): what must be the same in every language."""
        return [(r.id, n.id, n.number, n.emergency) for r in self.regions for n in r.lines]


def text(node: Mapping[str, Any], field: str, file: Path, where: str) -> str:
    """A pack's required text at ``where.field``, or ContentError naming it."""
    value = node.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, f"{where}.{field}", "missing text")
    return value.strip()


def _line(line_id: str, node: Any, file: Path, where: str) -> HelpLine:
    if not isinstance(node, Mapping):
        raise ContentError(file, where, "each line is a table")
    texts = {field: text(node, field, file, where) for field in LINE_TEXTS}
    if not NUMBER.match(texts["number"]):
        raise ContentError(file, f"{where}.number", "not a phone number or a website")
    emergency = node.get("emergency")
    if not isinstance(emergency, bool):
        raise ContentError(file, f"{where}.emergency", "should be true or false")
    return HelpLine(line_id, emergency=emergency, **texts)


def _read(lang: str, root: Path | None) -> HelpLines:
    file = (root or content_root()) / lang / "helplines.toml"
    data = load_pack(lang, "helplines", root)
    meta = data.get("meta")
    regions = data.get("regions")
    if not isinstance(meta, Mapping):
        raise ContentError(file, "meta", "expected a table")
    if not isinstance(regions, Mapping) or list(regions) != list(REGIONS):
        raise ContentError(file, "regions", f"expected the regions {', '.join(REGIONS)}")
    found = []
    for region_id, region in regions.items():
        where = f"regions.{region_id}"
        lines = region.get("lines") if isinstance(region, Mapping) else None
        if not isinstance(lines, Mapping) or not lines:
            raise ContentError(file, f"{where}.lines", "a region needs at least one line")
        name = text(region, "name", file, where)
        typed = tuple(_line(k, v, file, f"{where}.lines.{k}") for k, v in lines.items())
        found.append(Region(region_id, name, typed))
    return HelpLines(
        title=text(meta, "title", file, "meta"),
        intro=text(meta, "intro", file, "meta"),
        note=text(meta, "note", file, "meta"),
        regions=tuple(found),
    )


@cache
def help_lines(lang: str, root: Path | None = None) -> HelpLines:
    """The help lines of a language, checked against English's numbers."""
    lines = _read(lang, root)
    if lang != DEFAULT_LANGUAGE and lines.facts() != _read(DEFAULT_LANGUAGE, root).facts():
        file = (root or content_root()) / lang / "helplines.toml"
        raise ContentError(
            file, "regions", "the regions, lines and numbers must be the same as in English"
        )
    return lines
