"""After `passphrase set`, no file under the data folder holds a known private word, in
any form a file could hold it (UTF-8, JSON's \\u escapes, UTF-16), whatever was there
before: entries, tags, answers, drafts, a week of daily backups, what killed writes left
in data/ and backups/, a backup too damaged to convert. Only the `*.corrupt-*` copies
the README names may stay as they were found. Writing and backing up afterwards keeps
it so."""

from __future__ import annotations

import json
from pathlib import Path

from companion.services.drafts import ENTRY_EDITOR, Drafts
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import part_backups, segment
from tests.unit.test_passphrase_cli import companion
from tests.unit.test_plain_copies import killed_write

WORDS = ("papayawhip-refund", "木瓜退款暗号")
PASSPHRASE = "long enough 123"


def forms(word: str) -> set[bytes]:
    """Every way a file could spell ``word`` in plain text."""
    escaped = json.dumps(word)[1:-1]  # ASCII with \\uXXXX for the Chinese
    return {
        word.encode("utf-8"),
        escaped.encode("ascii"),
        escaped.lower().encode("ascii"),
        word.encode("utf-16-le"),
        word.encode("utf-16-be"),
    }


def plain_holders(home: Path) -> list[str]:
    """Files under the data folder (set-aside copies apart) that spell a word plainly."""
    found = []
    for path in sorted(home.rglob("*")):
        if not path.is_file() or ".corrupt-" in path.name:
            continue
        raw = path.read_bytes()
        found += [
            f"{path.relative_to(home)}: {w}" for w in WORDS if any(f in raw for f in forms(w))
        ]
    return found


def written_everywhere(home: Path, clock: FakeClock) -> None:
    """The words in every kind of private record, then a week of daily backups."""
    stores = open_stores(resolve_paths(home), clock)
    for word in WORDS:
        stores.entries.add(kind="free", text=f"the customer said {word}", tags=(word,))
        stores.entries.add(kind="thought", fields={"situation": word, "score": 3})
        Drafts(stores, clock).keep(ENTRY_EDITOR, {"text": word})
    stores.close()
    for _ in range(8):
        clock.advance(days=1)
        open_stores(resolve_paths(home), clock).close()  # a backup each day


def test_no_plain_word_is_left_after_passphrase_set(home: Path, clock: FakeClock) -> None:
    written_everywhere(home, clock)
    paths = resolve_paths(home)
    journal = segment(home)  # the month the words were written in
    raw = journal.read_text("utf-8")
    killed_write(journal, raw)  # a killed save
    copies = part_backups(home)[0].parent
    killed_write(copies / "entries-2026-11-2026-12-24.db", raw)  # a killed backup
    damaged = sorted(copies.glob("entries-2026-11-*.db"))[-1]  # never pruned
    damaged.write_bytes(damaged.read_bytes()[: len(raw) // 2])  # cannot be converted
    assert len(plain_holders(home)) >= 8

    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 1, done.stderr  # the damaged backup is named, not hidden
    assert damaged.name in done.stdout + done.stderr
    assert plain_holders(home) == []
    assert [p.name for p in home.rglob("*.corrupt-*")] != []

    # Written to and backed up afterwards, it stays so.
    env = {"COMPANION_PASSPHRASE": PASSPHRASE}
    assert companion(home, "note", f"later {WORDS[0]} {WORDS[1]}", **env).returncode == 0
    clock.advance(days=1)
    stores = open_stores(paths, clock, passphrase=PASSPHRASE)
    assert sum(WORDS[1] in e.text for e in stores.entries.all()) == 2
    stores.close()
    assert plain_holders(home) == []
