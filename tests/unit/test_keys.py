"""The app-wide keys and the rules a person's [keys] must keep (core/keys.py), and key
names as Textual spells them (core/key_names.py)."""

from __future__ import annotations

import pytest

from companion.core.key_names import BadKeyName, is_printable, normalize_key
from companion.core.keys import APP_KEYS, RESERVED, TYPING_KEYS, check_keymap


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("j", "j"),
        ("J", "J"),
        ("?", "question_mark"),
        ("/", "slash"),
        ("+", "plus"),
        ("question_mark", "question_mark"),
        ("F2", "f2"),
        (" f12 ", "f12"),
        ("Ctrl+O", "ctrl+o"),
        ("^o", "ctrl+o"),
        ("esc", "escape"),
        ("pgdn", "pagedown"),
        ("shift+ctrl+up", "ctrl+shift+up"),  # the order Textual writes modifiers in
        ("alt+x", "alt+x"),
        ("ctrl+1", "ctrl+1"),
    ],
)
def test_key_names_are_spelled_as_textual_spells_them(written: str, spelled: str) -> None:
    assert normalize_key(written) == spelled


@pytest.mark.parametrize(
    "written",
    [
        "",
        "jj",
        "ctrl",
        "ctrl+",
        "ctrl++",
        "hyper+j",
        "ctrl+ctrl+j",
        "shift+j",
        "f25",
        "é",
        "ctrl+é",
    ],
)
def test_names_companion_does_not_know_are_refused(written: str) -> None:
    with pytest.raises(BadKeyName):
        normalize_key(written)


def test_printable_keys_are_the_ones_that_type() -> None:
    assert all(is_printable(k) for k in ("j", "J", "7", "question_mark", "space", "plus"))
    assert not any(is_printable(k) for k in ("f2", "ctrl+o", "escape", "enter", "shift+space"))


def test_the_defaults_are_spelled_as_textual_does_and_never_clash() -> None:
    seen: dict[str, str] = {}
    for app_key in APP_KEYS:
        for key in app_key.keys.split(","):
            assert normalize_key(key) == key
            assert seen.setdefault(key, app_key.id) == app_key.id, key
            assert key not in RESERVED
            if app_key.while_typing:
                assert not is_printable(key) and key not in TYPING_KEYS, key


def test_good_entries_become_a_keymap() -> None:
    keymap, issues = check_keymap({"journal": "J", "sos": "f2, Ctrl+O", "take_break": "b"})
    assert keymap == {"journal": "J", "sos": "f2,ctrl+o", "take_break": "b"}
    assert issues == ()


def test_two_actions_may_swap_keys() -> None:
    keymap, issues = check_keymap({"journal": "k", "take_break": "j"})
    assert keymap == {"journal": "k", "take_break": "j"} and issues == ()


def codes(wanted: dict[str, object]) -> list[tuple[str, str, dict[str, str]]]:
    _keymap, issues = check_keymap(wanted)
    return [(i.id, i.code, dict(i.detail)) for i in issues]


def test_an_unknown_id_is_reported_with_what_was_meant_when_it_is_close() -> None:
    (issue,) = codes({"take-break": "b"})
    assert issue[:2] == ("take-break", "key_unknown_near")
    assert issue[2]["near"] == "take_break"
    ((_id, code, detail),) = codes({"break_start": "b"})  # a screen's key: not changeable
    assert code == "key_unknown" and "take_break" in detail["names"]
    assert "quit_now" not in detail["names"]


def test_a_value_that_is_not_text_or_is_empty() -> None:
    assert [c[1] for c in codes({"journal": 3, "mood": "", "help": ["f1"]})] == ["key_not_text"] * 3


def test_a_bad_key_name_is_named() -> None:
    assert codes({"journal": "j, ctrl+jj"}) == [("journal", "key_bad_name", {"name": "ctrl+jj"})]


def test_a_key_that_another_action_has_is_refused_and_both_keep_theirs() -> None:
    keymap, issues = check_keymap({"journal": "k"})
    assert keymap == {}
    assert [(i.id, i.code, dict(i.detail)) for i in issues] == [
        ("journal", "key_taken", {"name": "k", "other": "take_break"})
    ]


def test_two_entries_asking_for_one_key_keep_the_first() -> None:
    keymap, issues = check_keymap({"journal": "x", "mood": "x"})
    assert keymap == {"journal": "x"}
    assert [(i.id, dict(i.detail)) for i in issues] == [("mood", {"name": "x", "other": "journal"})]


def test_an_entry_left_out_gives_its_key_back_and_that_may_clash_too() -> None:
    # journal's own line is refused (h is breathe's), so journal keeps j, which
    # take_break asked for: neither line is used, and nothing is left without a key.
    keymap, issues = check_keymap({"take_break": "j", "journal": "h"})
    assert keymap == {}
    assert [(i.id, i.detail["other"]) for i in issues] == [
        ("take_break", "journal"),
        ("journal", "breathe"),
    ]


def test_keys_that_work_while_typing_may_not_be_typing_keys() -> None:
    for key in ("x", "J", "?", "space", "enter", "escape", "ctrl+s", "ctrl+a", "up"):
        assert codes({"sos": key}) == [("sos", "key_while_typing", {"name": normalize_key(key)})]
    assert check_keymap({"sos": "f3,ctrl+o", "lock": "f9", "command_palette": "f10"})[1] == ()


def test_tab_and_copy_are_kept_by_every_screen() -> None:
    assert [c[1] for c in codes({"journal": "tab", "mood": "ctrl+c"})] == ["key_reserved"] * 2


def test_ctrl_q_always_quits() -> None:
    assert codes({"quit_now": "f10"}) == [("quit_now", "key_fixed", {"keys": "ctrl+q"})]
    assert codes({"journal": "ctrl+q"})[0][1:] == (
        "key_taken",
        {"name": "ctrl+q", "other": "quit_now"},
    )


def test_quit_and_help_can_move_but_always_keep_a_key() -> None:
    keymap, issues = check_keymap({"quit": "x", "help": "f1"})
    assert keymap == {"quit": "x", "help": "f1"} and issues == ()
    # an empty entry cannot take a key away
    keymap, issues = check_keymap({"quit": "", "help": " "})
    assert keymap == {} and [i.code for i in issues] == ["key_not_text", "key_not_text"]


def test_issues_come_in_the_order_of_the_file() -> None:
    _keymap, issues = check_keymap({"mood": "k", "zzz": "x", "sos": "x"})
    assert [i.id for i in issues] == ["mood", "zzz", "sos"]
