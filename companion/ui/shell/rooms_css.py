"""The rooms' styles (ui/rooms.tcss): every screen's but Home's, read when the first
screen over Home opens.

Textual parses a stylesheet rule by rule (about 0.2 ms each); app.tcss held Home's
rules and the rooms', and Home's first frame waited for all of them. The rooms' file is
added to the app's stylesheet as the app's own CSS (not a widget's default CSS, which
would rank below app.tcss), after it, so every rule keeps its rank and order; only the
new file is parsed then. (A screen's CSS_PATH would make Textual parse every source
again, each time such a screen is first shown.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

ROOMS_CSS = Path(__file__).parent.parent / "rooms.tcss"


def style_rooms(app: App[Any]) -> None:
    """Add the rooms' rules to ``app``'s stylesheet, once."""
    if not app.stylesheet.has_source(str(ROOMS_CSS), ""):
        app.stylesheet.read(ROOMS_CSS)
