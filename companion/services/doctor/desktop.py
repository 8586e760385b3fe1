"""Doctor's look at how companion meets the desktop: opening at login, the terminal
that would open it, and the terminal doctor itself runs in (size, colours).

Read-only like the rest of doctor. Each function returns its lines and how many of
them need the user's action; ``run_doctor`` adds them to the report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO

from companion.core.terminal import (
    COMFORTABLE_HEIGHT,
    COMFORTABLE_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    colour_support,
    fits,
)
from companion.services.config import Settings
from companion.system.autostart import Autostart, State, for_companion
from companion.system.autostart.messages import describe, shows_location, where
from companion.system.i18n import Strings
from companion.system.paths import Paths, display_path


@dataclass
class Section:
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    def add(self, text: str, problem: bool = False) -> None:
        self.lines.append(f"{'!' if problem else ' '} {text}")
        self.problems += problem


def terminal_size(stream: TextIO | None = None) -> tuple[int, int] | None:
    """The size of the terminal doctor prints to; None when not run in one."""
    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            return None
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return size.columns, size.lines


def autostart_section(
    paths: Paths, settings: Settings, t: Strings, autostart: Autostart
) -> Section:
    section = Section([t("autostart.doctor.title")])
    status = autostart.status()
    section.add(describe(status, t), status.needs_action)
    if shows_location(status):
        section.lines.append(f"    {where(status.location)}")
    if settings.autostart and status.state is State.OFF:
        section.add(t("autostart.doctor.wanted_but_off"))
    wanted = settings.autostart or status.active or status.needs_action
    found = autostart.opener_name()
    config = display_path(paths.config_file)
    if found is None and settings.terminal != "auto":
        text = t("autostart.error.terminal_missing", terminal=settings.terminal, config=config)
        section.add(text, wanted)
    elif found is None:
        key = "terminal_none_needed" if wanted else "terminal_none"
        section.add(t(f"autostart.doctor.{key}", config=config), wanted)
    else:
        section.add(t("autostart.doctor.terminal", terminal=found or t("autostart.opener_console")))
    return section


def console_section(
    size: tuple[int, int] | None, env: Mapping[str, str], t: Strings, platform: str
) -> Section:
    """Size and colours of this terminal; nothing when doctor's output is not a terminal."""
    if size is None:
        return Section()
    section = Section([t("terminal.doctor.title")])
    width, height = size
    numbers = {
        "width": str(width),
        "height": str(height),
        "min_width": str(MIN_WIDTH),
        "min_height": str(MIN_HEIGHT),
        "good_width": str(COMFORTABLE_WIDTH),
        "good_height": str(COMFORTABLE_HEIGHT),
    }
    small = not fits(width, height)
    key = "size_small" if small else "size"
    section.add(t(f"terminal.doctor.{key}", **numbers), small)
    colours = colour_support(env, platform)
    section.add(t(f"terminal.doctor.colours_{colours}"), colours == "dumb")
    return section


def desktop_sections(
    paths: Paths,
    settings: Settings,
    env: Mapping[str, str],
    t: Strings,
    size: tuple[int, int] | None,
    platform: str | None = None,
    autostart: Autostart | None = None,
) -> list[Section]:
    """Opening at login, then this terminal (``size`` from ``terminal_size()``)."""
    platform = platform or sys.platform
    autostart = autostart or for_companion(paths, settings.terminal, env, platform)
    return [
        autostart_section(paths, settings, t, autostart),
        console_section(size, env, t, platform),
    ]
