"""`companion import` with a file made to break it: nesting 100,000 deep, an integer of
5,000 digits, a lone surrogate in any text, tag, key or id (ours and jrnl's), numbers
past 64 bits or not numbers at all. A clear message, the journal untouched, and no
half-added import left in memory for a later write to keep."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.services.journal.importing import ImportProblem, read_file
from companion.store.errors import StoreNotStorable
from companion.store.journal_writes import add_together
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import journal_dir
from tests.unit.test_passphrase_cli import companion

WHEN = "2026-11-20T10:00:00+08:00"


def ours(**entry: object) -> dict[str, object]:
    base = {"kind": "free", "text": "fine", "created_at": WHEN, "tags": [], "fields": {}}
    return {"format": "companion-journal", "version": 2, "entries": [{**base, **entry}]}


def jrnl(**entry: object) -> dict[str, object]:
    base = {"date": "2026-11-20", "time": "10:00", "title": "fine", "body": "", "tags": []}
    return {"tags": {}, "entries": [{**base, **entry}]}


def round_with(**fields: object) -> dict[str, object]:
    data = ours()
    data["poker_rounds"] = [{"card_id": "c1", "created_at": WHEN, **fields}]
    return data


LONE = "\ud800"
HOSTILE = {
    "nested_100000": ("[" * 100_000 + "]" * 100_000, "nests lists or tables more than"),
    "int_5000_digits": (json.dumps(ours(starred=False)).replace("false", "9" * 5000), "number"),
    "surrogate_text": (ours(text=f"hi {LONE}"), "not valid Unicode"),
    "surrogate_tag": (ours(tags=[f"tag{LONE}"]), "not valid Unicode"),
    "surrogate_key": (ours(fields={f"k{LONE}": "v"}), "not valid Unicode"),
    "surrogate_id": (ours(id=f"id-{LONE}"), "not valid Unicode"),
    "surrogate_jrnl_title": (jrnl(title=f"t{LONE}"), "not valid Unicode"),
    "surrogate_jrnl_tag": (jrnl(tags=[f"@w{LONE}"]), "not valid Unicode"),
    "overflow_field": (ours(fields={"n": 2**64}), "number too large"),
    "overflow_poker_seconds": (round_with(seconds=2**63), "number too large"),
    "nan": (json.dumps(ours(fields={"n": 1})).replace('"n": 1', '"n": NaN'), "number"),
    "deep_fields": (ours(fields={"a": json.loads("[" * 40 + "]" * 40)}), "levels deep"),
}


def written(home: Path) -> dict[Path, bytes]:
    """Every file of the journal's folder (its daily backups are not what it holds)."""
    return {p: p.read_bytes() for p in journal_dir(home).iterdir() if p.is_file()}


def file_text(spec: object) -> str:
    # json.dumps escapes a lone surrogate as \\ud800, as a hostile file would hold it.
    return spec if isinstance(spec, str) else json.dumps(spec)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_it_is_refused_clearly_and_the_journal_is_untouched(
    home: Path, tmp_path: Path, name: str
) -> None:
    spec, said = HOSTILE[name]
    assert companion(home, "note", "already here").returncode == 0
    before = written(home)
    hostile = tmp_path / "hostile.json"
    hostile.write_text(file_text(spec), "utf-8")
    done = companion(home, "import", str(hostile))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "Nothing was imported" in done.stderr and said in done.stderr
    assert written(home) == before
    zh = companion(home, "import", str(hostile), LANG="zh_CN.UTF-8")
    assert zh.returncode == 2 and "没有导入任何内容" in zh.stderr


def test_a_record_that_cannot_be_stored_leaves_nothing_behind_in_memory(
    home: Path, clock: FakeClock
) -> None:
    """Had it slipped past the import's check, the store itself refuses it whole."""
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="kept")
    good = read_file(json.dumps(ours(text="good one")).encode(), clock.now().tzinfo).entries
    bad = [e.__class__(**{**e.__dict__, "id": "x", "text": f"bad {LONE}"}) for e in good]
    with pytest.raises(StoreNotStorable), stores.journal.transaction():
        add_together(stores.journal, {"entries": good + bad})
    assert [e.text for e in stores.entries.all()] == ["kept"]
    stores.entries.add(kind="free", text="later")  # a later write keeps none of it
    again = open_stores(resolve_paths(home), clock)
    assert sorted(e.text for e in again.entries.all()) == ["kept", "later"]


def test_a_note_given_bytes_that_are_not_utf8_is_refused_in_words(home: Path) -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [str(Path(sys.executable).parent / "companion").encode(), b"note", b"caf\xe9"],
        capture_output=True,
        env={**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8"},
        timeout=60,
    )
    assert b"Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2 and b"not readable text" in done.stderr
    assert companion(home, "find", "").stdout.count("caf") == 0


def test_the_checks_are_the_readers_own() -> None:
    from datetime import UTC

    with pytest.raises(ImportProblem) as caught:
        read_file(file_text(ours(text=LONE)).encode(), UTC)
    assert caught.value.code == "not_unicode"
