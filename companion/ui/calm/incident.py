"""The private incident note, opened from SOS in one key: the customer's exact words
(pasted), the order reference, the channel and the time, kept in the journal; and
"copy as report", a plain factual report for a supervisor (clipboard, or a new file).

The words go into a TextArea and are kept as they are, never read as markup. Keep and
copy are not priority keys, so they wait behind whatever was typed before them; a
character typed before the words had focus never runs a command.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from companion.core.journal import shown
from companion.services import drafts
from companion.services.incident import CHANNELS, report
from companion.store.errors import StoreError
from companion.system.paths import display_path
from companion.ui.shell.base import CompanionModal, CompanionScreen
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

WORDS = "#incident-words"
AUTOSAVE_SECONDS = 3.0  # what was typed is kept as a draft this often (a kill -9 loses less)


class IncidentScreen(CompanionScreen):
    private = True  # it holds journal writing (and keeps a draft in the journal)
    draft_origin = drafts.INCIDENT
    AUTO_FOCUS = WORDS
    BINDINGS = [
        Binding("ctrl+s", "keep", "incident.keys.save", id="incident_keep"),
        Binding("ctrl+r", "copy_report", "incident.keys.copy", id="incident_copy"),
        Binding("escape", "close", "keys.back", id="incident_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: Any = None  # the draft this note came back from, if any
        self.last_kept: dict[str, Any] | None = None  # what the draft holds now

    def compose(self) -> ComposeResult:
        t = self.t
        channels = [(t(f"incident.channels.{c}"), c) for c in CHANNELS]
        with VerticalScroll(id="incident", classes="page"):
            yield Static(t("incident.screen.title"), classes="page-title", markup=False)
            yield Paragraph(t("incident.screen.intro"), classes="body")
            yield Static(t("incident.screen.words"), classes="field-label", markup=False)
            yield TextArea(
                id="incident-words",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                placeholder=t("incident.screen.words_placeholder"),
            )
            with Horizontal(classes="setting"):
                yield Static(t("incident.screen.order"), classes="setting-label", markup=False)
                yield Input(placeholder=t("incident.screen.order_placeholder"), id="incident-order")
            with Horizontal(classes="setting"):
                yield Static(t("incident.screen.channel"), classes="setting-label", markup=False)
                yield Select(channels, value="chat", allow_blank=False, id="incident-channel")
            with Horizontal(classes="setting"):
                yield Static(t("incident.screen.time"), classes="setting-label", markup=False)
                yield Input(self.companion.services.incidents.now_text(), id="incident-time")
            yield Static(t("incident.screen.action"), classes="field-label", markup=False)
            yield Input(placeholder=t("incident.screen.action_placeholder"), id="incident-action")
            with Horizontal(classes="buttons"):
                yield Button(t("incident.keys.save"), id="incident-save", variant="primary")
                yield Button(t("incident.keys.copy"), id="incident-copy")
        yield KeysFooter()

    def on_mount(self) -> None:
        # Focus scrolls the words to the top; the title and what to paste stay in view.
        self.call_after_refresh(lambda: self.query_one("#incident").scroll_home(animate=False))
        journal = self.companion.services.journal
        found = self.companion.attempt(lambda: journal.drafts.of(drafts.INCIDENT), [])
        if found:
            self.draft = found[0]
            self.fill(self.draft.fields)
            self.notify(self.t("incident.screen.draft_back"), timeout=4, markup=False)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    # -- what was typed ----------------------------------------------------------------
    def values(self) -> tuple[str, dict[str, str]]:
        """(the words, as typed; the other fields)."""
        channel = self.query_one("#incident-channel", Select).value
        fields = {
            "time": self.query_one("#incident-time", Input).value,
            "channel": str(channel) if channel in CHANNELS else "other",
            "order": self.query_one("#incident-order", Input).value,
            "action": self.query_one("#incident-action", Input).value,
        }
        return self.query_one(WORDS, TextArea).text, fields

    def fill(self, kept: dict[str, Any]) -> None:
        words = self.query_one(WORDS, TextArea)
        words.load_text(str(kept.get("words", "")))
        words.move_cursor(words.document.end)  # more words go after the kept ones
        for field in ("time", "order", "action"):
            if isinstance(kept.get(field), str):
                self.query_one(f"#incident-{field}", Input).value = kept[field]
        if kept.get("channel") in CHANNELS:
            self.query_one("#incident-channel", Select).value = kept["channel"]

    def unsaved_input(self) -> dict[str, Any] | None:
        words, fields = self.values()
        typed = words.strip() or fields["order"].strip() or fields["action"].strip()
        return {"words": words, **fields} if typed else None

    def before_lock(self) -> None:
        self._keep_draft()

    def autosave(self) -> None:
        """Keep what was typed as a draft if it changed since the last time; quietly
        (a storage problem is told when the note is kept or closed)."""
        fields = self.unsaved_input()
        if fields is None or fields == self.last_kept:
            return
        journal = self.companion.services.journal
        try:
            self.draft = journal.drafts.keep(drafts.INCIDENT, fields, self.draft)
        except StoreError:
            return
        self.last_kept = fields

    def _keep_draft(self) -> bool:
        """Keep what was typed as a draft (in the journal); True if there was something."""
        fields = self.unsaved_input()
        if fields is None:
            return False
        journal = self.companion.services.journal
        try:
            self.draft = journal.drafts.keep(drafts.INCIDENT, fields, self.draft)
        except StoreError as error:
            self.companion.tell_store_error(error)
            return False
        return True

    # -- keys that come before the words have focus --------------------------------------
    def on_key(self, event: events.Key) -> None:
        """A character that reached the screen itself while a text field has focus (the
        keys typed with the note's key are held until the field has it: see
        ui/shell/key_route.py; this is the net under that) never runs a command. It is
        not typed in either: keys that came after it may be in the field already, and
        the customer's words must never come out reordered."""
        if event.is_printable and isinstance(self.focused, (TextArea, Input)):
            event.stop()
            event.prevent_default()

    # -- intents -----------------------------------------------------------------------
    @on(Button.Pressed, "#incident-save")
    def action_keep(self) -> None:
        words, fields = self.values()
        if not words.strip():
            self.notify(self.t("incident.screen.empty"), severity="warning", markup=False)
            self.query_one(WORDS, TextArea).focus().scroll_visible()
            return
        incidents = self.companion.services.incidents
        if not self.keep_writing(lambda: incidents.save(words, fields)):
            return  # what was typed stays here; the message says why
        journal = self.companion.services.journal
        self.companion.guard(lambda: journal.drafts.drop(drafts.INCIDENT))
        self.draft = None
        self.notify(self.t("incident.screen.saved"), timeout=4, markup=False)
        self.dismiss(None)

    @on(Button.Pressed, "#incident-copy")
    def action_copy_report(self) -> None:
        words, fields = self.values()
        if not words.strip():
            self.notify(self.t("incident.screen.empty"), severity="warning", markup=False)
            return
        self.app.push_screen(ReportScreen(report(words, fields, self.t)))

    def action_close(self) -> None:
        if self._keep_draft():
            self.notify(self.t("incident.screen.draft_kept"), timeout=6, markup=False)
        self.dismiss(None)


class ReportScreen(CompanionModal):
    """The report: copied to the clipboard at once (OSC 52), shown for a terminal that
    did not take it, and savable as a new file."""

    BINDINGS = [
        Binding("ctrl+s", "save_file", "incident.keys.save_file", id="report_save"),
        Binding("escape", "dismiss", "keys.close", id="report_close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.saved_as = ""

    def compose(self) -> ComposeResult:
        t = self.t
        hint = t("incident.screen.report_hint", key=self.key_of("report_save"))
        with Vertical(id="incident-report", classes="dialog"):
            yield Static(t("incident.screen.report_title"), classes="dialog-title", markup=False)
            yield Paragraph(hint, classes="dialog-line")
            yield TextArea(shown(self.text), id="report-text", read_only=True, soft_wrap=True)
            yield Static(id="report-saved", classes="muted", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(self.t("incident.screen.copied"), timeout=4, markup=False)

    def action_save_file(self) -> None:
        if self.saved_as:
            return  # one file per report: saving twice would only make a copy
        incidents = self.companion.services.incidents
        try:
            path = incidents.save_report(self.text)
        except OSError as error:
            reason = error.strerror or str(error)
            line = self.t("incident.screen.report_not_saved", reason=reason)
            self.notify(line, severity="error", timeout=10, markup=False)
            return
        self.saved_as = display_path(path)
        line = self.t("incident.screen.report_saved", path=self.saved_as)
        self.query_one("#report-saved", Static).update(line)
