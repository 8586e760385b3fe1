"""Setting, changing or removing the journal's passphrase, from Settings.

Asks for the current passphrase before a change or removal, the new one twice, and
says plainly that there is no recovery. The slow work runs in a worker thread.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static

from companion.services.messages import plain_left
from companion.store import encryption
from companion.store.encryption import MAX_PASSPHRASE as MAX_LENGTH
from companion.store.encryption import MIN_PASSPHRASE as MIN_LENGTH
from companion.store.errors import StoreError
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class PassphraseScreen(CompanionModal):
    BINDINGS = [Binding("escape", "cancel", "keys.back", id="cancel_passphrase")]

    def compose(self) -> ComposeResult:
        t = self.t
        encrypted = self.companion.privacy.encrypted
        with VerticalScroll(classes="dialog", id="passphrase-dialog"):
            yield Paragraph(t("lock.setting_title"), classes="dialog-title", markup=False)
            state = "lock.state_encrypted" if encrypted else "lock.state_plain"
            lock_key = self.companion.key_for("lock")
            yield Paragraph(t(state, key=lock_key), classes="dialog-line", markup=False)
            fields = {"current": "lock.current_placeholder"} if encrypted else {}
            fields |= {"new": "lock.new_placeholder", "repeat": "lock.repeat_placeholder"}
            for field, placeholder in fields.items():
                yield Input(
                    password=True, id=field, placeholder=t(placeholder), max_length=MAX_LENGTH
                )
            yield Paragraph(t("lock.no_recovery"), classes="muted", markup=False)
            yield Paragraph(id="passphrase-message", classes="problem hidden", markup=False)
            with ChoiceRow(classes="buttons"):
                label = "lock.change" if encrypted else "lock.encrypt"
                yield ChoiceButton(t(label), id="apply", variant="primary")
                if encrypted:
                    yield ChoiceButton(t("lock.remove"), id="remove")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def _say(self, key: str, **values: str) -> None:
        message = self.query_one("#passphrase-message", Static)
        message.update(self.t(key, **values))
        message.remove_class("hidden")

    def _value(self, field: str) -> str:
        found = self.query(f"#{field}")
        return found.first(Input).value if found else ""

    def before_key(self, event: events.Key) -> bool:
        """Enter in a field that is not the last moves to the next now, in the app's
        turn, so a passphrase typed straight after it lands in the next field, not at
        the end of this one (see ui/shell/typed_keys.py)."""
        inputs = list(self.query(Input))
        if event.key == "enter" and self.focused in inputs[:-1]:
            self.set_focus(inputs[inputs.index(self.focused) + 1])  # type: ignore[arg-type]
            return True
        return super().before_key(event)

    @on(Input.Submitted)
    def last_field(self, event: Input.Submitted) -> None:
        if event.input is self.query(Input).last():  # (Enter in the others: before_key)
            self.apply_passphrase()

    @on(Button.Pressed, "#apply")
    def apply_passphrase(self) -> None:
        new, repeat = self._value("new"), self._value("repeat")
        if len(new) < MIN_LENGTH:
            self._say("lock.too_short", length=str(MIN_LENGTH))
            return
        if new != repeat:
            self._say("lock.mismatch")
            return
        self._work("encrypt", self._value("current"), new)

    @on(Button.Pressed, "#remove")
    def stop_encrypting(self) -> None:  # (not "remove": that is every widget's own method)
        self._work("decrypt", self._value("current"), "")

    def _work(self, what: str, current: str, new: str) -> None:
        if self.companion.privacy.encrypted and not current:
            self._say("lock.empty_current")
            return
        for widget in self.query("Input, Button"):
            widget.disabled = True
        self.convert(what, current, new)

    @work(thread=True, exclusive=True)
    def convert(self, what: str, current: str, new: str) -> None:
        journal = self.companion.services.stores.journal
        outcome = "done"
        left: list[str] = []
        try:
            if self.companion.privacy.encrypted and not encryption.check_passphrase(
                journal, current
            ):
                outcome = "wrong"
            elif what == "encrypt":
                left = plain_left(encryption.encrypt(journal, new).plain_left, self.t)
            else:
                encryption.decrypt(journal)
        except StoreError:
            outcome = "failed"
        self.app.call_from_thread(self.finished, what, outcome, left)

    def finished(self, what: str, outcome: str, left: list[str] | None = None) -> None:
        if outcome == "done" and left:  # encrypted, but a plain copy is left: say which
            self.notify(
                "\n".join([self.t("lock.encrypted_partly"), *left]),
                severity="warning",
                timeout=30,
                markup=False,
            )
            self.dismiss(True)
            return
        if outcome == "done":
            key = "lock.encrypted_done" if what == "encrypt" else "lock.removed_done"
            self.notify(self.t(key), timeout=8, markup=False)
            self.dismiss(True)
            return
        for widget in self.query("Input, Button"):
            widget.disabled = False
        self._say("lock.wrong" if outcome == "wrong" else "lock.failed")

    def action_cancel(self) -> None:
        self.dismiss(False)
