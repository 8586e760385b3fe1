"""The contact hook in the app: a key marks that a chat just ended (``c``; ``C`` for a
rough one), and every few seconds the rhythm takes in what commands left in
activity.db (``companion contact``, ``companion dnd``), so a hotkey or a helpdesk macro
reaches the open app within seconds.

A rough contact offers the SOS minute once: one line at the top of the screen naming
the SOS key, never a pop-up, gone after a while (or once SOS opens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

from companion.store.inbox import DndRequest
from companion.system.i18n import Strings, format_time
from companion.ui.shell.attention import calm_open
from companion.ui.widgets.notice_line import NoticeLine

if TYPE_CHECKING:
    from companion.ui.breaks.rhythm import BreakRhythm

INBOX_EVERY = 2.0  # seconds between looks at activity.db's identity (one stat)
OFFER_SECONDS = 120.0  # how long the SOS offer stays


class ContactFlow:
    def __init__(self, rhythm: BreakRhythm) -> None:
        self.rhythm = rhythm
        self.app = rhythm.app
        self.timer: Timer | None = None

    def start(self) -> None:
        self.timer = self.app.set_interval(INBOX_EVERY, self.look, name="contact inbox")

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()

    # -- the app's keys ------------------------------------------------------------------
    def mark(self) -> None:
        self._marked(rough=False)

    def mark_rough(self) -> None:
        self._marked(rough=True)

    def _marked(self, rough: bool) -> None:
        rhythm, t = self.rhythm, self.rhythm.t
        rhythm.handle(rhythm.keeper.contact(rough))
        count = str(rhythm.keeper.contacts_today()[0])
        rhythm.tell(
            t("breaks.contact.marked_rough" if rough else "breaks.contact.marked", count=count)
        )
        if rough:
            self.offer_sos()
        rhythm.changed()

    def glance(self, t: Strings) -> list[tuple[str, str]]:
        """Home's row: chats marked today (and how many were rough), once there are any."""
        done, rough = self.rhythm.keeper.contacts_today()
        if not done:
            return []
        return [
            (
                t("breaks.contact.glance_label"),
                t("breaks.contact.glance", count=str(done), rough=str(rough)),
            )
        ]

    # -- what commands left ----------------------------------------------------------------
    def look(self) -> None:
        """Take in contacts and do-not-disturb from commands, if activity.db changed."""
        self._withdraw_offer_once_sos_opened()
        keeper = self.rhythm.keeper
        if not keeper.inbox_changed():
            return
        news = keeper.take_inbox()
        if not (news.events or news.contacts or news.dnd):
            return
        self.rhythm.handle(news.events)
        if news.dnd is not None:
            self._tell_dnd(news.dnd)
        if any(contact.rough for contact in news.contacts):
            self.offer_sos()
        self.rhythm.changed()

    def _tell_dnd(self, request: DndRequest) -> None:
        t = self.rhythm.t
        until = self.rhythm.view().dnd_until
        if request.until is None or until is None:
            self.rhythm.tell(t("breaks.toast.dnd_off"))
        else:
            self.rhythm.tell(t("breaks.toast.dnd_on", time=format_time(until, t)))

    # -- the SOS offer ---------------------------------------------------------------------
    def offer_sos(self) -> None:
        app = self.app
        if not app.services.config.settings.sos_offer or calm_open(app, "sos"):
            return
        for line in app.query(".sos-offer"):
            line.remove()
        text = self.rhythm.t("breaks.contact.sos_offer", key=app.key_for("sos"))
        clock = app.services.clock
        offer = NoticeLine(lambda _left: text, OFFER_SECONDS, clock.monotonic, classes="sos-offer")
        app.screen.mount(offer)

    def _withdraw_offer_once_sos_opened(self) -> None:
        if calm_open(self.app, "sos"):
            for screen in self.app.screen_stack:
                for line in screen.query(".sos-offer"):
                    line.remove()
