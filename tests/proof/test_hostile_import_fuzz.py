"""Fuzzing `companion import` with files made to break it: lone surrogates in any text,
key, tag or id, integers of any size, NaN and infinities, nesting of any depth (up to
100,000), in our format and jrnl's. The command answers with a status and a sentence,
never a traceback; refused, the journal is byte for byte what it was; taken, every
record reads back."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.store.stores import open_stores
from companion.system.clock import SystemClock
from companion.system.paths import resolve_paths

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

hostile_text = st.text(
    alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Lo", "Ll", "Zs", "So"]),
    max_size=12,
)
hostile_number = st.integers() | st.floats(allow_nan=True, allow_infinity=True)
scalar = st.none() | st.booleans() | hostile_number | hostile_text
values = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=12,
)
WHEN = "2026-11-20T10:00:00+08:00"
our_entry = st.fixed_dictionaries(
    {"kind": st.sampled_from(["free", "thought", "mood"]), "created_at": st.just(WHEN)},
    optional={
        "text": hostile_text,
        "tags": st.lists(hostile_text, max_size=3),
        "id": hostile_text,
        "fields": st.dictionaries(hostile_text, values, max_size=3),
        "starred": values,
    },
)
jrnl_entry = st.fixed_dictionaries(
    {"date": st.just("2026-11-20"), "title": hostile_text},
    optional={"body": hostile_text, "tags": st.lists(hostile_text, max_size=3), "x": values},
)
poker_round = st.fixed_dictionaries(
    {"card_id": hostile_text, "created_at": st.just(WHEN)},
    optional={"seconds": hostile_number, "rating": hostile_number, "reframe": hostile_text},
)
ours = st.fixed_dictionaries(
    {
        "format": st.just("companion-journal"),
        "version": st.just(2),
        "entries": st.lists(our_entry, max_size=3),
    },
    optional={"poker_rounds": st.lists(poker_round, max_size=2)},
)
jrnl = st.fixed_dictionaries({"tags": st.just({}), "entries": st.lists(jrnl_entry, max_size=3)})


def nested(depth: int, doc: dict) -> str:
    """``doc`` with one entry's text buried ``depth`` lists deep."""
    text = json.dumps(doc)
    return text.replace('"entries": [', '"entries": [' + "[" * depth, 1).replace(
        "]", "]" * (depth + 1), 1
    )


files = (
    (ours | jrnl).map(json.dumps)  # json.dumps writes a lone surrogate as \\ud800, NaN as NaN
    | st.builds(nested, st.sampled_from([40, 1_000, 100_000]), ours | jrnl)
    | st.builds(
        lambda n, doc: json.dumps(doc).replace("2026-11-20", "9" * n, 1),
        st.integers(4_000, 6_000),
        ours,
    )
)


@FUZZ
@given(files)
def test_a_hostile_import_is_taken_whole_or_refused_with_the_journal_untouched(
    monkeypatch, capsys, text: str
) -> None:
    import companion.cli as cli

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        monkeypatch.setenv("COMPANION_HOME", str(home))
        stores = open_stores(resolve_paths(home), SystemClock())
        stores.entries.add(kind="free", text="already here")
        stores.close()
        journal = home / "data" / "journal"  # its folder of small files

        def files() -> dict[str, bytes]:
            return {p.name: p.read_bytes() for p in journal.iterdir() if p.is_file()}

        before = files()
        source = Path(folder) / "import.json"
        source.write_text(text, "utf-8")
        status = cli.main(["import", str(source)])
        _out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert status in (0, 2), err
        if status == 2:
            assert "Nothing was imported" in err
            assert files() == before
        else:
            again = open_stores(resolve_paths(home), SystemClock())
            assert again.journal.problems() == []
            assert "already here" in {e.text for e in again.entries.all()}
            assert all(isinstance(e.text, str) for e in again.entries.all())
        assert not [n for n in os.listdir(journal) if n.endswith((".tmp", ".pending"))]


@pytest.mark.parametrize("depth", [100_000])
def test_the_deepest_file_is_refused_in_words(tmp_path: Path, monkeypatch, capsys, depth) -> None:
    import companion.cli as cli

    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "home"))
    source = tmp_path / "deep.json"
    source.write_text("[" * depth + "]" * depth, "utf-8")
    assert cli.main(["import", str(source)]) == 2
    assert "more than 32 levels deep" in capsys.readouterr().err
