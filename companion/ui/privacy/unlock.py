"""Asking for the journal's passphrase: three tries, the key made in a worker thread
(it is deliberately slow), nothing written on a wrong one."""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from companion.services.messages import store_error
from companion.store import encryption
from companion.store.errors import StoreError
from companion.ui.shell.base import CompanionModal
from companion.ui.shell.typed_keys import after_typed_keys
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

TRIES = 3


class UnlockScreen(CompanionModal):
    """Returns True once the journal is open, False if the person gives up."""

    BINDINGS = [Binding("escape", "cancel", "keys.back", id="cancel_unlock")]

    def __init__(self) -> None:
        super().__init__()
        self.tries = 0

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog", id="unlock"):
            yield Paragraph(t("lock.unlock_title"), classes="dialog-title", markup=False)
            yield Paragraph(t("lock.unlock_body"), classes="dialog-line", markup=False)
            yield Input(
                password=True,
                id="passphrase",
                placeholder=t("lock.unlock_placeholder"),
                max_length=encryption.MAX_PASSPHRASE,
            )
            yield Paragraph(id="unlock-message", classes="problem hidden", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()
        self.run_worker(encryption.prepare, thread=True, group="unlock-prepare")

    def before_key(self, event: events.Key) -> bool:
        """Enter in the field: the passphrase is tried once the keys typed before it are
        in (not in the field's own turn, after the keys typed next had joined it: "the
        passphrase + what came next" was tried, and counted as a wrong one); keys typed
        after it wait for the answer: for the field again, or the journal."""
        field = self.query_one("#passphrase", Input)
        if event.key != "enter" or self.focused is not field:
            return super().before_key(event)
        self.hold_keys()
        after_typed_keys(field, lambda: self._try(field))
        return True

    @on(Input.Submitted, "#passphrase")
    def submitted(self, event: Input.Submitted) -> None:
        self._try(event.input)

    def _try(self, field: Input) -> None:
        if field.disabled:
            return  # (being checked)
        if not field.value:
            self._say(self.t("lock.empty"))
            self.ready_for_keys()
            return
        field.disabled = True
        self.try_passphrase(field.value)

    @work(thread=True, exclusive=True)
    def try_passphrase(self, passphrase: str) -> None:
        journal = self.companion.services.stores.journal
        try:
            ok = encryption.unlock(journal, passphrase)
        except StoreError as error:  # a plain month could not be sealed: still locked
            self.app.call_from_thread(self.not_written, error)
            return
        self.app.call_from_thread(self.answered, ok)

    def not_written(self, error: StoreError) -> None:
        """The passphrase was right, but unlocking had to write and could not: said,
        and the same passphrase can be tried again once there is room."""
        self._try_again(store_error(error, self.t))

    def answered(self, ok: bool) -> None:
        if ok:
            self.companion.keys.hand_on(self)  # what was typed after it: for the journal
            self.dismiss(True)
            return
        self.tries += 1
        if self.tries >= TRIES:
            self.notify(self.t("lock.gave_up"), timeout=8, markup=False)
            self.dismiss(False)
            return
        self.query_one("#passphrase", Input).value = ""
        self._try_again(self.t("lock.wrong"))

    def _try_again(self, text: str) -> None:
        self._say(text)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()
        self.ready_for_keys()  # (a passphrase typed meanwhile goes in now)

    def _say(self, text: str) -> None:
        message = self.query_one("#unlock-message", Static)
        message.update(text)
        message.remove_class("hidden")

    def action_cancel(self) -> None:
        self.dismiss(False)
