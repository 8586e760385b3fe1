"""What the app needs from the terminal it runs in: a minimum size and some colour.

Pure rules over numbers and environment variables, shared by the UI (which shows a
"please make the window larger" page) and ``companion doctor`` (which says it in words).
"""

from __future__ import annotations

from collections.abc import Mapping

# The layout reads well from here; below it the app asks for a larger window.
MIN_WIDTH = 60
MIN_HEIGHT = 16
# What the screens are designed and snapshot-tested at.
COMFORTABLE_WIDTH = 80
COMFORTABLE_HEIGHT = 24


def fits(width: int, height: int) -> bool:
    return width >= MIN_WIDTH and height >= MIN_HEIGHT


def colour_support(env: Mapping[str, str], platform: str) -> str:
    """How many colours the terminal offers, judged the way terminal apps judge it.

    One of: ``off`` (NO_COLOR is set), ``dumb`` (TERM=dumb: no cursor control at all),
    ``truecolor``, ``256``, ``16``.
    """
    if env.get("NO_COLOR"):
        return "off"
    term = env.get("TERM", "").lower()
    colorterm = env.get("COLORTERM", "").lower()
    if term == "dumb":
        return "dumb"
    if colorterm in ("truecolor", "24bit") or env.get("WT_SESSION"):
        return "truecolor"
    if "256color" in term:
        return "256"
    if platform.startswith("win") and not term:
        # Windows 10+ consoles understand 24-bit colour escapes.
        return "truecolor"
    return "16"
