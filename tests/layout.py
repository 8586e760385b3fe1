"""Where the journal keeps its files (see companion/store/segments.py), for tests that
damage, grep or count them."""

from __future__ import annotations

from pathlib import Path

MONTH = "2026-11"  # the month of the tests' clock (Monday 23 November 2026)


def journal_dir(home: Path) -> Path:
    return home / "data" / "journal"


def segment(home: Path, month: str = MONTH) -> Path:
    """The segment holding the entries written in ``month``."""
    return journal_dir(home) / f"entries-{month}.db"


def part_backups(home: Path) -> list[Path]:
    """Every backup of a file of the journal, oldest name first."""
    folder = home / "backups" / "journal"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def journal_files(home: Path) -> list[Path]:
    """Every file of the journal and its backups (the old single file's too)."""
    found = (
        [p for p in journal_dir(home).rglob("*") if p.is_file()]
        if journal_dir(home).is_dir()
        else []
    )
    found += part_backups(home)
    found += sorted((home / "backups").glob("journal-*.db"))
    return found


def holding(home: Path, word: str) -> list[Path]:
    """Files under the data and backup folders that hold ``word`` as plain UTF-8, apart
    from files set aside (*.corrupt-*), which are kept exactly as they were found."""
    needle = word.encode("utf-8")
    return [
        p
        for folder in (home / "data", home / "backups")
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.is_file() and ".corrupt-" not in p.name and needle in p.read_bytes()
    ]
