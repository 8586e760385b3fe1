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
    kind: str  # "choice" (a Select) | "switch" (on/off) | "duration" (text such as "10m")
    choices: Choices | None = None
    section: str = ""  # content key of a heading shown above the first row of a section


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
    SettingRow(
        "reduce_motion",
        "breathing.settings.reduce_motion",
        "switch",
        section="breathing.settings.section",
    ),
    SettingRow(
        "breathing_bell", "breathing.settings.bell", "switch", section="breathing.settings.section"
    ),
    SettingRow(
        "tension_rating",
        "breathing.settings.tension_rating",
        "switch",
        section="breathing.settings.section",
    ),
)
