"""The rows of the Settings screen, declared as data.

A feature that adds a setting adds a ``Settings`` field and a ``FieldSpec`` in
``companion/config.py``, then a row here; the screen draws it and the app saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from companion.config import THEMES
from companion.content import available_languages
from companion.i18n import Strings

Choices = Callable[[Strings], list[tuple[str, str]]]


@dataclass(frozen=True)
class SettingRow:
    attr: str  # the Settings attribute it edits
    label: str  # content key of its label
    # "choice" (a Select) | "switch" (on/off) | "duration" (text such as "10m") |
    # "action" (a button running the app action named in ``action``; attr is its id)
    kind: str
    choices: Choices | None = None
    section: str = ""  # content key of a heading shown above the first row of a section
    # The feature's setting hook says what happened (its own toast) and may refuse the
    # change: the screen then skips "Saved." and shows the value the setting ended with.
    self_reporting: bool = False
    action: str = ""  # for kind "action": the app action the button runs
    button: str = ""  # for kind "action": content key of the button's label


def language_choices(t: Strings) -> list[tuple[str, str]]:
    # Each language is offered in its own words, so anyone can find theirs.
    return [(t("settings.language_auto"), "auto")] + [
        (Strings(lang)("meta.name"), lang) for lang in available_languages()
    ]


def theme_choices(t: Strings) -> list[tuple[str, str]]:
    return [(t(f"settings.theme_{theme}"), theme) for theme in THEMES]


ROWS: tuple[SettingRow, ...] = (
    SettingRow("language", "settings.language", "choice", language_choices),
    SettingRow("theme", "settings.theme", "choice", theme_choices),
    SettingRow("autostart", "autostart.settings.label", "switch", self_reporting=True),
    SettingRow(
        "passphrase",
        "lock.setting_label",
        "action",
        section="lock.section",
        action="journal_passphrase",
        button="lock.setting_button",
    ),
    SettingRow("lock_after", "lock.lock_after_label", "duration", section="lock.section"),
)
