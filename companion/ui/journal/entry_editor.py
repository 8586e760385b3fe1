"""Writing or editing one entry: the kind's prompts, tags, save.

While the person types, a draft is saved every few seconds (only when something
changed), so a crash or a kill loses at most those seconds; the journal offers the
draft back next time. Saving checks the answers (companion.core.journal) and says
what to fix, in words, without losing anything typed.
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

from companion.core.journal import (
    MOOD_SCALE,
    SUBJECTS,
    EntryError,
    answers_of,
    shown,
)
from companion.services import drafts
from companion.services.journal.service import Journal, catalogue, entry_problem
from companion.store.errors import StoreError
from companion.store.schema import Draft, EditorDraft, Entry
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import DayClosed
from companion.ui.shell.typed_keys import after_typed_keys, still_open
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph
from companion.ui.widgets.scale_select import ScaleSelect

AUTOSAVE_SECONDS = 3.0


class EntryEditorScreen(CompanionScreen):
    private = True
    draft_origin = drafts.ENTRY_EDITOR

    BINDINGS = [
        Binding("ctrl+s", "save", "journal.keys.save", id="editor_save", priority=True),
        Binding("escape", "back", "journal.keys.cancel", id="editor_back"),
    ]

    def __init__(
        self,
        kind: str,
        entry: Entry | None = None,
        answers: dict[str, str] | None = None,
        tags: str | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.entry = entry
        if answers is None:
            answers = answers_of(entry.text, entry.fields) if entry else {}
        self.initial = {k: shown(v) for k, v in answers.items()}
        own_tags = " ".join(entry.tags) if entry else ""
        self.initial_tags = tags if tags is not None else own_tags
        self.draft = draft
        self.baseline = (dict(self.initial), self.initial_tags)
        self.last_kept: tuple[dict[str, str], str] | None = None
        self._timer: Timer | None = None
        self._keeping = False  # an autosave is being written in a worker
        self.saved = False  # a second ctrl+s queued behind the first adds nothing

    @classmethod
    def from_draft(cls, draft: Draft, journal: Journal) -> EntryEditorScreen:
        kept = EditorDraft.of(draft)
        entry = journal.get(kept.entry_id) if kept.entry_id is not None else None
        return cls(kept.kind, entry, answers=kept.answers, tags=kept.tags, draft=draft)

    # -- drawing ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        kinds = catalogue(t.lang)
        spec = kinds.get(self.kind) or kinds["free"]
        title_key = "journal.editor.edit_title" if self.entry else "journal.editor.new_title"
        with VerticalScroll(id="editor", classes="page"):
            yield Paragraph(t(title_key, kind=spec.name), classes="page-title", markup=False)
            yield Paragraph(spec.about, classes="muted body", markup=False)
            for prompt in spec.prompts:
                yield Paragraph(prompt.label, classes="prompt-label", markup=False)
                if prompt.hint:
                    yield Paragraph(prompt.hint, classes="muted prompt-hint", markup=False)
                if prompt.values:
                    yield self._word_choice(prompt.id, prompt.values)
                else:
                    yield self._answer_widget(prompt.id, prompt.type)
            yield Paragraph(t("journal.editor.tags"), classes="prompt-label", markup=False)
            yield Paragraph(
                t("journal.editor.tags_hint"), classes="muted prompt-hint", markup=False
            )
            yield Input(value=self.initial_tags, id="answer-tags", classes="answer")
            yield Paragraph(id="editor-error", classes="problem hidden", markup=False)
            yield Paragraph(t("journal.editor.draft_note"), classes="muted", markup=False)
        yield KeysFooter()

    def _word_choice(self, prompt_id: str, values: str) -> Select[str]:
        """An answer kept as an id ("energetic") and read as words ("Full of energy"):
        chosen from its words, never typed as the id."""
        value = self.initial.get(prompt_id, "")
        options = [(words, key) for key, words in self.t.under(values).items()]
        if value and value not in {key for _, key in options}:
            options.append((value, value))  # something written another way: kept as it is
        return Select(
            options,
            value=value or Select.NULL,
            prompt=self.t("widgets.select_prompt"),
            id=f"answer-{prompt_id}",
            classes="answer",
        )

    def _answer_widget(self, prompt_id: str, kind: str) -> Any:
        value = self.initial.get(prompt_id, "")
        widget_id = f"answer-{prompt_id}"
        if kind == "scale":
            options = [
                (f"{n} · {self.t(f'journal.mood.scale_{n}')}", str(n))
                for n in range(1, MOOD_SCALE + 1)
            ]
            chosen = value if value in {v for _, v in options} else Select.NULL
            prompt = self.t("widgets.select_prompt")
            return ScaleSelect(
                options, top=MOOD_SCALE, value=chosen, prompt=prompt, id=widget_id, classes="answer"
            )
        if kind == "subject":
            options = [(self.t(f"journal.subjects.{s}"), s) for s in SUBJECTS]
            chosen = value if value in SUBJECTS else SUBJECTS[0]
            return Select(options, value=chosen, allow_blank=False, id=widget_id, classes="answer")
        if kind in ("line", "emotions"):
            return Input(value=value, id=widget_id, classes="answer")
        return TextArea(
            value,
            id=widget_id,
            classes="answer",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
        )

    def on_mount(self) -> None:
        # The first answer that has no value yet: a mood's score (it comes first and is
        # needed), else the first place to write. A choice that already holds its
        # default (whose story an observation tells) is passed over.
        answers = list(self.query(".answer"))
        first = next(
            (w for w in answers if not isinstance(w, Select) or w.value is Select.NULL),
            answers[0],
        )
        for area in self.query(TextArea):  # a draft or an entry carries on where it ends
            area.move_cursor(area.document.end)
        first.focus()
        self._timer = self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    async def retranslate(self) -> None:
        self.initial, self.initial_tags = self.snapshot()
        # The autosave timer must not look for the answers while they are rebuilt.
        timer = self._timer
        if timer is not None:
            timer.pause()
        try:
            await self.recompose()
        finally:
            if timer is not None:
                timer.resume()

    # -- what was typed ------------------------------------------------------------------
    def snapshot(self) -> tuple[dict[str, str], str]:
        answers: dict[str, str] = {}
        for widget in self.query(".answer"):
            prompt_id = (widget.id or "").removeprefix("answer-")
            if prompt_id == "tags":
                continue
            if isinstance(widget, TextArea):
                answers[prompt_id] = widget.text
            elif isinstance(widget, Input):
                answers[prompt_id] = widget.value
            elif isinstance(widget, Select):
                value = widget.value
                answers[prompt_id] = "" if value is Select.NULL else str(value)
        return answers, self.query_one("#answer-tags", Input).value

    def draft_fields(self) -> dict[str, Any]:
        answers, tags = self.snapshot()
        entry_id = self.entry.id if self.entry else None
        return EditorDraft(self.kind, entry_id, answers, tags).to_fields()

    def has_writing(self) -> bool:
        answers, tags = self.snapshot()
        return bool(tags.strip()) or any(v.strip() for k, v in answers.items() if k != "subject")

    def unsaved_input(self) -> dict[str, Any] | None:
        if self.snapshot() == self.baseline and self.draft is None:
            return None
        return self.draft_fields() if self.has_writing() else None

    def kept_draft(self) -> Draft | None:
        return self.draft

    def before_lock(self) -> None:
        self.autosave(wait=True)  # the draft is written (encrypted) while the key is there

    def before_quit(self) -> bool:
        # In place of its own draft, never a second copy of it; a write that fails is
        # raised, so the app stays open rather than lose what was typed.
        self.autosave(wait=True, strict=True)
        return self.draft is not None

    def autosave(self, wait: bool = False, strict: bool = False) -> None:
        """Keep what was typed as a draft, if it changed since the last time. The timer's
        autosave writes in a worker thread (a write waits for the disk), one at a time;
        one asked for before a save is not kept after it (see Drafts.keep)."""
        current = self.snapshot()
        if current == self.last_kept or (current == self.baseline and self.draft is None):
            return
        if (not self.has_writing() and self.draft is None) or (self._keeping and not wait):
            return
        journal = self.companion.services.journal
        fields, draft, since = self.draft_fields(), self.draft, journal.draft_generation()

        def keep() -> Draft | None:
            try:
                return journal.keep_draft(fields, draft, since)
            except StoreError:
                if strict:
                    raise
                return None  # the next tick tries again; saving says what is wrong

        if wait:
            self._kept(current, keep())
            return

        def in_worker() -> None:
            kept = keep()
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._kept, current, kept)

        self._keeping = True
        self.run_worker(in_worker, thread=True, group="autosave")

    def _kept(self, current: tuple[dict[str, str], str], draft: Draft | None) -> None:
        self._keeping = False
        if draft is not None:
            self.draft, self.last_kept = draft, current

    # -- actions ------------------------------------------------------------------------
    def action_save(self) -> None:
        # ctrl+s works while typing (a priority key): keys typed before it may still be
        # on their way into the field.
        after_typed_keys(self, self.save)

    def save(self) -> None:
        """Keep what was typed as an entry, or say what to fix."""
        if self.saved or not still_open(self):
            return  # saved by a key pressed just before, or closed meanwhile (locked)
        t = self.t
        answers, tags = self.snapshot()
        journal = self.companion.services.journal
        saved: list[Entry] = []
        if self.entry is None:
            add = partial(journal.add, self.kind, answers, tags)
        else:
            add = partial(journal.edit, self.entry, answers, tags)
        try:
            if not self.companion.guard(lambda: saved.append(add())):
                return
        except EntryError as problem:  # the journal's check: say what to fix, keep it all
            error = self.query_one("#editor-error", Static)
            error.update(entry_problem(problem, t))
            error.remove_class("hidden")
            error.scroll_visible()
            return
        self.saved = True
        self.companion.guard(journal.drop_drafts)
        self.draft = None
        if self._timer is not None:
            self._timer.stop()
        self.notify(t("journal.editor.saved"), timeout=3, markup=False)
        self.dismiss(saved[0] if saved else None)  # the list puts its cursor on it
        if self.entry is None and self.kind == "reflection":
            self.app.post_message(DayClosed())  # the week's last one brings its summary

    def action_back(self) -> None:
        if self.snapshot() != self.baseline or self.draft is not None:
            self.autosave(wait=True)
            if self.draft is not None:
                self.notify(self.t("journal.editor.draft_kept"), timeout=4, markup=False)
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)
