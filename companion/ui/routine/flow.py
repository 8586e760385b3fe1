"""The shift routine in the app: the energy station before the shift (``e``) and
letting the day go after it (``w``), offered at the moments the break rhythm reports
(the ShiftMoment message) and kept in the journal through the routine service."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from companion.core.journal import EntryError
from companion.store.errors import StoreError
from companion.ui.privacy.guard import needs_journal
from companion.ui.shell.attention import in_the_middle, on_break, typing
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.messages import DayClosed, ShiftMoment
from companion.ui.shell.naming_keys import naming_key

if TYPE_CHECKING:
    from companion.store.schema import Entry
    from companion.ui.app import CompanionApp
    from companion.ui.routine.energy import EnergyScreen
    from companion.ui.routine.release import ReleaseScreen

# The screens are imported where they open (not needed to start the app).


class RoutineFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        # The shift's end offered "let the day go" (and it has not been opened since):
        # then, and only then, it begins with "your shift is over".
        self.shift_over = False

    # -- when to offer -----------------------------------------------------------------
    def moment(self, moment: ShiftMoment) -> None:
        """A moment of the shift, as the break rhythm saw it: offer what fits, once."""
        routine = self.app.services.routine
        if moment.kind == "launched":
            offer = self.app.attempt(lambda: routine.launched(moment.in_shift), False)
            if offer and isinstance(self.app.screen, HomeScreen):
                self.offer_energy()
        elif moment.kind == "came_back" and moment.away_since is not None:
            away_since = moment.away_since
            if self.app.attempt(lambda: routine.came_back(away_since, moment.in_shift), False):
                self.offer_energy()
        elif moment.kind == "started":
            if self.app.attempt(routine.shift_started, False):
                self.offer_energy()
        elif moment.kind == "ended" and self.app.attempt(routine.shift_ended, False):
            self.offer_release()

    def offer_energy(self) -> None:
        from companion.services.routine import ENERGY_OFFERED

        routine = self.app.services.routine
        self.app.attempt(lambda: routine.offered(ENERGY_OFFERED), None)
        from companion.ui.routine.energy import EnergyScreen

        self._offer(EnergyScreen, "routine.energy.offer", "energy")

    def offer_release(self) -> None:
        from companion.services.routine import RELEASE_OFFERED

        routine = self.app.services.routine
        self.app.attempt(lambda: routine.offered(RELEASE_OFFERED), None)
        from companion.ui.routine.release import ReleaseScreen

        # Offered because the shift ended: it may say so.
        self.shift_over = True
        self._offer(ReleaseScreen, "routine.release.offer", "release")

    def _offer(self, screen: type[EnergyScreen | ReleaseScreen], message: str, key: str) -> None:
        # Never over typing, a break, breathing, SOS, the privacy blank or a dialog: a
        # toast says where to find it instead.
        app = self.app
        if typing(app) or on_break(app) or in_the_middle(app):
            app.notify(naming_key(app, key, message), timeout=20, markup=False)
        else:
            self.open(screen)

    # -- opening -----------------------------------------------------------------------
    def energy_station(self) -> None:
        from companion.ui.routine.energy import EnergyScreen

        self.open(EnergyScreen)

    def release(self) -> None:
        from companion.ui.routine.release import ReleaseScreen

        self.open(ReleaseScreen)

    @needs_journal  # their answers are kept in the journal
    def open(self, screen: type[EnergyScreen | ReleaseScreen]) -> None:
        if not isinstance(self.app.screen, screen):
            self.app.push_screen(screen())

    def take_shift_over(self) -> bool:
        """Was "let the day go" offered by the shift's end? (Asked once, as it opens.)"""
        shift_over, self.shift_over = self.shift_over, False
        return shift_over

    # -- keeping the answers -------------------------------------------------------------
    def save_intention(self, intention: str, feeling: str | None) -> bool:
        """Keep the energy station's answers; False (and said why) if they could not be."""
        routine = self.app.services.routine
        return self._kept(lambda: routine.save_intention(intention, feeling)) is not False

    def save_release(self, went_well: str, let_go: str) -> bool:
        routine = self.app.services.routine
        entry = self._kept(lambda: routine.save_release(went_well, let_go))
        if entry is False:
            return False
        self.app.notify(
            self.app.strings("routine.release.saved" if entry else "routine.release.nothing"),
            markup=False,
        )
        if entry is not None:
            self.app.post_message(DayClosed())  # the end of the week's last shift?
        return True

    def _kept(self, save: Callable[[], Entry | None]) -> Entry | Literal[False] | None:
        """What ``save`` kept (None: nothing to keep), or False when it was refused by
        the journal's check or the disk, said kindly; what was typed stays on screen."""
        try:
            return save()
        except StoreError as error:
            self.app.tell_store_error(error)
        except EntryError as error:
            from companion.services.journal.service import entry_problem

            self.app.notify(
                entry_problem(error, self.app.strings),
                severity="warning",
                timeout=15,
                markup=False,
            )
        return False
