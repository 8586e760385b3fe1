"""bench_journal's figures as rows of a table, each next to its goal (issue 17).

Rows come in the order of the issue's table, one per size where the figure has one.
A ratio is the median of the ratios of runs made side by side; a time is the median
with the worst beside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from harness import Row, Runs, TuiRuns, ms, pair_ratio

MEMORY_GOALS_MB = {25_000: 80.0, 100_000: 150.0}


@dataclass
class SizeFigures:
    count: int
    start: dict[str, TuiRuns]  # "companion" and "bare"
    notes: dict[str, Runs]  # "plain", "encrypted" and (when installed) "jrnl"
    finds: dict[str, Runs]  # "plain" and "jrnl"
    inside: dict[str, Any]  # what tui_probe.py printed for search, note and autosave
    unlocks: list[dict[str, Any]]  # one tui_probe.py unlock per run

    @property
    def label(self) -> str:
        return f"{self.count // 1000}k" if self.count >= 1000 else str(self.count)


def ratio_row(figure: str, ours: Runs, theirs: Runs | None, goal: float) -> Row:
    if theirs is None or not theirs.wall or not ours.wall:
        return Row(
            figure,
            ours.spread() if ours.wall else "not measured",
            "not measured",
            goal=f"≤ {goal}×",
        )
    value = pair_ratio(ours.wall, theirs.wall)
    return Row(figure, ours.spread(), theirs.spread(), f"{value:.2f}×", f"≤ {goal}×", value <= goal)


def millis_row(
    figure: str, values: Iterable[float | None], goal_ms: float | None, reference: str = ""
) -> Row:
    known = [v for v in values if v is not None]
    goal = f"≤ {goal_ms:.0f} ms" if goal_ms is not None else ""
    if not known:
        return Row(figure, "not measured", reference, goal=goal)
    middle = statistics.median(known)
    text = f"{ms(middle)} (max {ms(max(known))})" if len(known) > 1 else ms(middle)
    met = None if goal_ms is None else middle * 1000 <= goal_ms
    return Row(figure, text, reference, goal=goal, met=met)


def start_row(label: str, start: dict[str, TuiRuns], goal: float) -> Row:
    figure = f"TUI start to first paint ÷ bare Textual, {label}"
    ours, bare = start["companion"].start, start["bare"].start
    if not ours or len(ours) != len(bare):
        return Row(figure, "not measured", goal=f"≤ {goal}×")
    value = pair_ratio(ours, bare)
    return Row(
        figure,
        ms(statistics.median(ours)),
        ms(statistics.median(bare)),
        f"{value:.2f}×",
        f"≤ {goal}×",
        value <= goal,
    )


def memory_row(size: SizeFigures) -> Row:
    figure, goal = f"TUI memory on Home, {size.label}", MEMORY_GOALS_MB.get(size.count)
    ours, bare = size.start["companion"], size.start["bare"]
    if not ours.rss:
        return Row(figure, "not measured")
    rss, pss = statistics.median(ours.rss), statistics.median(ours.pss)
    bare_rss = statistics.median(bare.rss) if bare.rss else float("nan")
    return Row(
        figure,
        f"{rss:.0f} MB RSS (PSS {pss:.0f})",
        f"{bare_rss:.0f} MB (bare)",
        f"{rss / bare_rss:.2f}×",
        f"≤ {goal:.0f} MB" if goal else "",
        None if goal is None else rss <= goal,
    )


# The issue sets the ratios to jrnl at 25k. Below that they are printed without a goal:
# jrnl's whole run there (~0.3 s at 1k) is a few times Python's own start, so the ratio
# measures the interpreter, not what a note or a search costs; what the issue asks of a
# small journal is that a note there costs what it costs at 25k ("note at 25k ÷ at 1k").
JRNL_GOALS_FROM = 25_000


def against_jrnl(
    sizes: list[SizeFigures], figure: str, kind: str, ours: str, goal: float
) -> Iterator[Row]:
    """One row per size: companion's ``ours`` runs of ``kind`` ÷ jrnl's."""
    for s in sizes:
        runs = s.notes if kind == "note" else s.finds
        row = ratio_row(f"{figure}, {s.label}", runs[ours], runs.get("jrnl"), goal)
        if s.count < JRNL_GOALS_FROM:
            row = replace(row, goal=f"({row.goal} at {JRNL_GOALS_FROM // 1000}k)", met=None)
        yield row


def rows(
    empty: dict[str, TuiRuns], sizes: list[SizeFigures], by_size: dict[str, Runs] | None
) -> list[Row]:
    out = [start_row("empty data folder", empty, 1.3)]
    out += [start_row(f"{s.label} entries", s.start, 1.4) for s in sizes]
    out += against_jrnl(sizes, "`companion note` ÷ `jrnl` add", "note", "plain", 0.1)
    if by_size and sizes and str(sizes[0].count) in by_size:
        first = by_size[str(sizes[0].count)]
        out += [
            ratio_row(
                f"`companion note` at {s.label} ÷ at {sizes[0].label}",
                by_size[str(s.count)],
                first,
                1.3,
            )
            for s in sizes[1:]
        ]
    encrypted = "`companion note`, encrypted, 7 backups ÷ `jrnl` add"
    out += against_jrnl(sizes, encrypted, "note", "encrypted", 0.2)
    out += against_jrnl(
        sizes, "`companion find WORD` ÷ `jrnl -contains WORD`", "find", "plain", 0.1
    )
    out += [memory_row(s) for s in sizes]
    for s in sizes:
        latencies = s.inside.get("search", {}).get("latencies", [])
        out.append(
            millis_row(f"TUI keystroke → search results, common words, {s.label}", latencies, 50)
        )
    for s in sizes:
        autosave = s.inside.get("autosave", {})
        idle = autosave.get("idle")
        quiet = f"idle: {ms(idle)}" if idle is not None else ""
        out.append(
            millis_row(
                f"editor autosave, UI blocked, {s.label}", autosave.get("blocked", []), 10, quiet
            )
        )
    for s in sizes:
        note = s.inside.get("note", {})
        out.append(
            millis_row(
                f"a CLI note appearing in the open app, UI blocked, {s.label}",
                note.get("blocked", []),
                50,
            )
        )
        out.append(
            millis_row(
                "  … listed after (the journal looks every 5 s)", note.get("shown", []), None
            )
        )
    for s in sizes:
        out.append(
            millis_row(
                f"unlock, 7 backups: Enter → journal list drawn, {s.label}",
                [u.get("listed") for u in s.unlocks],
                300,
            )
        )
        out.append(
            millis_row("  … UI blocked meanwhile", [u.get("blocked") for u in s.unlocks], None)
        )
        plain, secret = s.notes["plain"].wall, s.notes["encrypted"].wall
        out.append(
            millis_row(
                "  … in a command (note encrypted − note plain)",
                [e - p for e, p in zip(secret, plain, strict=True)],
                None,
            )
        )
        out.append(
            millis_row(
                "  … opening the journal unencrypted (j → list drawn)",
                [s.inside.get("open_journal")],
                None,
            )
        )
    return out
