"""The journal's one check: what the editor shows and what add and edit refuse are the
same rule, the journal knows its kinds (callers pass none), and the rule is the same
whatever language the kinds are shown in."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.journal import EntryError
from companion.services.journal.service import Journal, catalogue, kind_rules
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Journal:
    return Journal(open_stores(resolve_paths(tmp_path / "h"), clock), clock)


@pytest.mark.parametrize(
    ("kind", "answers", "tags", "code"),
    [
        ("mood", {"score": "9"}, (), "bad_score"),
        ("thought", {"text": "x", "emotions": "angry 170"}, (), "bad_intensity"),
        ("free", {"text": "  "}, (), "empty"),
        ("free", {"text": "x"}, "#ok, not!ok", "bad_tag"),
        ("shopping-list", {"text": "x"}, (), "unknown_kind"),
    ],
)
def test_add_refuses_exactly_what_the_check_finds(
    journal: Journal, kind: str, answers: dict[str, str], tags: object, code: str
) -> None:
    with pytest.raises(EntryError) as found:
        journal.check(kind, answers, tags)  # type: ignore[arg-type]
    assert found.value.code == code
    with pytest.raises(EntryError) as refused:
        journal.add(kind, answers, tags)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.detail) == (code, found.value.detail)
    assert journal.total() == 0


def test_tags_as_typed_or_as_a_list(journal: Journal) -> None:
    typed = journal.add("free", {"text": "a #refund day"}, "late, #退款")
    listed = journal.add("free", {"text": "a #refund day"}, ["late", "#退款"])
    assert typed.tags == listed.tags == ("refund", "late", "退款")


def test_edit_is_checked_too_and_an_unknown_kind_is_edited_as_free_writing(
    journal: Journal,
) -> None:
    mood = journal.add("mood", {"score": "3"})
    with pytest.raises(EntryError, match="bad_score"):
        journal.edit(mood, {"score": "0"})
    assert journal.get(mood.id) == mood
    later = journal.repo.add(kind="from-a-later-version", text="hi", fields={"x": 1})
    assert journal.check(later.kind, {"text": "hello"}, editing=True).kind == "free"
    edited = journal.edit(later, {"text": "hello"}, "kept")
    assert (edited.kind, edited.text, edited.fields, edited.tags) == (
        "from-a-later-version",
        "hello",
        {"x": 1},
        ("kept",),
    )


def test_a_features_own_fields_are_kept_beside_the_answers(journal: Journal) -> None:
    entry = journal.add("intention", {"text": "one calm reply"}, kept={"routine": "x"})
    assert entry.fields == {"routine": "x"}
    edited = journal.edit(entry, {"text": "two calm replies", "feeling": "calm"})
    assert edited.fields == {"routine": "x", "feeling": "calm"}


def test_the_rules_are_the_same_in_every_language() -> None:
    def shape(kinds):  # type: ignore[no-untyped-def]
        return {k: [(p.id, p.type) for p in spec.prompts] for k, spec in kinds.items()}

    assert shape(kind_rules()) == shape(catalogue("zh")) == shape(catalogue("en"))
    assert kind_rules()["mood"].name != catalogue("zh")["mood"].name  # names do differ
