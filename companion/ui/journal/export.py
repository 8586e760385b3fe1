"""Export the journal from the app (the palette's "Export the journal"): pick a format,
and it is written to companion's own exports folder, with a word that it is not
encrypted. ``companion export`` does the same from a shell, anywhere."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button

from companion.services.journal.export import export_to_folder, left_out
from companion.store.errors import StoreError
from companion.system.paths import display_path
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceButton, Choices
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

FORMATS = ("md", "json", "txt")


class ExportScreen(CompanionModal):
    private = True  # it reads the whole journal

    BINDINGS = [Binding("escape", "dismiss", "keys.close", id="close_export")]

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="dialog", id="export"):
            yield Paragraph(t("journal.export.dialog_title"), classes="dialog-title")
            yield Paragraph(t("journal.export.body"), classes="dialog-line")
            with Choices(id="export-formats"):
                for fmt in FORMATS:
                    yield ChoiceButton(t(f"journal.export.{fmt}"), id=f"export-{fmt}", compact=True)
            yield Paragraph(t("journal.cli.not_encrypted"), classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#export-md", Button).focus()

    @on(Button.Pressed, "#export-formats Button")
    def chosen(self, event: Button.Pressed) -> None:
        fmt = (event.button.id or "").removeprefix("export-")
        for button in self.query(Button):  # one export at a time
            button.disabled = True
        self.export(fmt)

    @work(thread=True, exclusive=True, group="export")
    def export(self, fmt: str) -> None:
        """Reads every entry and writes them out: O(n), never on the UI thread."""
        t, services = self.t, self.companion.services
        try:
            path, counts = export_to_folder(services, fmt, t)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error)
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.app.call_from_thread(self._failed, t("journal.export.failed", reason=reason))
            return
        done = t("journal.export.done", entries=str(counts["entries"]), path=display_path(path))
        skipped = left_out(counts, t)
        self.app.call_from_thread(self._done, f"{done} {skipped}" if skipped else done)

    def _done(self, said: str) -> None:
        self.app.notify(said, timeout=15, markup=False)
        if self.is_attached and self.app.screen is self:
            self.dismiss()

    def _failed(self, problem: StoreError | str) -> None:
        """Said, and the formats offered again (another may fit: a smaller file…)."""
        if isinstance(problem, StoreError):
            self.companion.tell_store_error(problem)
        else:
            self.app.notify(problem, severity="error", markup=False)
        for button in self.query(Button):
            button.disabled = False
