"""The private incident note, kept: the customer's words exactly as pasted, in the
journal (encrypted with it), listed and exported as its own kind, read back by
``companion import``; and the factual report, as text and as a new file that never
replaces another."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from companion.core.journal import EntryError
from companion.services.container import build_services
from companion.services.incident import entry_report, report
from companion.store import encryption
from companion.system.i18n import Strings
from tests.unit.test_journal_cli import companion

WORDS = (
    "  你这种客服就该被开除！！\n"
    "[bold]I will report you[/bold] \t 😡\n"
    "\x1b[2J order 2026112300017, refund NOW\n"
)
FIELDS = {"time": "2026-11-23 10:12", "channel": "chat", "order": "2026112300017", "action": ""}


def services_at(home: Path, clock):  # type: ignore[no-untyped-def]
    return build_services(home=home, clock=clock, env={})


def test_the_words_are_kept_exactly_as_pasted(home: Path, clock) -> None:
    services = services_at(home, clock)
    entry = services.incidents.save(WORDS, FIELDS)
    assert entry.kind == "incident"
    assert entry.text == WORDS.rstrip()  # only the blank end goes, as in every entry
    assert entry.fields == {k: v for k, v in FIELDS.items() if v}
    again = services_at(home, clock).journal.get(entry.id)
    assert again is not None and again.text == WORDS.rstrip()


def test_a_note_without_words_is_refused_and_an_odd_channel_is_other(home: Path, clock) -> None:
    incidents = services_at(home, clock).incidents
    with pytest.raises(EntryError):
        incidents.save("  \n ", FIELDS)
    entry = incidents.save("you are useless", {**FIELDS, "channel": "[red]x"})
    assert entry.fields["channel"] == "other"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_is_plain_and_neutral_with_the_words_unchanged(lang: str) -> None:
    t = Strings(lang)
    text = report(WORDS, FIELDS, t)
    # Not one character changed, but ESC shows as a symbol: the report goes to a
    # clipboard, a file, and someone's terminal.
    assert WORDS.rstrip("\n").replace("\x1b", "\u241b") in text
    assert "\x1b" not in text
    odd = report("w", {**FIELDS, "order": "\x1b]52;c;x\x07", "action": "\x9b2J", "time": "\r"}, t)
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in odd)
    assert t("incident.report.title") in text and t("incident.report.closing") in text
    assert t("incident.report.order", order="2026112300017") in text
    assert t("incident.channels.chat") in text
    without = report(WORDS, {**FIELDS, "order": " ", "action": "ended the chat"}, t)
    assert t("incident.report.no_order") in without
    assert t("incident.report.action", action="ended the chat") in without
    assert t("incident.report.action", action="") not in text  # no empty "action" line


def test_the_report_of_a_kept_note_is_the_same(home: Path, clock) -> None:
    services = services_at(home, clock)
    entry = services.incidents.save(WORDS, FIELDS)
    t = Strings("en")
    assert entry_report(entry, t) == report(WORDS.rstrip(), FIELDS, t)


def test_a_saved_report_is_private_and_never_replaces_a_file(home: Path, clock) -> None:
    incidents = services_at(home, clock).incidents
    first = incidents.save_report("one\n")
    second = incidents.save_report("two\n")
    assert first != second and first.name == "incident-2026-11-23-1030.txt"
    assert second.name == "incident-2026-11-23-1030-2.txt"
    assert (first.read_text(), second.read_text()) == ("one\n", "two\n")
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    # A link planted where the next report would go is left alone, and not followed.
    target = home / "victim.txt"
    target.write_text("keep me")
    os.symlink(target, first.parent / "incident-2026-11-23-1030-3.txt")
    third = incidents.save_report("three\n")
    assert third.name == "incident-2026-11-23-1030-4.txt"
    assert target.read_text() == "keep me"


def test_encrypted_the_words_are_nowhere_in_plain_text(home: Path, clock) -> None:
    services = services_at(home, clock)
    encryption.encrypt(services.stores.journal, "long enough 123")
    services.incidents.save("unmistakable-insult-7731 你这个废物", FIELDS)
    services.journal.drafts.keep("incident-note", {"words": "draft-insult-9942"})
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"unmistakable-insult-7731" not in data, path
            assert b"draft-insult-9942" not in data, path
            assert "你这个废物".encode() not in data, path


def test_exports_show_it_as_its_own_kind_and_json_comes_back(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-home"
    from companion.system.clock import SystemClock

    services = build_services(home=home, clock=SystemClock(), env={})
    services.incidents.save(WORDS, {**FIELDS, "action": "told my supervisor"})
    services.stores.close()
    markdown = companion(home, "export", "-f", "md").stdout
    assert "Incident note" in markdown and "**Their exact words**" in markdown
    assert "**Where**  \nChat" in markdown and "2026112300017" in markdown
    text = companion(home, "export", "-f", "txt", lang="zh_CN.UTF-8").stdout
    assert "不当对待记录" in text and "在哪里：\n千牛聊天" in text
    exported = tmp_path / "backup.json"
    companion(home, "export", "-f", "json", "-o", str(exported))
    (entry,) = json.loads(exported.read_text())["entries"]
    assert entry["kind"] == "incident" and entry["text"] == WORDS.rstrip()
    assert companion(other, "import", str(exported)).returncode == 0
    found = json.loads(companion(other, "find", "--kind", "incident", "--json").stdout)
    assert [e["text"] for e in found] == [WORDS.rstrip()]
    assert found[0]["fields"]["order"] == "2026112300017"
    again = companion(other, "import", str(exported)).stdout
    assert "Imported: 0 entries" in again  # the same note is not added twice


def test_a_full_disk_leaves_no_half_report(home: Path, clock, monkeypatch) -> None:
    import errno

    incidents = services_at(home, clock).incidents

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError):
        incidents.save_report("the words\n")
    monkeypatch.undo()
    assert list((home / "data" / "reports").iterdir()) == []  # no file, no temp file
