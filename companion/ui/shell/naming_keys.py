"""Sentences that name a key, naming one that works where the person is.

An app-wide key that types a character (k, e, w) acts on Home only (see
Translated.app_letters); a toast shown over the journal's list or a text field that
said "press k" would send the person to type a k into a search. Such a sentence has a
``_home`` twin that says to press the key on Home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from companion.core.key_names import is_printable
from companion.core.keys import default_keys
from companion.ui.shell.base import Translated

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


def key_here(app: CompanionApp, binding_id: str) -> str:
    """The key of an app action that works on the screen in front, or ""."""
    keys = app.keymap.get(binding_id) or ",".join(default_keys(binding_id))
    screen = app.screen
    letters = isinstance(screen, Translated) and screen.app_letters
    for key in (part.strip() for part in keys.split(",")):
        if key and (letters or not is_printable(key)):
            return app.get_key_display(Binding(key, ""))
    return ""


def naming_key(app: CompanionApp, binding_id: str, message: str, **values: str) -> str:
    """``message`` with the key of an app action that works where the person is; or,
    where none does, its ``_home`` twin, which names the key to press on Home."""
    key = key_here(app, binding_id)
    if key:
        return app.strings(message, key=key, **values)
    return app.strings(f"{message}_home", key=app.key_for(binding_id), **values)
