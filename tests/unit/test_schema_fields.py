"""What is kept inside records, read in one place (store/schema.py and
store/practice_records.py): a mood's score, the feelings named, an observation's
subject, the editor's draft, and which records an import counts as the same."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from companion.services.journal.merge import poker_fingerprint, reframe_fingerprint
from companion.store.practice_records import PokerRound, Reframe
from companion.store.schema import Draft, EditorDraft, Entry, emotion_names, mood_score
from tests.conftest import SHANGHAI

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)


def entry(kind: str, **fields: object) -> Entry:
    return Entry(id="e", created_at=NOW, updated_at=NOW, kind=kind, fields=dict(fields))


@pytest.mark.parametrize(
    ("fields", "score"),
    [({"score": 4}, 4), ({"score": " 3 "}, 3), ({"score": True}, None), ({}, None),
     ({"score": "four"}, None), ({"score": 2.0}, None)],
)  # fmt: skip
def test_a_moods_score(fields: dict, score: int | None) -> None:
    assert mood_score(fields) == score
    assert entry("mood", **fields).mood_score == score
    assert entry("free", **fields).mood_score is None  # only a check-in has one


def test_feelings_and_subject() -> None:
    fields = {"emotions": [{"name": "angry", "intensity": 70}, "tired", {"x": 1}, " ", 5]}
    assert emotion_names(fields) == ("angry", "tired")
    assert emotion_names({"emotions": "angry"}) == ()
    assert entry("observation", subject="he").subject == "he"
    assert entry("observation", subject=3).subject is None
    assert entry("observation").subject is None


def test_the_editors_draft_round_trip_and_odd_fields() -> None:
    kept = EditorDraft("thought", "e1", {"text": "half"}, "#refund")
    draft = Draft(id="d", created_at=NOW, updated_at=NOW, origin="entry-editor")
    assert EditorDraft.of(dataclasses.replace(draft, fields=kept.to_fields())) == kept
    odd = dataclasses.replace(draft, fields={"entry_id": 5, "answers": "x", "tags": 7})
    assert EditorDraft.of(odd) == EditorDraft("free", None, {}, "7")


def test_the_same_record_whatever_its_id_offset_link_or_follow_up() -> None:
    reframe = Reframe(id="r", created_at=NOW, updated_at=NOW, facts="a refund", entry_id="e")
    elsewhere = NOW.astimezone(timezone(timedelta(hours=-5)))
    same = dataclasses.replace(
        reframe,
        id="other",
        created_at=elsewhere,
        updated_at=NOW + timedelta(days=1),
        entry_id=None,
        follow_up="asked",
    )
    assert reframe_fingerprint(same) == reframe_fingerprint(reframe)
    assert reframe_fingerprint(dataclasses.replace(reframe, facts="b")) != reframe_fingerprint(
        reframe
    )
    round_ = PokerRound(id="p", created_at=NOW, updated_at=NOW, card_id="c", reframe="x")
    assert poker_fingerprint(dataclasses.replace(round_, id="q")) == poker_fingerprint(round_)
    later = dataclasses.replace(round_, created_at=NOW + timedelta(seconds=1))
    assert poker_fingerprint(later) != poker_fingerprint(round_)
