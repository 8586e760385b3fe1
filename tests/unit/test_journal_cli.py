"""The journal commands from a shell: note, find, export, import; bad input gets a clear
message, a non-zero exit, and nothing is written."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from companion.store.practice_records import Reframe
from companion.store.schema import Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_import_hygiene import loaded_modules


def companion(
    home: Path, *args: str, stdin: str | bytes | None = None, lang: str = "en_US.UTF-8"
) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "companion"
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [str(script), "--data-dir", str(home), *args],
        input=data,
        capture_output=True,
        timeout=60,
        env={**os.environ, "LANG": lang},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def journal_bytes(home: Path) -> bytes:
    path = home / "data" / "journal.db"
    return path.read_bytes() if path.exists() else b""


def test_note_find_and_json(home: Path) -> None:
    assert (
        companion(
            home, "note", "Refund storm, I froze #refund", "--kind", "thought", "-t", "late"
        ).returncode
        == 0
    )
    piped = companion(home, "note", "--star", stdin="顾客说要投诉我 😀\n第二行")
    assert piped.returncode == 0 and "Saved (Free writing)" in piped.stdout
    assert companion(home, "note", "--kind", "mood", "4", "steady").returncode == 0
    found = companion(home, "find", "REFUND")
    assert found.returncode == 0
    assert "Thought" in found.stdout and "Refund storm, I froze #refund #late" in found.stdout
    assert "Found: 1." in found.stdout
    as_json = json.loads(companion(home, "find", "投诉", "--json").stdout)
    assert [e["text"] for e in as_json] == ["顾客说要投诉我 😀\n第二行"] and as_json[0]["starred"]
    assert companion(home, "find", "--tag", "LATE", "--kind", "thought").stdout.count("\n") == 2
    assert "Found: 0." in companion(home, "find", "--starred", "--kind", "mood").stdout
    limited = companion(home, "find", "-n", "1").stdout.splitlines()
    assert len(limited) == 2 and "4/5 steady" in limited[0]  # newest first


def test_find_takes_a_kind_by_the_name_the_app_shows(home: Path) -> None:
    companion(home, "note", "退款风波", "--kind", "thought")
    companion(home, "note", "随便写写")
    found = companion(home, "find", "--kind", "想法", lang="zh_CN.UTF-8")
    assert found.returncode == 0 and "退款风波" in found.stdout and "找到 1 条。" in found.stdout
    assert "退款风波" in companion(home, "find", "--kind", "Thought").stdout


def test_find_speaks_chinese_and_shows_control_characters_harmlessly(home: Path) -> None:
    companion(home, "note", stdin="before \x1b[2J after")
    found = companion(home, "find", "before", lang="zh_CN.UTF-8")
    assert "\x1b" not in found.stdout and "␛[2J" in found.stdout and "找到 1 条。" in found.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["note", "--kind", "nope", "x"], None, "“nope” is not a kind of entry"),
        (["note", "--kind", "mood", "9"], None, "is not a mood score"),
        (["note", "-t", "two words", "x"], None, "can't be a tag"),
        (["note"], "   \n", "There is nothing to save yet"),
        (["note"], b"\xff\xfe\x00", "not UTF-8 text"),
        (["find", "--from", "2026-02-30"], None, "“2026-02-30” is not a date"),
        (["find", "-n", "0"], None, "-n must be 1 or more"),
        (["find", "--kind", "nope"], None, "“nope” is not a kind of entry"),
    ],
)
def test_bad_input_is_a_clear_message_and_writes_nothing(
    home: Path, args: list[str], stdin: str | bytes | None, message: str
) -> None:
    companion(home, "note", "first")
    before = journal_bytes(home)
    result = companion(home, *args, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert journal_bytes(home) == before


def test_export_formats_are_private_and_warn(home: Path, tmp_path: Path) -> None:
    companion(home, "note", "Refund storm #refund", "--kind", "thought")
    out = tmp_path / "journal.md"
    result = companion(home, "export", "--format", "md", "--out", str(out))
    assert result.returncode == 0 and "Exported 1 entry, 0 reframes to" in result.stdout
    assert "not protected" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "**What happened? Just the facts**  \nRefund storm #refund" in out.read_text()
    text = companion(home, "export", "-f", "txt").stdout
    assert "Thought log" in text and "Refund storm" in text
    folder = companion(home, "export", "--out", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr


def test_an_export_killed_midway_leaves_no_copy_once_exported_again(
    home: Path, tmp_path: Path
) -> None:
    """A killed `export --out` left its temp file (a plain copy of the journal, hidden
    by its dot) beside the export for good. The next export to that file removes it,
    beside the file a link leads to as well; files of other programs with names alike
    (another pattern, not private, a pipe) and another file's temp are left alone."""
    from tests.unit.test_plain_copies import killed_write

    companion(home, "note", "a private refund")
    real = tmp_path / "real"
    real.mkdir()
    out, linked = real / "journal.md", tmp_path / "link.md"
    linked.symlink_to(out)
    killed = killed_write(out, "a private refund, half")
    others = [real / f".journal.md.{tail}.tmp" for tail in ("old", "backup_1", "v2")]
    for path in others:
        path.write_text("not an export")
    os.mkfifo(real / ".journal.md.bbbbbbbbbbbb.tmp")
    others.append(real / ".journal.md.bbbbbbbbbbbb.tmp")
    other_file = killed_write(real / "notes.txt", "not an export")
    result = companion(home, "export", "--format", "md", "--out", str(linked))
    assert result.returncode == 0, result.stderr
    assert not killed.exists()
    assert all(os.path.lexists(path) for path in [*others, other_file])
    assert "a private refund" in out.read_text() and linked.is_symlink()


def test_import_ours_and_jrnls_all_or_nothing_skipping_duplicates(
    home: Path, tmp_path: Path
) -> None:
    companion(home, "note", "one")
    exported = tmp_path / "mine.json"
    companion(home, "export", "-f", "json", "-o", str(exported))
    other = tmp_path / "other-home"
    first = companion(other, "import", str(exported)).stdout
    assert "Imported: 1 entry, 0 reframes. Skipped, already there: 0 entries" in first
    again = companion(other, "import", str(exported)).stdout
    assert "Imported: 0 entries, 0 reframes. Skipped, already there: 1 entry," in again
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {
                        "title": "From jrnl.",
                        "body": "",
                        "date": "2024-01-02",
                        "time": "08:00",
                        "tags": [],
                    },
                ],
            }
        )
    )
    assert "Imported: 1 entry," in companion(other, "import", str(jrnl)).stdout
    assert "From jrnl." in companion(other, "find", "jrnl").stdout
    before = journal_bytes(other)
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {"title": "fine", "date": "2024-01-03", "time": "08:00"},
                    {"title": "bad", "date": "someday"},
                ],
            }
        )
    )
    result = companion(other, "import", str(broken))
    assert result.returncode == 2 and "Nothing was imported: entry 2 has a bad" in result.stderr
    missing = companion(other, "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "Could not read" in missing.stderr
    assert journal_bytes(other) == before


def reframes_of(home: Path, clock: FakeClock) -> tuple[list[Entry], list[Reframe]]:
    stores = open_stores(resolve_paths(home), clock)
    try:
        return stores.entries.all(), stores.reframes.all()
    finally:
        stores.close()


def test_a_json_backup_carries_reframes_and_their_links_to_another_journal(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    companion(home, "note", "--kind", "thought", "Parcel late, customer furious")
    stores = open_stores(resolve_paths(home), clock)
    (entry,) = stores.entries.all()
    stores.reframes.add(
        facts="Parcel five days late",
        thought="It's my fault",
        feeling="anxious",
        before=80,
        traps=("personalising",),
        meaning="The courier is late; I can help him track it",
        action="Send the tracking link",
        after=35,
        entry_id=entry.id,
        page="summary",
        finished=True,
    )
    stores.poker_rounds.add(card_id="late_parcel", reframe="Not about me", seconds=40)
    stores.close()
    backup = tmp_path / "backup.json"
    exported = companion(home, "export", "-f", "json", "-o", str(backup))
    assert "Exported 1 entry, 1 reframe, 1 poker round to" in exported.stdout

    other = tmp_path / "new-computer"
    first = companion(other, "import", str(backup), lang="zh_CN.UTF-8")
    assert first.returncode == 0, first.stderr
    assert "导入了 1 条日记、1 条“换个角度想”、1 局转念卡；" in first.stdout
    again = companion(other, "import", str(backup)).stdout
    assert "Imported: 0 entries, 0 reframes. Skipped, already there: 1 entry, 1 reframe," in again
    (moved,), (reframe,) = reframes_of(other, clock)
    assert reframe.entry_id == moved.id and reframe.after == 35  # the link came along
    readable = companion(other, "export", "-f", "md").stdout
    assert "# Reframes" in readable and "**The feeling**  \nanxious, 80 of 100" in readable

    # One bad reframe and nothing at all is imported, new entries included.
    doc = json.loads(backup.read_text())
    doc["entries"].append({**doc["entries"][0], "id": "new", "text": "new writing"})
    doc["reframes"][0]["before"] = 170
    backup.write_text(json.dumps(doc))
    before = journal_bytes(other)
    refused = companion(other, "import", str(backup))
    assert refused.returncode == 2
    assert (
        "Nothing was imported: reframe 1: “before” should be a whole number from 0 to 100"
        in refused.stderr
    )
    assert journal_bytes(other) == before


def test_journal_commands_do_not_import_textual(tmp_path: Path) -> None:
    for argv in (["note", "x"], ["find", "x"], ["export", "-f", "json"], ["note", "--help"]):
        modules = loaded_modules(
            "from companion.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass",
            env={"COMPANION_HOME": str(tmp_path / "h")},
        )
        assert "companion.services.journal.service" in modules or argv[-1] == "--help"
        assert "textual" not in modules, argv
