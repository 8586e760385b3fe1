"""The energy station's pack, typed and checked: ``content/<lang>/energy.toml``.

A five-minute body scan (steps with whole seconds, the same in every language, 300 in
all) and the pep lines for the start of a shift. A broken pack raises ContentError
naming the file and key, like every other pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.packs.care import text
from companion.system.content import ContentError, content_root, load_pack


@dataclass(frozen=True)
class ScanStep:
    text: str
    seconds: int


@dataclass(frozen=True)
class Energy:
    scan_name: str
    scan_about: str
    steps: tuple[ScanStep, ...]
    pep: tuple[str, ...]

    @property
    def seconds(self) -> tuple[int, ...]:
        return tuple(step.seconds for step in self.steps)


@cache
def energy(lang: str, root: Path | None = None) -> Energy:
    file = (root or content_root()) / lang / "energy.toml"
    data = load_pack(lang, "energy", root)
    scan = data.get("body_scan")
    raw_steps = scan.get("steps") if isinstance(scan, Mapping) else None
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ContentError(file, "body_scan.steps", "a body scan needs its steps")
    steps = []
    for n, step in enumerate(raw_steps):
        seconds = step.get("seconds") if isinstance(step, Mapping) else None
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds <= 0:
            raise ContentError(file, f"body_scan.steps[{n}].seconds", "whole seconds, above 0")
        steps.append(ScanStep(text(step, "text", file, f"body_scan.steps[{n}]"), seconds))
    lines = data.get("pep", {}).get("lines") if isinstance(data.get("pep"), Mapping) else None
    if not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines):
        raise ContentError(file, "pep.lines", "a list of text")
    return Energy(
        scan_name=text(scan, "name", file, "body_scan"),
        scan_about=text(scan, "about", file, "body_scan"),
        steps=tuple(steps),
        pep=tuple(line.strip() for line in lines),
    )
