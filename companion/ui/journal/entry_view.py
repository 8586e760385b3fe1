"""One entry, to read: its questions and answers, tags, when it was written. A
third-person observation is shown back in the voice the writer chose (``v`` shows it
as written). Long entries scroll. Dismisses with the Entry if it was deleted."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from companion.core.journal import shown
from companion.core.voice import third_person
from companion.services.incident import KIND as INCIDENT
from companion.services.incident import entry_report
from companion.services.journal.export import sections
from companion.services.journal.service import catalogue, kind_name
from companion.store.practice_records import Reframe
from companion.store.schema import Entry
from companion.system.i18n import format_moment
from companion.ui.journal.dialogs import ConfirmDeleteScreen
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import ReframeWanted, ReportWanted
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

_A_MINUTE = timedelta(minutes=1)


class EntryViewScreen(CompanionScreen):
    private = True

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="view_back"),
        Binding("e", "edit", "journal.keys.edit", id="view_edit"),
        Binding("asterisk,x", "star", "journal.keys.star", id="view_star"),
        Binding("d,delete", "delete", "journal.keys.delete", id="view_delete"),
        Binding("v", "voice", "journal.view.as_written", id="view_voice"),
        Binding("r", "reframe", "journal.keys.reframe", id="view_reframe"),
        Binding("c", "report", "incident.keys.copy", id="view_report"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self.as_written = False
        self.linked: list[Reframe] = []  # reframes made of it, as last shown

    def compose(self) -> ComposeResult:
        t = self.t
        entry = self.entry
        kinds = catalogue(t.lang)
        now = self.companion.services.clock.now()
        title = kind_name(entry.kind, kinds) + (" ★" if entry.starred else "")
        meta = t("journal.view.written", when=format_moment(entry.created_at, now, t))
        if entry.updated_at - entry.created_at > _A_MINUTE:
            edited = format_moment(entry.updated_at, now, t)
            meta += " · " + t("journal.view.edited", when=edited)
        subject = entry.subject if entry.kind == "observation" else None
        with VerticalScroll(id="entry-view", classes="page"):
            yield Paragraph(title, classes="page-title", markup=False)
            yield Paragraph(meta, classes="muted", markup=False)
            if subject and not self.as_written:
                voice = t("journal.view.voice", subject=t(f"journal.subjects.{subject}"))
                yield Paragraph(voice, classes="muted", markup=False)
            for label, text in sections(entry, kinds, t):
                if label:
                    yield Paragraph(label, classes="section-title", markup=False)
                if subject and not self.as_written and label != _subject_label(kinds):
                    text = third_person(text, str(subject))
                yield Paragraph(shown(text), classes="entry-text", markup=False)
            if entry.tags:
                tags = " ".join(f"#{tag}" for tag in entry.tags)
                yield Paragraph(shown(tags), classes="muted entry-tags", markup=False)
            yield from self._reframes(now)
        yield KeysFooter()

    def _reframes(self, now: datetime) -> ComposeResult:
        """The link back: reframes started from this entry."""
        self.linked = found = self._linked()
        if not found:
            return
        t = self.t
        yield Paragraph(t("journal.view.reframes"), classes="section-title", markup=False)
        for reframe in found:
            when = format_moment(reframe.created_at, now, t)
            line = (
                t("journal.view.reframe_line", when=when, meaning=reframe.meaning)
                if reframe.finished and reframe.meaning
                else t("journal.view.reframe_open", when=when)
            )
            yield Paragraph(shown(line), classes="entry-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#entry-view", VerticalScroll).focus()

    def _linked(self) -> list[Reframe]:
        if self.entry.kind != "thought":
            return []
        practice, entry_id = self.companion.services.practice, self.entry.id
        return self.companion.attempt(lambda: practice.reframes_for_entry(entry_id), [])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "voice":
            return self.entry.kind == "observation"
        if action == "reframe":
            return self.entry.kind == "thought"
        if action == "report":
            return self.entry.kind == INCIDENT
        return True

    def action_report(self) -> None:
        """An incident note as a plain, factual report for a supervisor."""
        self.post_message(ReportWanted(entry_report(self.entry, self.t)))

    def action_reframe(self) -> None:
        """ "Reframe this": the four steps, starting from what this entry says."""
        self.post_message(ReframeWanted(self.entry.id))

    async def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler, so no super() call here.)
        if self.companion.services.stores.journal.locked:
            return  # the base class's handler closes this screen
        fresh = self.companion.services.journal.get(self.entry.id)
        if fresh is not None and (fresh != self.entry or self._linked() != self.linked):
            self.entry = fresh
            await self.recompose()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from companion.ui.journal.entry_editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen(self.entry.kind, self.entry))

    async def action_star(self) -> None:
        journal = self.companion.services.journal
        entry = self.entry
        if self.companion.guard(lambda: journal.set_star(entry, not entry.starred)):
            self.entry = journal.get(entry.id) or entry
            await self.recompose()

    async def action_voice(self) -> None:
        self.as_written = not self.as_written
        await self.recompose()

    def action_delete(self) -> None:
        self.app.push_screen(ConfirmDeleteScreen(self.entry), callback=self._deleted)

    def _deleted(self, entry: Entry | None) -> None:
        if entry is not None:
            self.dismiss(entry)


def _subject_label(kinds: dict) -> str:  # type: ignore[type-arg]
    spec = kinds.get("observation")
    prompt = spec.prompt("subject") if spec else None
    return prompt.label if prompt else ""
