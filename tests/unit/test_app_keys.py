"""The registry's bindings and core/keys.py's table agree, and the table's lists of keys
kept for typing and screens stay in step with Textual's text fields and companion's own
screens."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, TextArea

import companion.ui
from companion.core.key_names import is_printable, normalize_key
from companion.core.keys import APP_KEYS, KEYS, TYPING_KEYS
from companion.ui.actions import ACTIONS, app_bindings


def screen_bindings() -> dict[str, list[Binding]]:
    """Every binding declared by a class in companion.ui, by where it is declared."""
    found: dict[str, list[Binding]] = {}
    folder = str(Path(companion.ui.__file__).parent)
    for info in pkgutil.walk_packages([folder], prefix="companion.ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name or not issubclass(cls, DOMNode):
                continue
            if issubclass(cls, App):  # the app's own bindings are the registry's
                continue
            own = [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
            if own:
                found[f"{info.name}.{name}"] = own
    return found


def keys_of(binding: Binding) -> list[str]:
    return [key.strip() for key in binding.key.split(",")]


def test_every_app_binding_takes_its_key_and_priority_from_the_table() -> None:
    bindings = app_bindings()
    in_order = [a.id for a in ACTIONS if a.id in KEYS]  # Home's and the footer's order
    assert [b.id for b in bindings] == [*in_order, "quit_now", "command_palette"]
    assert {b.id for b in bindings} == set(KEYS)
    for binding in bindings:
        assert binding.key == KEYS[str(binding.id)].keys
        assert binding.priority == KEYS[str(binding.id)].while_typing


def test_no_screen_binding_shares_an_id_with_an_app_key() -> None:
    """Textual's keymap moves every binding with the id, so a screen's key sharing one
    would move with the app key."""
    clashes = {
        where: binding.id
        for where, bindings in screen_bindings().items()
        for binding in bindings
        if binding.id in KEYS
    }
    assert clashes == {}


def test_keys_kept_for_typing_cover_text_fields_and_companions_screens() -> None:
    """A key that works while typing must not take a key a text field, a list or one of
    companion's screens uses: each of those (other than printable ones, which are
    refused anyway, and super+, which companion does not accept) is on the list."""
    widgets = [Input, TextArea, Select, OptionList, Screen]
    bindings = [b for w in widgets for b in w.BINDINGS if isinstance(b, Binding)]
    bindings += [b for found in screen_bindings().values() for b in found]
    needed = {
        normalize_key(key)
        for binding in bindings
        for key in keys_of(binding)
        if not key.startswith("super+")
    }
    app_keys = {key for app_key in APP_KEYS for key in app_key.keys.split(",")}
    missing = {k for k in needed if not is_printable(k) and k not in app_keys} - TYPING_KEYS
    assert missing == set()
