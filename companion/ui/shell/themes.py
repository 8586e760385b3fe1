"""Two calm themes. Colours are soft so the app can sit in view all day."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

DARK = Theme(
    name="companion-dark",
    primary="#7FB8B0",
    secondary="#A7A1D6",
    accent="#E3B27A",
    foreground="#E4E2DC",
    background="#1E2326",
    surface="#252B2F",
    panel="#2E353A",
    success="#8FC59A",
    warning="#E3B27A",
    error="#E08F8F",
    dark=True,
)

LIGHT = Theme(
    name="companion-light",
    primary="#2F6F68",
    secondary="#5B55A0",
    accent="#A0642A",
    foreground="#23282B",
    background="#F6F4EF",
    surface="#EFECE5",
    panel="#E4E0D6",
    success="#3F7F4E",
    warning="#9A5B1E",
    error="#A53F3F",
    dark=False,
)

BY_SETTING = {"dark": DARK.name, "light": LIGHT.name}


def first_theme(app: App[Any], setting: str) -> str:
    """Both themes registered with ``app``, and the name of the one ``setting`` asks
    for. The app's theme starts with it: Textual reads it inside App.__init__, before it
    makes the stylesheet; a theme set after that would parse all the CSS a second time
    before the first frame."""
    app.register_theme(DARK)
    app.register_theme(LIGHT)
    return BY_SETTING[setting]
