"""The app's calming actions, kept out of app.py as a mixin: breathing, SOS (from
anywhere, even while typing) and the break rhythm's intents."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# Breathe and SOS are imported where they open (not needed to start the app).


class CalmActions:
    """Mixed into CompanionApp."""

    def action_breathe(
        self: CompanionApp,
        pattern: str = "",
        rounds: int = 0,
        start_now: bool = False,
        exit_when_done: bool = False,
    ) -> None:
        """Open Breathe (a pattern id or name, rounds; 0 / "" for the usual ones)."""
        from companion.ui.calm.breathe import BreatheScreen

        if isinstance(self.screen, BreatheScreen):
            return
        screen = BreatheScreen(
            pattern or None,
            rounds or None,
            start_now=start_now,
            return_when_done=exit_when_done,
        )
        self.push_screen(screen, callback=self._exit_when_done if exit_when_done else None)

    def _exit_when_done(self: CompanionApp, _result: object = None) -> None:
        self.exit()

    def action_sos(self: CompanionApp, exit_when_done: bool = False) -> None:
        """One minute to reset, from anywhere (its key works even while typing)."""
        from companion.ui.calm.sos import SosScreen

        if any(isinstance(screen, SosScreen) for screen in self.screen_stack):
            return
        self.push_screen(SosScreen(), callback=self._exit_when_done if exit_when_done else None)

    def check_action(
        self: CompanionApp, action: str, parameters: tuple[object, ...]
    ) -> bool | None:
        # Not offered where it is already open (it would only clutter the footer).
        # (Screens say what they are, so this runs without importing them.)
        if not self.may(action):
            return False
        in_sos = any(getattr(screen, "calm", "") == "sos" for screen in self.screen_stack)
        if action == "breathe":
            return not (in_sos or getattr(self.screen, "calm", "") == "breathe")
        if action == "sos":
            return not in_sos
        return True

    def action_take_break(self: CompanionApp) -> None:
        self.rhythm.start_break()

    def action_do_not_disturb(self: CompanionApp) -> None:
        self.rhythm.open_dnd()

    def action_energy_station(self: CompanionApp) -> None:
        from companion.ui.routine.energy import EnergyScreen

        self.rhythm.open(EnergyScreen)

    def action_release(self: CompanionApp) -> None:
        from companion.ui.routine.release import ReleaseScreen

        self.rhythm.open(ReleaseScreen)
