"""Python's cycle collector around the start: the command turns it off while the app's
modules, classes and words are made (collecting among them then is wasted work, about a
tenth of the start); the app turns it back on just after its first frame."""

from __future__ import annotations

import gc


def collector_back() -> None:
    """Freeze what the start made (it stays for the app's life: later collections skip
    it) and collect again. Nothing to do where it was never off (tests, make_app)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
