"""A search row's line is what a list shows for its entry: the list, the shell's
``companion find`` and the entry's own summary agree at every width, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.journal import cut, summary
from companion.core.search_block import LINE_WIDTH, Block

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(" \t\n\x1b#退款…"), max_size=600
)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, answer=TEXT, width=st.integers(min_value=2, max_value=LINE_WIDTH))
def test_a_rows_line_cut_to_any_width_is_the_entrys_summary_at_that_width(
    text: str, answer: str, width: int
) -> None:
    fields = {"text": answer, "score": 3}
    block = Block.of(
        [
            (
                "id-1",
                {
                    "created_at": "2026-11-23T10:30:00+08:00",
                    "kind": "mood",
                    "text": text,
                    "fields": fields,
                    "tags": ["Late"],
                },
            )
        ]
    )
    row = block.row(0)
    assert cut(row.line, width) == summary(text, fields, width)
    assert row.written_tags == ("Late",) and row.tags == ("late",)


@settings(max_examples=100, deadline=None)
@given(
    doc=st.dictionaries(
        st.sampled_from(["text", "fields", "tags", "kind", "starred"]),
        st.none() | st.integers() | st.text() | st.lists(st.text()),
    )
)
def test_a_foreign_document_still_gets_a_row(doc: dict) -> None:  # type: ignore[type-arg]
    row = Block.of([("id-1", doc)]).row(0)
    assert row.id == "id-1" and isinstance(row.line, str)
