"""[[breathing.pattern]]: a person's own breathing patterns. Each bad one is reported
and skipped; the good ones are used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from companion.core.breathing import MAX_ROUNDS, Pattern, Phase
from companion.services.config.parse import BadValue, Issue, Partial, show

# name, the seconds of each phase, and optionally rounds.
PATTERN_PHASES = (("inhale", True), ("hold_in", False), ("exhale", True), ("hold_out", False))
PATTERN_KEYS = ("name", *(key for key, _ in PATTERN_PHASES), "rounds")
PHASE_SECONDS = (0.5, 60.0)  # a breathing phase shorter or longer than this is a typo
MAX_NAME = 40


def _built_in_pattern_ids() -> set[str]:
    from companion.packs.calm import built_in_patterns

    patterns, _default = built_in_patterns("en")
    return {p.id.casefold() for p in patterns}


def _custom_pattern(entry: Any, taken: set[str]) -> tuple[Pattern | None, Issue | None]:
    if not isinstance(entry, Mapping):
        return None, Issue("", "pattern_not_table", show(entry))
    for key in entry:
        if key not in PATTERN_KEYS:
            keys = {"keys": ", ".join(PATTERN_KEYS)}
            return None, Issue(f".{key}", "pattern_unknown_key", detail=keys)
    for key in ("name", *(key for key, required in PATTERN_PHASES if required)):
        if key not in entry:
            return None, Issue(f".{key}", "pattern_missing")
    name = entry["name"]
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
        return None, Issue(".name", "pattern_name", show(name), {"max": str(MAX_NAME)})
    name = name.strip()
    if name.casefold() in taken:
        return None, Issue(".name", "pattern_name_taken", show(name))
    phases = []
    low, high = PHASE_SECONDS
    for key, required in PATTERN_PHASES:
        seconds = entry.get(key, 0)
        ok = isinstance(seconds, int | float) and not isinstance(seconds, bool)
        if not ok or not ((seconds == 0 and not required) or low <= seconds <= high):
            detail = {"low": f"{low:g}" if required else "0", "high": f"{high:g}"}
            return None, Issue(f".{key}", "pattern_seconds", show(seconds), detail)
        if seconds:
            phases.append(Phase(key, float(seconds)))
    cycle = sum(p.seconds for p in phases)
    rounds = entry.get("rounds", max(1, round(60 / cycle)))
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
        return None, Issue(".rounds", "pattern_rounds", show(rounds), {"high": str(MAX_ROUNDS)})
    taken.add(name.casefold())
    return Pattern(id=name, name=name, phases=tuple(phases), rounds=rounds, custom=True), None


def custom_patterns(value: Any) -> Partial:
    """Every good pattern; each bad one is reported and skipped, never fatal."""
    if not isinstance(value, list):
        raise BadValue("pattern_not_list")
    patterns: list[Pattern] = []
    issues: list[Issue] = []
    taken = _built_in_pattern_ids()
    for number, entry in enumerate(value, start=1):
        pattern, issue = _custom_pattern(entry, taken)
        if issue is not None:
            issues.append(issue._replace(where=f"[{number}]{issue.where}"))
        elif pattern is not None:
            patterns.append(pattern)
    return Partial(tuple(patterns), tuple(issues))
