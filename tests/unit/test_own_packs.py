"""A person's own packs: checked like the built-in ones (a bad entry reported with its
file, key and value, and skipped; the rest still loads), merged after the built-ins,
never a reason for companion to stop or hang, and carried by the JSON export."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.packs import practice as practice_packs
from companion.packs.calm import self_talk_lines
from companion.packs.library import Library, pack_problem
from companion.packs.own import MAX_BYTES
from companion.services.container import build_services
from companion.system.i18n import Strings
from tests.unit.test_journal_cli import companion

GOOD = {
    "activities.toml": """
[stretch.door_frame]
text = "Stand in a doorway, forearms on the frame, and lean gently for three breaths."
length = "2m"

[eyes.plant]
text = "[bold]Look at the plant[/bold] on the shelf for twenty seconds."
length = "20s"

[after_work.call_mum]
text = "Call mum on the way home."
kind = "people"
""",
    "self_talk.toml": 'lines = ["This shop is lucky to have me.", "一单一单来。"]\n',
    "traps.toml": """
[double_standard]
name = "Two rulers"
description = "Measuring yourself with a harder ruler than anyone else."
example = "“A colleague would be forgiven for that. Not me.”"
question = "What would you say to a colleague who did the same?"
""",
    "replies.toml": """
[examples.our_sizes]
title = "Our sizes run small"
customer = "“Why is this XL so tight?”"
buffer = "Sorry it doesn't fit; that's disappointing."
explain = "Our cuts run one size small; it's on the size chart, but easy to miss."
solution = "I can send the XXL today, and the exchange shipping is on us."
follow_up = "Tell me if it's right when it comes."
""",
    "thought_pairs.toml": """
[slow_day]
negative = "A slow queue means I'm useless."
helpful = "A slow queue is a breather I earned."
""",
    "situations.toml": """
[gift_late]
situation = "“It was a birthday present and it's late.”"
thought = "They'll blame me for ruining it."
samples = ["They're sad about a birthday, not angry at me.", "I can help with what's left."]
""",
}


def folder(home: Path, lang: str = "en") -> Path:
    path = home / "data" / "packs" / lang
    path.mkdir(parents=True, exist_ok=True)
    return path


def write(home: Path, name: str, text: str, lang: str = "en") -> Path:
    path = folder(home, lang) / name
    path.write_text(text, "utf-8")
    return path


def library(home: Path) -> Library:
    return Library(home / "data" / "packs")


def said(home: Path, lang: str = "en") -> list[str]:
    return [pack_problem(p, Strings(lang)) for p in library(home).problems(lang)]


def test_every_kind_of_pack_is_shown_beside_the_built_ins(home: Path) -> None:
    for name, text in GOOD.items():
        write(home, name, text)
    lib = library(home)
    assert said(home) == []
    ideas = lib.break_ideas("en")
    assert ideas[-2].id == "door_frame" and ideas[-2].length == "2m"
    assert ideas[-1].text.startswith("[bold]Look")  # kept as written, shown without markup
    assert lib.after_work("en")[-1].kind == "people"
    assert lib.self_talk("en")[-2:] == ("This shop is lucky to have me.", "一单一单来。")
    assert lib.self_talk("en")[: len(self_talk_lines("en"))] == self_talk_lines("en")
    assert lib.traps("en")[-1].name == "Two rulers"
    assert lib.reply_guide("en").examples[-1].follow_up == "Tell me if it's right when it comes."
    assert lib.thought_pairs("en")[-1].id == "slow_day"
    assert lib.situations("en")[-1].samples[1] == "I can help with what's left."
    assert len(lib.own("en").files) == len(GOOD)
    assert lib.traps("zh") == practice_packs.traps("zh")  # another language's folder


def test_a_bad_entry_is_reported_with_file_key_and_value_and_the_rest_loads(home: Path) -> None:
    write(
        home,
        "activities.toml",
        """
[stretch.ok]
text = "Roll your wrists."
length = "20s"

[stretch.too_long]
text = "A walk."
length = "an hour"

[stretch.blank]
text = "   "

[dance.twist]
text = "Twist."

[after_work.late]
text = "Sleep."
kind = "nap"

[stretch.shoulders]
text = "Already a built-in id."
""",
    )
    write(home, "traps.toml", '[half]\nname = "Half a trap"\n')
    lines = said(home)
    assert [idea.id for idea in library(home).own("en").activities] == ["ok"]
    joined = "\n".join(lines)
    assert 'activities.toml: stretch.too_long.length = "an hour": should be "20s"' in joined
    assert 'stretch.blank.text = "   ": is empty' in joined
    assert "dance = " in joined and "isn't used by this pack" in joined
    assert 'after_work.late.kind = "nap": should be one of: sleep, food' in joined
    assert "stretch.shoulders has the same id as a built-in entry" in joined
    assert "traps.toml: half.description is missing" in joined
    assert all(str(folder(home).relative_to(home)) in line for line in lines)


def test_files_that_are_not_packs_are_told_apart(home: Path) -> None:
    write(home, "self_talk.toml", 'lines = ["unclosed\n')
    write(home, "recipes.toml", "x = 1\n")
    (folder(home) / "replies.toml").write_bytes(b'title = "\xff\xfe"\n')
    write(home, "notes.txt", "not a pack, not looked at")
    lines = "\n".join(said(home))
    assert "self_talk.toml: not valid TOML" in lines
    assert "there is no pack called “recipes”" in lines and "traps, replies" in lines
    assert "replies.toml: cannot be read (it is not UTF-8 text)" in lines
    assert "notes.txt" not in lines


def test_hostile_files_never_stop_or_hang_companion(home: Path) -> None:
    secret = folder(home).parent / "secret.txt"
    secret.write_text('lines = ["read through a link"]\n')
    os.symlink(secret, folder(home) / "self_talk.toml")
    os.mkfifo(folder(home) / "traps.toml")  # opening a pipe to read it would hang
    (folder(home) / "situations.toml").mkdir()
    write(home, "thought_pairs.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")
    write(home, "activities.toml", "x" * (MAX_BYTES + 1))
    write(home, "replies.toml", '[examples.x]\ntitle = "\\u001b[2J\\u001b]0;pwned\\u0007"\n')
    lib = library(home)
    assert lib.self_talk("en") == self_talk_lines("en")  # the link was not followed
    lines = "\n".join(said(home))
    assert "self_talk.toml: cannot be read (it is not a plain file" in lines
    assert "traps.toml: cannot be read (it is not a plain file" in lines
    assert "activities.toml: cannot be read (it is larger than 512 KB" in lines
    assert "thought_pairs.toml" in lines
    assert "holds control characters" in lines and "\x1b" not in lines


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_at_all_are_a_problem_at_most(tmp_path_factory, data: bytes) -> None:
    home = tmp_path_factory.mktemp("packs")
    for name in ("activities.toml", "self_talk.toml", "replies.toml"):
        (folder(home) / name).write_bytes(data)
    lib = library(home)
    assert len(lib.break_ideas("en")) >= 80
    for problem in lib.problems("en"):
        assert pack_problem(problem, Strings("zh"))


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=10,
        ).filter(lambda v: v is not None),
        max_size=4,
    )
)
def test_any_toml_shape_is_a_problem_at_most(tmp_path_factory, data: dict) -> None:  # type: ignore[type-arg]
    import tomlkit

    home = tmp_path_factory.mktemp("packs")
    try:
        text = tomlkit.dumps(data)
    except Exception:
        return  # not something TOML can hold
    for name in ("activities.toml", "traps.toml", "situations.toml", "self_talk.toml"):
        (folder(home) / name).write_text(text, "utf-8")
    lib = library(home)
    lib.break_ideas("en"), lib.traps("en"), lib.situations("en"), lib.self_talk("en")
    assert all(pack_problem(p, Strings("en")) for p in lib.problems("en"))


def test_a_change_to_a_file_is_seen_without_a_restart(home: Path) -> None:
    lib = library(home)
    assert lib.self_talk("en") == self_talk_lines("en")
    path = write(home, "self_talk.toml", 'lines = ["one"]\n')
    assert lib.self_talk("en")[-1] == "one"
    path.write_text('lines = ["two", "three"]\n', "utf-8")
    os.utime(path, ns=(1, 1))  # even within the same second
    assert lib.self_talk("en")[-2:] == ("two", "three")


def test_they_travel_with_the_json_export_and_never_overwrite(home: Path, tmp_path: Path) -> None:
    write(home, "self_talk.toml", GOOD["self_talk.toml"])
    write(home, "traps.toml", GOOD["traps.toml"], lang="zh")
    write(home, "notes.toml", "not a pack = 1\n")
    companion(home, "note", "one")
    exported = tmp_path / "backup.json"
    result = companion(home, "export", "-f", "json", "-o", str(exported))
    assert "2 packs of your own" in result.stdout
    packs = json.loads(exported.read_text())["packs"]
    assert {(p["lang"], p["name"]) for p in packs} == {("en", "self_talk"), ("zh", "traps")}
    other = tmp_path / "other"
    mine = write(other, "traps.toml", "# my own, different\n", lang="zh")
    first = companion(other, "import", str(exported)).stdout
    assert "1 pack of your own" in first and "yours is kept as it is" in first
    assert mine.read_text("utf-8") == "# my own, different\n"
    copied = other / "data" / "packs" / "en" / "self_talk.toml"
    assert copied.read_text("utf-8") == GOOD["self_talk.toml"]
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    assert stat.S_IMODE(copied.parent.stat().st_mode) == 0o700
    again = companion(other, "import", str(exported)).stdout
    assert "Imported: 0 entries" in again and "1 pack of your own" in again  # skipped


@pytest.mark.parametrize(
    ("pack", "message"),
    [
        ({"lang": "../../etc", "name": "self_talk", "text": ""}, "“lang” has a value"),
        ({"lang": "en", "name": "../config", "text": ""}, "“name” has a value"),
        ({"lang": "en", "name": "traps", "text": "[unclosed"}, "“text” is not valid TOML"),
        ({"lang": "en", "name": "traps", "text": "x" * (MAX_BYTES + 1)}, "“text” should be"),
    ],
)
def test_a_pack_in_a_file_goes_only_where_packs_go(
    home: Path,
    tmp_path: Path,
    pack: dict,
    message: str,  # type: ignore[type-arg]
) -> None:
    services = build_services(home=home, env={})
    services.journal.add("free", {"text": "kept before"})
    services.stores.close()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "companion-journal", "version": 2, "entries": [], "packs": [pack]})
    )
    result = companion(home, "import", str(bad))
    assert result.returncode == 2 and message in result.stderr
    assert not (home / "data" / "packs").exists() and not (tmp_path / "etc").exists()


def test_doctor_lists_them_and_counts_a_skipped_entry(home: Path) -> None:
    companion(home, "note", "one")
    clean = companion(home, "doctor")
    assert "Your own packs" in clean.stdout and "none" in clean.stdout
    write(home, "self_talk.toml", GOOD["self_talk.toml"])
    ok = companion(home, "doctor")
    assert "1 loaded, none skipped" in ok.stdout
    write(home, "traps.toml", '[x]\nname = "only a name"\n')
    bad = companion(home, "doctor")
    assert bad.returncode == 1
    assert "traps.toml: x.description is missing" in bad.stdout
