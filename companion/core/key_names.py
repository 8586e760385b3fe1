"""Key names as a person writes them in config.toml and as Textual knows them.

A conservative grammar, so a typo is reported instead of binding a key that never comes:
one printable ASCII character ("j", "J", "?"), or a named key ("f2", "escape", "space"),
optionally after modifiers ("ctrl+o", "alt+shift+up"). Names are turned into Textual's
own spelling ("?" -> "question_mark", "Ctrl+O" -> "ctrl+o", "esc" -> "escape"), so the
app's defaults and a person's keys compare as equals. Pure: no Textual here.
"""

from __future__ import annotations

import unicodedata

NAMED = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{n}" for n in range(1, 25)),
    }
)
# How the footer and help show some keys, so a key copied from the screen works too.
ALIASES = {
    "esc": "escape",
    "return": "enter",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
}
MODIFIERS = ("alt", "ctrl", "shift")  # in the order Textual writes them
# Unicode's names that Textual shortens.
_SHORTER = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


class BadKeyName(ValueError):
    """A key name companion does not know; ``name`` is the part that did not fit."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def character_name(character: str) -> str:
    """Textual's name for one typed character: "j" stays "j", "?" is "question_mark"."""
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return _SHORTER.get(name, name)


# The printable ASCII symbols by name ("question_mark", "slash", "comma"...).
SYMBOLS = frozenset(character_name(chr(code)) for code in range(33, 127) if not chr(code).isalnum())


def normalize_key(text: str) -> str:
    """One key in Textual's spelling, or BadKeyName."""
    text = text.strip()
    if len(text) == 1:
        if not 33 <= ord(text) < 127:
            raise BadKeyName(text)
        return character_name(text)
    if len(text) == 2 and text[0] == "^" and text[1].isascii() and text[1].isalpha():
        text = f"ctrl+{text[1]}"  # how the footer shows ctrl keys: ^p
    *modifiers, base = text.lower().split("+")
    base = ALIASES.get(base, base)
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        raise BadKeyName(text)
    if not modifiers:
        if base in NAMED or base in SYMBOLS:
            return base
        raise BadKeyName(text)
    letter_or_digit = len(base) == 1 and base.isascii() and base.isalnum()
    # shift with a letter is the capital letter ("J"), which is how terminals send it.
    if base in NAMED or (letter_or_digit and modifiers != ["shift"]):
        return "+".join([*sorted(modifiers), base])
    raise BadKeyName(text)


def is_printable(key: str) -> bool:
    """Does this key (in Textual's spelling) type a character into a text field?"""
    return "+" not in key and (len(key) == 1 or key in SYMBOLS or key == "space")
