"""The rows of the Settings screen, declared as data.

A feature that adds a setting adds a ``Settings`` field and a ``FieldSpec`` in
``companion/config.py``, then a row here; the screen draws it and the app saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from companion.services.config.settings import THEMES
from companion.system.content import available_languages
from companion.system.i18n import Strings

Choices = Callable[[Strings], list[tuple[str, Any]]]


@dataclass(frozen=True)
class SettingRow:
    attr: str  # the Settings attribute it edits
    label: str  # content key of its label
    kind: str  # "choice" (a Select) | "switch" (on/off) | "duration" (text such as "10m")
    # | "action" (a button that runs the app-wide action ``action``, an id of ui/actions.py;
    #   its label is label + "_button") | "text" (one line of free text, checked as config
    #   reads it; ``hint`` and ``placeholder`` are content keys)
    choices: Choices | None = None
    section: str = ""  # content key of a heading shown above the first row of a section
    # The feature's setting hook says what happened (its own toast) and may refuse the
    # change: the screen then skips "Saved." and shows the value the setting ended with.
    self_reporting: bool = False
    action: str = ""
    hint: str = ""
    placeholder: str = ""


def language_choices(t: Strings) -> list[tuple[str, str]]:
    # Each language is offered in its own words, so anyone can find theirs.
    return [(t("settings.language_auto"), "auto")] + [
        (Strings(lang)("meta.name"), lang) for lang in available_languages()
    ]


def theme_choices(t: Strings) -> list[tuple[str, str]]:
    return [(t(f"settings.theme_{theme}"), theme) for theme in THEMES]


def postpone_choices(t: Strings) -> list[tuple[str, int]]:
    counts = [(t("breaks.settings.max_postpones_value", count=str(n)), n) for n in range(1, 11)]
    return [(t("breaks.settings.max_postpones_none"), 0), *counts]


def time_choices(_t: Strings) -> list[tuple[str, time]]:
    # Every half hour; a time set by hand in config.toml is added by the screen.
    return [(f"{h:02d}:{m:02d}", time(h, m)) for h in range(24) for m in (0, 30)]


DAY_PRESETS = {
    "mon_fri": (0, 1, 2, 3, 4),
    "mon_sat": (0, 1, 2, 3, 4, 5),
    "sun_thu": (0, 1, 2, 3, 6),
    "weekend": (5, 6),
    "every": (0, 1, 2, 3, 4, 5, 6),
}


def day_choices(t: Strings) -> list[tuple[str, tuple[int, ...]]]:
    return [(t(f"breaks.settings.days_{name}"), days) for name, days in DAY_PRESETS.items()]


BREAKS = "breaks.settings.section"
SHIFT = "breaks.settings.shift_section"
CARE = "care.settings.section"

ROWS: tuple[SettingRow, ...] = (
    SettingRow("language", "settings.language", "choice", language_choices),
    SettingRow("theme", "settings.theme", "choice", theme_choices),
    SettingRow("autostart", "autostart.settings.label", "switch", self_reporting=True),
    SettingRow("break_every", "breaks.settings.every", "duration", section=BREAKS),
    SettingRow("break_length", "breaks.settings.length", "duration", section=BREAKS),
    SettingRow("break_heads_up", "breaks.settings.heads_up", "duration", section=BREAKS),
    SettingRow("break_postpone", "breaks.settings.postpone", "duration", section=BREAKS),
    SettingRow(
        "break_max_postpones", "breaks.settings.max_postpones", "choice", postpone_choices, BREAKS
    ),
    SettingRow("break_after_chat", "breaks.settings.after_chat", "duration", section=BREAKS),
    SettingRow("break_notify", "breaks.settings.notify", "switch", section=BREAKS),
    SettingRow("break_bell", "breaks.settings.bell", "switch", section=BREAKS),
    SettingRow("dnd", "breaks.settings.dnd", "action", section=BREAKS, action="dnd"),
    SettingRow("micro_pauses", "breaks.settings.micro", "switch", section=BREAKS),
    SettingRow("peak_day", "breaks.settings.peak", "action", section=BREAKS, action="peak_day"),
    SettingRow("shift_hours", "breaks.settings.shift_hours", "switch", section=SHIFT),
    SettingRow("shift_start", "breaks.settings.shift_start", "choice", time_choices, SHIFT),
    SettingRow("shift_end", "breaks.settings.shift_end", "choice", time_choices, SHIFT),
    SettingRow("shift_days", "breaks.settings.shift_days", "choice", day_choices, SHIFT),
    SettingRow("shift_routine", "breaks.settings.routine", "switch", section=SHIFT),
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
    SettingRow(
        "passphrase",
        "lock.setting_label",
        "action",
        section="lock.section",
        action="passphrase",
    ),
    SettingRow("lock_after", "lock.lock_after_label", "duration", section="lock.section"),
    SettingRow("helplines", "care.settings.helplines", "action", section=CARE, action="helplines"),
    SettingRow(
        "eap",
        "care.eap.label",
        "text",
        section=CARE,
        hint="care.eap.help",
        placeholder="care.eap.placeholder",
    ),
)
