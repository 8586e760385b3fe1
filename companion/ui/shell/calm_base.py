"""What the Breathe and SOS screens share: a Pacer that holds still while the screen is
hidden, reduced motion, and the optional 0-10 tension ratings typed with digit keys."""

from __future__ import annotations

from textual.binding import Binding

from companion.ui.shell.base import Translated
from companion.ui.widgets.pacer import Pacer

# Digits answer the 0-10 rating; hidden from the footer, which has better uses.
DIGITS = [Binding(str(d), f"digit({d})", show=False) for d in range(10)]


class CalmScreen(Translated):
    pacer: Pacer | None = None

    @property
    def rating_on(self) -> bool:
        return self.companion.services.config.settings.tension_rating

    def still(self) -> bool:
        """Reduced motion: the user's setting, or TEXTUAL_ANIMATIONS=none."""
        reduce = self.companion.services.config.settings.reduce_motion
        return reduce or self.app.animation_level == "none"  # type: ignore[attr-defined]

    def motion_changed(self, still: bool) -> None:
        """The screen is back: follow the motion setting (it may have changed)."""

    def on_screen_suspend(self) -> None:
        if self.pacer is not None:
            self.pacer.set_hidden(True)

    def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler, so no super() call here.)
        if self.pacer is not None:
            self.motion_changed(self.still())
            self.pacer.set_hidden(False)
