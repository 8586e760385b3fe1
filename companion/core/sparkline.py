"""A one-line chart of daily values in block characters, readable without colour.

A missing day is a gap (a space), never a zero bar: nothing is drawn for a day with no
record. The lowest value of the scale still gets the smallest bar, so a low day is
visible rather than absent.
"""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
GAP = " "


def bar(value: float | None, low: float, high: float) -> str:
    if value is None:
        return GAP
    share = (min(max(value, low), high) - low) / (high - low) if high > low else 1.0
    return BARS[round(share * (len(BARS) - 1))]


def sparkline(
    values: Sequence[float | None], low: float, high: float, cell: int = 1, gap: int = 0
) -> str:
    """Each value as ``cell`` block characters, ``gap`` spaces between days."""
    return (GAP * gap).join(bar(v, low, high) * cell for v in values)
