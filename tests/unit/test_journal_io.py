"""Exports and imports: our JSON round-trips, jrnl's export comes in, bad files are
refused whole, duplicates are skipped."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from companion.services.journal.export import export_json, export_markdown, export_text, sections
from companion.services.journal.importing import ImportProblem, read_import
from companion.services.journal.merge import fingerprint, new_records
from companion.services.journal.service import catalogue
from companion.store.schema import Entry
from companion.system.i18n import Strings

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)


def make(n: int, kind: str = "free", **kw) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(id=f"id-{n}", created_at=NOW, updated_at=NOW, kind=kind, **kw)


ENTRIES = [
    make(
        1,
        "thought",
        text="Refund storm",
        fields={"emotions": [{"name": "angry", "intensity": 70}], "thought": "I can't do this"},
        tags=("refund",),
        starred=True,
    ),
    make(2, "observation", text="I froze", fields={"subject": "she"}),
    make(3, "vent", text="ugh", fields={"trigger": "abuse"}),
    make(4, "mood", fields={"score": 2}),
]


def test_json_export_round_trips() -> None:
    again = read_import(export_json(ENTRIES, NOW).encode(), SHANGHAI)
    assert again == ENTRIES


def test_markdown_and_text_exports_speak_the_language_and_keep_every_kind() -> None:
    en = export_markdown(ENTRIES, catalogue("en"), Strings("en"), SHANGHAI, NOW)
    assert en.startswith("# Journal, exported Monday 23 November 2026\n")
    assert "## 2026-11-23 10:30 · Thought log ★" in en
    assert "**What did you feel, and how strongly? (0–100)**  \nangry 70" in en
    assert "**Whose story is this?**  \nshe" in en and "I froze" in en  # as written
    # Line breaks survive rendering: a label above its answer, lines of an answer apart.
    two_lines = export_markdown(
        [make(9, text="first line\nsecond line")], catalogue("en"), Strings("en"), SHANGHAI, NOW
    )
    assert "first line  \nsecond line" in two_lines
    # Another feature's kind has its own name; a field it keeps for itself still shows.
    assert "## 2026-11-23 10:30 · Vent (kept from SOS)" in en and "**trigger**  \nabuse" in en
    assert "2 · low" in en and "#refund" in en
    zh = export_text(ENTRIES, catalogue("zh"), Strings("zh"), SHANGHAI)
    assert "2026-11-23 10:30 · 想法记录 ★" in zh and "发生了什么？只写事实：\nRefund storm" in zh
    # A question keeps its own mark rather than gaining a colon after it.
    en_text = export_text(ENTRIES, catalogue("en"), Strings("en"), SHANGHAI)
    assert "Whose story is this?\nshe" in en_text and "?:" not in en_text
    assert "？:" not in zh


def test_jrnl_json_export_is_imported_as_free_writing() -> None:
    jrnl = {
        "tags": {"@work": 1},
        "entries": [
            {
                "title": "Long day.",
                "body": "Refund queue @work",
                "date": "2024-03-01",
                "time": "18:05",
                "tags": ["@work"],
                "starred": True,
            },
            {"title": "短的一条", "body": "", "date": "2024-03-02", "time": "09:00", "tags": []},
        ],
    }
    entries = read_import(json.dumps(jrnl).encode(), SHANGHAI)
    assert [(e.kind, e.text, e.tags, e.starred) for e in entries] == [
        ("free", "Long day.\nRefund queue @work", ("work",), True),
        ("free", "短的一条", (), False),
    ]
    assert entries[0].created_at == datetime(2024, 3, 1, 18, 5, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\xff\xfe", "not_utf8"),
        (b"{not json", "not_json"),
        (b'{"format": "companion-journal", "version": 99, "entries": []}', "too_new"),
        (b'{"hello": 1}', "unknown_format"),
        (
            b'{"format": "companion-journal", "version": 1, "entries": [{"kind": 3}]}',
            "bad_record",
        ),
        (b'{"entries": [{"title": "x", "date": "yesterday"}]}', "bad_record"),
    ],
)
def test_bad_files_are_refused_with_a_reason(raw: bytes, code: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_import(raw, SHANGHAI)
    assert caught.value.code == code


def test_jrnl_tags_become_tags_companion_can_search() -> None:
    jrnl = {
        "entries": [
            {
                "title": "Escalations",
                "body": "",
                "date": "2024-03-01",
                "time": "18:05",
                "tags": ["@work/refund", "@c++", "@my_team", "#退款", "@!!", "@Work/Refund"],
            }
        ]
    }
    (entry,) = read_import(json.dumps(jrnl).encode(), SHANGHAI)
    assert entry.tags == ("work-refund", "c", "my_team", "退款")


def test_our_own_tags_come_back_exactly_so_a_reimport_is_a_duplicate() -> None:
    tagged = make(5, text="tagged", tags=("todo_", "x-", "退款"))
    raw = export_json([tagged], NOW).encode()
    assert read_import(raw, SHANGHAI)[0].tags == ("todo_", "x-", "退款")
    fresh, duplicates, _ = new_records(read_import(raw, SHANGHAI), [tagged], fingerprint)
    assert (fresh, duplicates) == ([], 1)


@pytest.mark.parametrize(
    "when", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00"]
)
def test_a_time_at_the_ends_of_the_calendar_is_refused_not_a_later_crash(when: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_import(_ours(created_at=when), SHANGHAI)
    assert caught.value.detail == {"number": "1", "reason": "created_at"}
    jrnl = {"entries": [{"title": "x", "date": "0001-01-01", "time": "00:00"}]}
    with pytest.raises(ImportProblem):
        read_import(json.dumps(jrnl).encode(), SHANGHAI)


def _ours(**record: object) -> bytes:
    base = {"kind": "free", "text": "x", "created_at": "2026-11-23T10:30:00+08:00"}
    doc = {"format": "companion-journal", "version": 1, "entries": [base | record]}
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"kind": "weird"}, "kind"),
        ({"kind": "mood", "text": "", "fields": {"score": 99}}, "score"),
        ({"kind": "mood", "text": "", "fields": {"score": "high"}}, "score"),
        ({"kind": "thought", "text": " ", "fields": {"thought": ""}}, "text"),
        ({"tags": ["ok", 3]}, "tags"),
        ({"tags": [f"t{i}" for i in range(40)]}, "tags"),
    ],
)
def test_an_entry_the_journal_would_refuse_is_refused_on_import(
    record: dict[str, object], reason: str
) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_import(_ours(**record), SHANGHAI)
    assert caught.value.code == "bad_record"
    assert caught.value.detail == {"number": "1", "reason": reason}


def test_exact_duplicates_are_skipped_and_taken_ids_renewed() -> None:
    other = make(1, text="different writing, same id")
    fresh, duplicates, _ = new_records([*ENTRIES, other, ENTRIES[0]], ENTRIES[:2], fingerprint)
    assert duplicates == 3
    assert [e.text for e in fresh] == ["ugh", "", "different writing, same id"]
    assert fresh[-1].id != "id-1" and fresh[0].id == "id-3"


def test_other_features_kinds_read_naturally() -> None:
    intention = Entry(
        id="i",
        created_at=NOW,
        updated_at=NOW,
        kind="intention",
        text="Breathe before each hard reply",
        fields={"routine": "energy_station", "feeling": "tense"},
    )
    release = Entry(
        id="r",
        created_at=NOW,
        updated_at=NOW,
        kind="release",
        text="Calm with the coupon storm\nThe rude one at 3",
        fields={
            "routine": "release",
            "went_well": "Calm with the coupon storm",
            "let_go": "The rude one at 3",
        },
    )
    zh = dict(sections(intention, catalogue("zh"), Strings("zh")))
    assert zh == {"今天我想": "Breathe before each hard reply", "上班时的感觉": "有点紧绷"}
    en = sections(release, catalogue("en"), Strings("en"))
    assert en == [
        ("One thing that went well", "Calm with the coupon storm"),
        ("One thing to leave behind", "The rude one at 3"),
    ]  # no "routine", no echo
