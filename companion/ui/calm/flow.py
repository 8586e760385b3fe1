"""The calming feature in the app: guided breathing (``h``) and SOS (F2 / ctrl+o, from
anywhere, even while typing). Other features ask for a breathing session with the
BreathingWanted message; the app hands it here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.ui.privacy.guard import needs_journal
from companion.ui.shell.attention import calm_open
from companion.ui.shell.base import Translated
from companion.ui.shell.messages import BreathingWanted

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# The screens are imported where they open (not needed to start the app).


class CalmFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app

    def breathe(
        self,
        pattern: str = "",
        rounds: int = 0,
        start_now: bool = False,
        exit_when_done: bool = False,
    ) -> None:
        """Open Breathe (a pattern id or name, rounds; 0 / "" for the usual ones)."""
        from companion.ui.calm.breathe import BreatheScreen

        if isinstance(self.app.screen, BreatheScreen):
            return
        screen = BreatheScreen(
            pattern or None,
            rounds or None,
            start_now=start_now,
            return_when_done=exit_when_done,
        )
        self.app.push_screen(screen, callback=self._exit if exit_when_done else None)

    def breathe_for(self, wanted: BreathingWanted) -> None:
        """A session that is part of something else (a break, the energy station): it
        returns there when it ends."""
        from companion.ui.calm.breathe import BreatheScreen

        screen = BreatheScreen(
            wanted.pattern,
            wanted.rounds,
            start_now=wanted.start_now,
            return_when_done=True,
            origin=wanted.origin or "breathe",
        )
        self.app.push_screen(screen, callback=wanted.then)

    def sos(self, exit_when_done: bool = False) -> None:
        """One minute to reset, from anywhere (its key works even while typing)."""
        from companion.ui.calm.sos import SosScreen

        if calm_open(self.app, "sos"):
            return
        self.app.push_screen(SosScreen(), callback=self._exit if exit_when_done else None)

    def vent(self) -> None:
        """The vent pad on its own (from the palette): keeps nothing unless asked."""
        from companion.ui.calm.vent import VentScreen

        if not isinstance(self.app.screen, VentScreen):
            self.app.push_screen(VentScreen())

    @needs_journal  # the note is kept in the journal (and its draft too)
    def incident(self) -> None:
        """The private incident note (from SOS, after an abusive contact)."""
        from companion.ui.calm.incident import IncidentScreen

        if not isinstance(self.app.screen, IncidentScreen):
            self.app.push_screen(IncidentScreen())

    def show_report(self, text: str) -> None:
        """A kept note as a factual report (the journal asks, for an incident entry)."""
        from companion.ui.calm.incident import ReportScreen

        self.app.push_screen(ReportScreen(text))

    def allows(self, action_id: str) -> bool:
        """Breathe and SOS are not offered where they are already open (they would only
        clutter the footer); SOS is never stacked on SOS."""
        in_sos = calm_open(self.app, "sos")
        if action_id == "breathe":
            return not (in_sos or self._in_front("breathe"))
        if action_id == "sos":
            return not in_sos
        return True

    def _in_front(self, calm: str) -> bool:
        screen = self.app.screen
        return isinstance(screen, Translated) and screen.calm == calm

    @property
    def _exit(self) -> Callable[[object], None]:
        return lambda _result=None: self.app.exit()
