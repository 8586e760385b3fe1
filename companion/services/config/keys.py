"""[keys]: a person's own keys for the app-wide actions, checked by the rules in
core/keys.py. Each entry that cannot be used is reported and ignored (that action keeps
its key); the others are used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from companion.core.keys import check_keymap
from companion.services.config.parse import BadValue, Issue, Partial, show


def user_keys(value: Any) -> Partial:
    """(binding id, Textual key list) pairs for App.set_keymap, and what was left out."""
    if not isinstance(value, Mapping):
        raise BadValue("keys_not_table")
    keymap, issues = check_keymap(value)
    return Partial(
        tuple(keymap.items()),
        tuple(Issue(f".{i.id}", i.code, show(i.value), i.detail) for i in issues),
    )
