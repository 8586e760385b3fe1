"""The journal's small dialogs: pick a kind, confirm a delete, take a draft back, and
the mood check-in (two keys from Home: ``m`` then a number)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from companion.core.journal import MOOD_SCALE, Kind
from companion.services.journal.service import catalogue, kind_name
from companion.store.schema import Draft, EditorDraft, Entry
from companion.system.i18n import format_moment
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceButton, ChoiceList, ChoiceRow
from companion.ui.widgets.columns import two_columns
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class KindPickerScreen(CompanionModal):
    """Which kind of entry to write; returns its id, or None."""

    private = True

    BINDINGS = [
        Binding("escape", "dismiss", "keys.close", id="close_kinds"),
        *(
            Binding(str(n), f"pick({n})", "journal.keys.new", show=False, id=f"kind_{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, kinds: Mapping[str, Kind]) -> None:
        super().__init__()
        self.kinds = list(kinds.values())

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog", id="kind-picker"):
            yield Paragraph(t("journal.new.title"), classes="dialog-title", markup=False)
            options = [
                Option(Text(f"{n}  {kind.name}"), id=kind.id)
                for n, kind in enumerate(self.kinds, 1)
            ]
            yield ChoiceList(*options, id="kind-list")
            yield Paragraph(id="kind-about", classes="dialog-line", markup=False)
            yield Paragraph(t("journal.new.hint"), classes="muted", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def describe(self, event: OptionList.OptionHighlighted) -> None:
        kind = next((k for k in self.kinds if k.id == event.option.id), None)
        self.query_one("#kind-about", Static).update(kind.about if kind else "")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.kinds):
            self.dismiss(self.kinds[number - 1].id)


class ConfirmDeleteScreen(CompanionModal):
    """Ask, then delete through the journal; returns the deleted Entry (for undo)."""

    private = True

    BINDINGS = [Binding("escape,n", "dismiss", "journal.delete.keep", id="keep_entry")]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        t = self.t
        kinds = catalogue(t.lang)
        now = self.companion.services.clock.now()
        with Vertical(classes="dialog", id="confirm-delete"):
            yield Paragraph(
                t(
                    "journal.delete.question",
                    kind=kind_name(self.entry.kind, kinds),
                    when=format_moment(self.entry.created_at, now, t),
                ),
                classes="dialog-line",
                markup=False,
            )
            yield Paragraph(
                t("journal.delete.detail", key=self._undo_key()),
                classes="dialog-line muted",
                markup=False,
            )
            with ChoiceRow(classes="buttons"):
                yield ChoiceButton(t("journal.delete.keep"), id="keep", variant="primary")
                yield ChoiceButton(t("journal.delete.confirm"), id="delete", variant="error")
        yield KeysFooter()

    def _undo_key(self) -> str:
        from companion.ui.journal.entries import JournalScreen

        return self.key_of("journal_undo", JournalScreen.BINDINGS)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#keep")
    def keep(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#delete")
    def delete(self) -> None:
        journal = self.companion.services.journal
        deleted: list[Entry | None] = []
        self.companion.guard(lambda: deleted.append(journal.delete(self.entry.id)))
        self.dismiss(deleted[0] if deleted else None)


class DraftOfferScreen(CompanionModal):
    """Unsaved writing found: carry on (True), discard (False), or later (None)."""

    private = True

    BINDINGS = [Binding("escape", "dismiss", "keys.close", id="later_draft")]

    def __init__(self, draft: Draft, kinds: Mapping[str, Kind]) -> None:
        super().__init__()
        self.draft = draft
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        t = self.t
        when = format_moment(self.draft.updated_at, self.companion.services.clock.now(), self.t)
        kind = kind_name(EditorDraft.of(self.draft).kind, self.kinds)
        with Vertical(classes="dialog", id="draft-offer"):
            yield Paragraph(
                t("journal.editor.draft_offer", kind=kind, when=when),
                classes="dialog-line",
                markup=False,
            )
            with ChoiceRow(classes="buttons"):
                yield ChoiceButton(t("journal.editor.draft_resume"), id="resume", variant="primary")
                yield ChoiceButton(t("journal.editor.draft_discard"), id="discard")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed, "#resume")
    def resume(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#discard")
    def discard(self) -> None:
        self.dismiss(False)


SCORE = Binding.Group("journal.mood.score_keys", compact=True)  # "12345 Your mood"


class MoodScreen(CompanionModal):
    """How are you, 1-5: one key saves it. ``w`` opens the full check-in for words."""

    private = True

    BINDINGS = [
        Binding("escape", "dismiss", "keys.close", id="close_mood"),
        Binding("w", "more", "journal.mood.more", id="mood_more"),
        *(
            Binding(str(n), f"score({n})", f"journal.mood.scale_{n}", id=f"mood_{n}", group=SCORE)
            for n in range(1, MOOD_SCALE + 1)
        ),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        rows = [(str(n), t(f"journal.mood.scale_{n}")) for n in range(1, MOOD_SCALE + 1)]
        rows.append(("w", t("journal.mood.more")))
        with Vertical(classes="dialog", id="mood"):
            yield Paragraph(t("journal.mood.title"), classes="dialog-title", markup=False)
            yield Static(two_columns(rows), id="mood-scale")
            yield Paragraph(t("journal.mood.hint"), classes="muted", markup=False)
        yield KeysFooter()

    def action_score(self, score: int) -> None:
        journal = self.companion.services.journal
        if self.companion.guard(lambda: journal.add("mood", {"score": str(score)})):
            self.notify(self.t("journal.mood.saved", score=str(score)), timeout=4, markup=False)
        self.dismiss(None)

    def action_more(self) -> None:
        from companion.ui.journal.entry_editor import EntryEditorScreen

        self.dismiss(None)
        self.app.push_screen(EntryEditorScreen("mood"))
