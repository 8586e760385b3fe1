"""The app-wide keys: which key each one has until a person changes it in config.toml's
[keys], and the rules a person's keys must keep.

Only these keys can be changed: they work everywhere, so they are the ones a person
learns. A screen's own keys (space to pause breathing, escape to go back) stay as they
are; they are shown on that screen's footer and help. The app builds its bindings from
this table (ui/actions.py) and gives Textual the checked keymap (``App.set_keymap``).
Pure: no Textual here, so the settings and ``companion doctor`` check keys too.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from types import MappingProxyType
from typing import Any, NamedTuple

from companion.core.key_names import BadKeyName, is_printable, normalize_key


class AppKey(NamedTuple):
    id: str  # the binding's id: what a person writes under [keys]
    keys: str  # Textual key list, e.g. "f2,ctrl+o"
    while_typing: bool = False  # works while a text field has focus (a priority binding)
    fixed: bool = False  # always this key; [keys] cannot change it


APP_KEYS: tuple[AppKey, ...] = (
    # SOS must work while typing in any editor, so no printable key: F2 (beside F1
    # help, one key on a full keyboard) and ctrl+o (the O of SOS) for laptops whose
    # F-keys need Fn. Neither is bound by Input/TextArea or taken by common terminals.
    AppKey("sos", "f2,ctrl+o", while_typing=True),
    # l: help lines (phone lines for when it is more than a bad day); SOS and Help name it.
    AppKey("helplines", "l"),
    # h: "breathe" and 呼吸 (hūxī); b is left for breaks.
    AppKey("breathe", "h"),
    AppKey("take_break", "k"),
    # c: a chat (咨询/接待) is done; C (shift+c) when it was a rough one. For a key that
    # works outside the terminal too, see README: `companion contact` on a global hotkey.
    AppKey("contact", "c"),
    AppKey("contact_rough", "C"),
    AppKey("journal", "j"),
    AppKey("mood", "m"),
    AppKey("dnd", "d"),
    AppKey("reframe", "r"),
    AppKey("practice", "p"),
    # i: insights (洞察); what helps, seen at a glance.
    AppKey("insights", "i"),
    AppKey("energy", "e"),
    AppKey("release", "w"),
    AppKey("lock", "ctrl+l", while_typing=True),
    AppKey("blank", "ctrl+b,f12", while_typing=True),
    AppKey("settings", "s"),
    AppKey("help", "question_mark,f1"),
    AppKey("theme", "t"),
    AppKey("quit", "q"),
    # ctrl+q quits from anywhere, even while typing, whatever else a person changes:
    # there is always a way out.
    AppKey("quit_now", "ctrl+q", while_typing=True, fixed=True),
    AppKey("command_palette", "ctrl+p", while_typing=True),
)
KEYS = {key.id: key for key in APP_KEYS}

# Keys every screen keeps for itself: tab and shift+tab move between fields, ctrl+c
# copies. An app-wide key there would never be reached.
RESERVED = frozenset({"tab", "shift+tab", "ctrl+c"})

# Keys that typing, moving in a list and the screens' own keys need. A key that works
# while typing (priority) would take them from every text field and screen, so those may
# not use them (printable keys are refused too). A test keeps this list in step with
# Textual's text fields and companion's screens.
TYPING_KEYS = frozenset(
    {
        *("escape", "enter", "tab", "shift+tab", "space", "backspace", "delete", "insert"),
        *("home", "end", "pageup", "pagedown", "up", "down", "left", "right"),
        *("shift+home", "shift+end", "shift+up", "shift+down", "shift+left", "shift+right"),
        *("ctrl+left", "ctrl+right", "ctrl+shift+left", "ctrl+shift+right"),
        *("ctrl+backspace", "alt+backspace", "alt+delete", "f6", "f7"),
        # editing in text fields
        *("ctrl+a", "ctrl+c", "ctrl+d", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+v", "ctrl+w"),
        *("ctrl+x", "ctrl+y", "ctrl+z", "ctrl+shift+a", "ctrl+shift+k"),
        # companion's screens: save, search, the reframe steps
        *("ctrl+s", "ctrl+f", "ctrl+n", "ctrl+g", "ctrl+r", "ctrl+t"),
    }
)


class KeyIssue(NamedTuple):
    """One [keys] entry that is not used; that action keeps the key it had."""

    id: str
    code: str  # key_unknown(_near) | key_fixed | key_not_text | key_bad_name | key_reserved
    #            | key_while_typing | key_taken
    value: Any
    detail: Mapping[str, str] = MappingProxyType({})


def default_keys(key_id: str) -> tuple[str, ...]:
    key = KEYS.get(key_id)
    return tuple(key.keys.split(",")) if key else ()


def check_keymap(wanted: Mapping[str, Any]) -> tuple[dict[str, str], tuple[KeyIssue, ...]]:
    """The entries of a person's [keys] that can be used, as a Textual keymap (binding id
    -> key list in Textual's spelling), and an issue for each one left out."""
    issues: list[KeyIssue] = []
    chosen: dict[str, tuple[str, ...]] = {}
    for key_id, value in wanted.items():
        keys = _one_entry(key_id, value, issues)
        if keys:
            chosen[key_id] = keys
    order = list(wanted)
    for key_id, name, holder in _clashes(chosen):
        del chosen[key_id]
        issues.append(
            KeyIssue(key_id, "key_taken", wanted[key_id], {"name": name, "other": holder})
        )
    issues.sort(key=lambda issue: order.index(issue.id))
    return {key_id: ",".join(keys) for key_id, keys in chosen.items()}, tuple(issues)


def _one_entry(key_id: str, value: Any, issues: list[KeyIssue]) -> tuple[str, ...]:
    """The keys of one entry, or () with its issue added."""
    app_key = KEYS.get(key_id)
    if app_key is None:
        near = _near(key_id)
        names = ", ".join(key.id for key in APP_KEYS if not key.fixed)
        code = "key_unknown_near" if near else "key_unknown"
        issues.append(KeyIssue(key_id, code, value, {"near": near, "names": names}))
        return ()
    if app_key.fixed:
        issues.append(KeyIssue(key_id, "key_fixed", value, {"keys": app_key.keys}))
        return ()
    if not isinstance(value, str) or not value.strip():
        issues.append(KeyIssue(key_id, "key_not_text", value))
        return ()
    try:
        keys = tuple(dict.fromkeys(normalize_key(part) for part in value.split(",")))
    except BadKeyName as error:
        issues.append(KeyIssue(key_id, "key_bad_name", value, {"name": error.name}))
        return ()
    for key in keys:
        if key in RESERVED:
            issues.append(KeyIssue(key_id, "key_reserved", value, {"name": key}))
            return ()
        if app_key.while_typing and (is_printable(key) or key in TYPING_KEYS):
            issues.append(KeyIssue(key_id, "key_while_typing", value, {"name": key}))
            return ()
    return keys


def _clashes(chosen: dict[str, tuple[str, ...]]) -> list[tuple[str, str, str]]:
    """Entries whose key another app-wide key already has: (id, key, the other's id).

    An entry that is left out gives its action back its own keys, which may clash with
    an entry that came before; so look again until nothing clashes.
    """
    found: list[tuple[str, str, str]] = []
    kept = dict(chosen)
    while True:
        holder = {
            key: app_key.id
            for app_key in APP_KEYS
            if app_key.id not in kept
            for key in default_keys(app_key.id)
        }
        clash = None
        for key_id, keys in kept.items():  # in the order they were written
            for key in keys:
                if holder.setdefault(key, key_id) != key_id:
                    clash = (key_id, key, holder[key])
                    break
            if clash:
                break
        if clash is None:
            return found
        found.append(clash)
        del kept[clash[0]]


def _near(key_id: str) -> str:
    """The id a person most likely meant ("take-break" -> "take_break"), or ""."""
    changeable = [key.id for key in APP_KEYS if not key.fixed]
    spelled = key_id.strip().lower().replace("-", "_").replace(" ", "_")
    if spelled in changeable:
        return spelled
    near = get_close_matches(spelled, changeable, n=1, cutoff=0.7)
    return near[0] if near else ""
