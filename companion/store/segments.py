"""How the journal's folder is laid out: which file holds what.

``data/journal/`` holds the journal as small TinyDB files that share one key:

- ``entries-YYYY-MM.db``: a segment, the entries written in one month (the month of
  their ``created_at`` as stored, with its own offset), each beside its search file
  ``entries-YYYY-MM.search``; entries without a readable date go to
  ``entries-undated.db``;
- ``practice.db``: reframes, drills, poker rounds, role plays (and any table a newer
  companion added);
- ``drafts.db``: unsaved writing, so an autosave rewrites a small file;
- ``index.cache``: a summary of each segment (how many entries, newest, oldest), made
  again whenever it does not match them.

A note, an edit or an autosave rewrites one small file, whatever the journal's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

FOLDER = "journal"
SEGMENT_PREFIX = "entries-"
UNDATED = "entries-undated"
PRACTICE = "practice"
DRAFTS = "drafts"
SUFFIX = ".db"
ENTRIES_TABLE = "entries"
DRAFTS_TABLE = "drafts"
PRACTICE_TABLES = ("reframes", "drill_attempts", "poker_rounds", "roleplay_runs")
LOCK_FILE = "journal.lock"

# A month a date can have: year 0001 to 9999, month 01 to 12. A file named for another
# (entries-2026-13.db, renamed by hand) is not one of the journal's.
_YEAR_MONTH = r"(?!0000)\d{4}-(?:0[1-9]|1[0-2])"
_MONTH = re.compile(_YEAR_MONTH)
_SEGMENT = re.compile(re.escape(SEGMENT_PREFIX) + rf"({_YEAR_MONTH}|undated)")


def segment_of(created_at: object) -> str:
    """The segment an entry belongs to, from its ``created_at`` (stored text or datetime)."""
    text = created_at.isoformat() if isinstance(created_at, datetime) else str(created_at)
    match = _MONTH.match(text)
    if match is None:
        return UNDATED
    return f"{SEGMENT_PREFIX}{match.group(0)}"


def is_segment(name: str) -> bool:
    return _SEGMENT.fullmatch(name) is not None


def month_of(segment: str) -> tuple[int, int] | None:
    match = _SEGMENT.fullmatch(segment)
    if match is None or match.group(1) == "undated":
        return None
    year, month = match.group(1).split("-")
    return int(year), int(month)


def newest_first(segments: Iterable[str]) -> list[str]:
    """Months newest first; the undated segment last."""
    return sorted(segments, key=lambda s: (month_of(s) is not None, s), reverse=True)


def part_names(folder: Path) -> list[str]:
    """The parts in ``folder`` (names without ``.db``): segments newest first, then the
    others. Set-aside copies, temp files and search files are not parts."""
    try:
        names = [p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX)]
    except OSError:
        return []
    segments = newest_first(n for n in names if is_segment(n))
    others = sorted(n for n in names if n in (PRACTICE, DRAFTS))
    return segments + others


def may_hold(segment: str, start: date | None, end: date | None) -> bool:
    """Can ``segment`` hold entries of the days from ``start`` to ``end`` in some time
    zone? (A stored offset and the reader's zone are at most a day apart.)"""
    month = month_of(segment)
    if month is None:
        return True
    year, number = month
    first = date(year, number, 1)
    last = date(year, 12, 31) if number == 12 else date(year, number + 1, 1) - timedelta(days=1)
    # (differences, not dates a day beyond: 9999-12 and 0001-01 are months too)
    if start is not None and (start - last).days > 1:
        return False
    return not (end is not None and (first - end).days > 1)
