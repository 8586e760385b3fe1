"""Fuzzing: whatever is in config.toml, a content pack or the command line, companion
answers with a clear error, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.services.config import ConfigNotWritable, load_config, save_settings
from companion.system.content import ContentError, load_pack, load_strings

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

toml_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4),
    max_leaves=10,
)
known_keys = st.sampled_from(
    ["language", "theme", "breaks", "breathing", "away", "micro", "contacts", "x"]
)


def toml_text(data: dict) -> str:
    import tomlkit

    return tomlkit.dumps(data)


@FUZZ
@given(
    st.dictionaries(
        st.one_of(known_keys, st.text(min_size=1, max_size=10)), toml_values, max_size=6
    )
)
def test_any_config_values_give_problems_not_crashes(tmp_path: Path, data: dict) -> None:
    path = tmp_path / "config.toml"
    path.write_text(toml_text(data), "utf-8")
    loaded = load_config(path)
    assert loaded.readable
    for problem in loaded.problems:
        assert problem.file == path and problem.code


@FUZZ
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_config_bytes_are_read_or_refused_cleanly(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    loaded = load_config(path)
    if not loaded.readable:
        with pytest.raises(ConfigNotWritable):
            save_settings(loaded, theme="light")
        assert path.read_bytes() == raw


@FUZZ
@given(st.text(max_size=300))
def test_any_content_file_loads_or_names_the_problem(tmp_path: Path, text: str) -> None:
    (tmp_path / "en").mkdir(exist_ok=True)
    (tmp_path / "en" / "ui.toml").write_text(text, "utf-8")
    load_strings.cache_clear()
    load_pack.cache_clear()  # the same folder is reused between examples
    try:
        strings = load_strings("en", tmp_path)
    except ContentError as error:
        assert str(tmp_path / "en" / "ui.toml") in str(error)
    else:
        assert all(isinstance(v, str) and v.strip() for v in strings.values())
        # It loaded, so the file (as read back, newlines normalised) was valid TOML.
        tomllib.loads((tmp_path / "en" / "ui.toml").read_text("utf-8"))
    finally:
        load_strings.cache_clear()
        load_pack.cache_clear()


words = st.sampled_from(
    [
        "doctor",
        "passphrase",
        "wipe",
        "set",
        "remove",
        "--data-dir",
        "--version",
        "-h",
        "--help",
        "--json",
        "-n",
        "--",
        "-",
        "日记",
        "",
        "contact",
        "--rough",
        "dnd",
        "--for",
        "--until",
        "--off",
        "45m",
        "15:00",
        "~no-such-user",  # a home folder that cannot be found (pathlib raises on it)
    ]
)


@FUZZ
@given(st.lists(words | st.text(max_size=12), max_size=5))
def test_any_command_line_gives_a_status_not_a_traceback(
    tmp_path: Path, monkeypatch, capsys, argv: list[str]
) -> None:
    import companion.cli as cli

    monkeypatch.setattr("builtins.input", lambda prompt="": "")
    monkeypatch.setattr(cli, "run_tui", lambda args: 0)  # opening the app is not the point
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "h"))
    monkeypatch.chdir(tmp_path)  # a relative --data-dir lands in the test's folder
    try:
        status = cli.main(argv)
    except SystemExit as done:  # argparse's own answer: --help, --version, a usage error
        status = done.code if isinstance(done.code, int) else 0
    assert status in (0, 1, 2)
    capsys.readouterr()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
import_like = st.fixed_dictionaries(
    {
        "entries": st.lists(
            st.dictionaries(
                st.sampled_from(
                    [
                        "date",
                        "time",
                        "title",
                        "body",
                        "tags",
                        "starred",
                        "kind",
                        "text",
                        "fields",
                        "created_at",
                        "id",
                    ]
                ),
                json_values,
                max_size=8,
            ),
            max_size=4,
        )
    },
    optional={
        "format": st.sampled_from(["companion-journal", "x"]),
        "version": st.integers(-2, 5),
        "tags": json_values,
    },
)


@FUZZ
@given(import_like.map(lambda d: __import__("json").dumps(d).encode()) | st.binary(max_size=300))
def test_any_import_file_is_taken_whole_or_refused_clearly(raw: bytes) -> None:
    from zoneinfo import ZoneInfo

    from companion.services.journal.importing import ImportProblem, read_import

    try:
        entries = read_import(raw, ZoneInfo("Asia/Shanghai"))
    except ImportProblem as problem:
        assert problem.code
    else:
        assert all(entry.kind and isinstance(entry.text, str) for entry in entries)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=6) | json_values)
def test_any_fixed_breaks_give_problems_not_crashes(tmp_path: Path, fixed: object) -> None:
    """[[breaks.fixed]] as a person might mistype it: each bad entry is reported."""
    import tomlkit

    path = tmp_path / "config.toml"
    try:
        text = tomlkit.dumps({"breaks": {"fixed": fixed if isinstance(fixed, list) else [fixed]}})
    except (TypeError, ValueError):  # (None has no TOML form)
        return
    path.write_text(text, "utf-8")
    loaded = load_config(path)
    assert loaded.readable
    for problem in loaded.problems:
        assert problem.code in ("fixed_not_list", "fixed_bad", "unknown_key")


saved_keys = st.sampled_from(
    ["phase", "since", "seen", "rested", "away_since", "away_cause", "micro_at", "rough",
     "peak_on", "last_break", "fixed_name", "fixed_rest", "forward_to", "dnd_until"]
)  # fmt: skip


@FUZZ
@given(
    st.dictionaries(saved_keys, json_values | st.sampled_from(["2026-11-23T10:00:00+08:00"]))
    | json_values
)
def test_any_saved_rhythm_state_is_read_or_dropped(data: object) -> None:
    """activity.db's saved state, damaged or written by another version: read, or
    started afresh (None), never a crash that stops the reminders."""
    from companion.core import break_saved

    state = break_saved.from_dict(data)
    assert state is None or state.since.tzinfo is not None
