"""Breathing patterns, and where a session is at any moment.

A pattern is a cycle of phases (breathe in, hold, breathe out …) repeated for some
rounds. ``breath_at(pattern, rounds, elapsed)`` answers everything a screen needs from
the seconds since the session started (see ``Stopwatch``): the phase, how far into it,
seconds left, the round, and how full the lungs are. Nothing is accumulated, so a long
session cannot drift from the clock.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

# What a phase does. Two inhales in a row (cyclic sighing) share the rise between them.
PHASE_KINDS = ("inhale", "top_up", "hold_in", "exhale", "hold_out")
RISING = frozenset({"inhale", "top_up"})
FALLING = frozenset({"exhale"})
HOLDS = frozenset({"hold_in", "hold_out"})

# A phase boundary within this much counts as reached (float sums such as 5.5 + 5.5).
EPSILON = 1e-9
MAX_ROUNDS = 120  # 20 minutes of coherent breathing; more in one sitting is a typo


@dataclass(frozen=True)
class Phase:
    kind: str
    seconds: float

    def __post_init__(self) -> None:
        if self.kind not in PHASE_KINDS:
            raise ValueError(f"unknown phase kind {self.kind!r}")
        if not (isinstance(self.seconds, int | float) and self.seconds > 0):
            raise ValueError("a phase lasts more than 0 seconds")


@dataclass(frozen=True)
class Pattern:
    id: str  # "4-7-8", "box" … or the name of a pattern from config.toml
    name: str
    phases: tuple[Phase, ...]
    rounds: int = 4  # suggested rounds
    when: str = ""  # one line: when it helps
    beginner_rounds: int | None = None  # suggest at most this many to a beginner
    custom: bool = False  # the user's own, from config.toml
    cues: tuple[tuple[str, str], ...] = ()  # (phase kind, a few words: "through the nose")

    def cue(self, kind: str) -> str:
        """Where the breath goes in a phase of this kind ("" when the pattern says not)."""
        return dict(self.cues).get(kind, "")

    @property
    def holds(self) -> bool:
        """Whether the breath is held at some point (a caution is shown before it)."""
        return any(p.kind in HOLDS for p in self.phases)

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError("a pattern needs at least one phase")
        if not any(p.kind in RISING for p in self.phases):
            raise ValueError("a pattern needs a phase that breathes in")
        if not any(p.kind in FALLING for p in self.phases):
            raise ValueError("a pattern needs a phase that breathes out")

    @cached_property
    def cycle(self) -> float:
        """Seconds of one round."""
        return sum(p.seconds for p in self.phases)

    @cached_property
    def starts(self) -> tuple[float, ...]:
        """Where each phase begins within the cycle, in seconds."""
        starts, at = [], 0.0
        for phase in self.phases:
            starts.append(at)
            at += phase.seconds
        return tuple(starts)

    @cached_property
    def levels(self) -> tuple[tuple[float, float], ...]:
        """How full the lungs are (0 empty … 1 full) at the start and end of each phase.

        Consecutive inhales fill from where the breath is to full, shared by their
        length (cyclic sighing: 2 s fill two thirds, the 1 s top-up the rest).
        """
        out: list[tuple[float, float]] = []
        level = 0.0
        i = 0
        while i < len(self.phases):
            kind = self.phases[i].kind
            if kind in RISING or kind in FALLING:
                group = RISING if kind in RISING else FALLING
                j = i
                while j < len(self.phases) and self.phases[j].kind in group:
                    j += 1
                target = 1.0 if group is RISING else 0.0
                total = sum(p.seconds for p in self.phases[i:j])
                for phase in self.phases[i:j]:
                    end = level + (target - level) * (phase.seconds / total)
                    out.append((level, end))
                    total -= phase.seconds
                    level = end
                i = j
            else:
                out.append((level, level))
                i += 1
        return tuple(out)

    def duration(self, rounds: int) -> float:
        return self.cycle * rounds

    def timing(self) -> str:
        """ "4-7-8", "4-4-4-4", "5.5-5.5", "2+1-6": the numbers people know it by."""
        parts: list[str] = []
        for i, phase in enumerate(self.phases):
            number = _seconds_text(phase.seconds)
            if i and phase.kind == "top_up" and self.phases[i - 1].kind in RISING:
                parts[-1] += "+" + number
            else:
                parts.append(number)
        return "-".join(parts)


def _seconds_text(seconds: float) -> str:
    return f"{seconds:g}"


def ease_in_out(progress: float) -> float:
    """Slow at both ends, like a breath: a half cosine from 0 to 1."""
    progress = min(1.0, max(0.0, progress))
    return (1 - math.cos(math.pi * progress)) / 2


def linear(progress: float) -> float:
    return min(1.0, max(0.0, progress))


@dataclass(frozen=True)
class BreathState:
    round: int  # 1-based; stays at ``rounds`` once finished
    rounds: int
    index: int  # the phase's place in the cycle
    phase: Phase
    progress: float  # 0 … 1 through the phase
    remaining: float  # seconds left in the phase
    elapsed: float  # seconds since the session started
    level_from: float
    level_to: float
    finished: bool = False

    def level(self, ease: Callable[[float], float] = linear) -> float:
        """How full the lungs are now (0 … 1), with an easing over the phase."""
        return self.level_from + (self.level_to - self.level_from) * ease(self.progress)

    @property
    def seconds_left(self) -> int:
        """The whole seconds a person sees counting down: 4, 3, 2, 1."""
        if self.finished:
            return 0
        return max(1, math.ceil(self.remaining - EPSILON))

    def until_change(self) -> float:
        """Seconds until what is shown changes: the next whole second, or the phase."""
        if self.finished:
            return math.inf
        return max(0.0, self.remaining - (self.seconds_left - 1))


def breath_at(pattern: Pattern, rounds: int, elapsed: float) -> BreathState:
    """Where a session of ``rounds`` rounds is, ``elapsed`` seconds after its start."""
    if rounds < 1:
        raise ValueError("a session has at least one round")
    elapsed = max(0.0, elapsed)
    cycle = pattern.cycle
    if elapsed >= pattern.duration(rounds) - EPSILON:
        last = len(pattern.phases) - 1
        level = pattern.levels[last][1]
        return BreathState(
            rounds, rounds, last, pattern.phases[last], 1.0, 0.0, elapsed, level, level, True
        )
    done = min(int(elapsed // cycle), rounds - 1)
    within = elapsed - done * cycle
    # Float remainders can land a hair below a boundary (e.g. 8.999999999 of 9 s).
    if cycle - within <= EPSILON:
        done, within = done + 1, 0.0
    index = bisect.bisect_right(pattern.starts, within + EPSILON) - 1
    phase = pattern.phases[index]
    into = max(0.0, within - pattern.starts[index])
    remaining = max(0.0, phase.seconds - into)
    level_from, level_to = pattern.levels[index]
    return BreathState(
        round=done + 1,
        rounds=rounds,
        index=index,
        phase=phase,
        progress=min(1.0, into / phase.seconds),
        remaining=remaining,
        elapsed=elapsed,
        level_from=level_from,
        level_to=level_to,
    )


def rounds_completed(pattern: Pattern, rounds: int, elapsed: float) -> int:
    """Whole rounds breathed by ``elapsed`` (for the record of a session left early)."""
    return min(rounds, int((max(0.0, elapsed) + EPSILON) // pattern.cycle))
