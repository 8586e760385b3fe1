"""Doctor and the store read a data file the same way: what every command calls damaged,
doctor calls damaged too (and counts), never "All good"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.services.doctor.report import run_doctor
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import segment
from tests.unit.test_passphrase_cli import companion


@pytest.mark.parametrize("stamp", ["1", True, 1.0, None, [1], 0, -3])
def test_a_schema_version_of_the_wrong_type(home: Path, clock: FakeClock, stamp: object) -> None:
    paths = resolve_paths(home)
    open_stores(paths, clock).entries.add(kind="free", text="words")
    journal = segment(home)  # the file of the journal the note goes to
    tables = json.loads(journal.read_text("utf-8"))
    tables["_meta"]["schema"]["schema_version"] = stamp
    journal.write_text(json.dumps(tables), "utf-8")
    note = companion(home, "note", "more")
    assert note.returncode == 1 and "is damaged" in note.stderr, note.stderr
    report = run_doctor(paths, {})
    text = "\n".join(report.lines)
    assert "All good" not in text and report.problems >= 1
    # (named for the file of the journal it is in)
    assert "! journal: cannot be read (entries-2026-11.db: schema_version is not a positive" in text
