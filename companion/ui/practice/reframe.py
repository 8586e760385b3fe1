"""Reframe: four steps, one page at a time, from what happened to a more useful meaning.

The state and its rules are companion.core.reframe.Reframing; this screen draws the
current page, copies what is typed into that state, and asks the app's Practice to
keep it at every page change (so leaving halfway loses nothing).
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static, TextArea

from companion.core.reframe import STEPS, Page, Reframing, judgement_words
from companion.packs import practice as practice_packs
from companion.services import drafts
from companion.store.practice_records import Reframe
from companion.system.i18n import format_moment
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.typed_keys import after_typed_keys, still_open
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose
from companion.ui.widgets.scale import IntensityScale, meter

TEXT_FIELDS = {"thought", "feeling", "meaning", "action"}
SIDE = "side-"


class ReframeScreen(CompanionScreen):
    private = True  # it shows or keeps journal writing
    draft_origin = drafts.REFRAME
    BINDINGS = [
        # Both keep the reframe, so they work while typing and wait for the keys typed
        # before them (see after_typed_keys).
        Binding("ctrl+n", "next", "reframe.keys.next", id="reframe_next", priority=True),
        Binding("ctrl+g", "back", "reframe.keys.back", id="reframe_back", priority=True),
        Binding("escape", "leave", "reframe.keys.leave", id="reframe_leave"),
        Binding("ctrl+r", "another", "reframe.keys.another", id="reframe_another"),
        # (ctrl+o belongs to SOS, everywhere)
        Binding("ctrl+t", "resume", "reframe.keys.resume", id="reframe_resume"),
        Binding("n", "new", "reframe.keys.new", id="reframe_new"),
    ]

    def __init__(self, wizard: Reframing | None = None) -> None:
        super().__init__()
        self.wizard = wizard or Reframing()
        self.offer: Reframe | None = None  # an unfinished reframe to pick up
        self.prompt_turn: dict[str, int] = {}
        self.trap_shown = 0

    # -- drawing ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        page = self.wizard.page
        title = t(
            "reframe.screen.step",
            step=str(self.wizard.step),
            total=str(STEPS),
            name=t(f"reframe.steps.{page.value}"),
        )
        with Vertical(id="reframe", classes="page"):
            yield Paragraph(
                f"{t('reframe.screen.title')} · {title}", classes="page-title", markup=False
            )
            yield from getattr(self, f"_{page.value}")()
        yield KeysFooter()

    def _facts(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="wizard-body"):
            yield Paragraph(t("reframe.facts.intro"), classes="muted")
            if self.wizard.entry_id:
                yield Paragraph(t("reframe.facts.source"), classes="source", markup=False)
            yield TextArea(
                self.wizard.facts, id="facts", placeholder=t("reframe.facts.placeholder")
            )
            yield Paragraph(id="judgement", classes="hint hidden")
            if self.offer is not None:
                now = self.companion.services.clock.now()
                key = self.key_of("reframe_resume")
                text = t(
                    "reframe.screen.unfinished",
                    when=format_moment(self.offer.updated_at, now, t),
                    key=key,
                )
                yield Paragraph(text, id="offer", classes="muted")

    def _thought(self) -> ComposeResult:
        t = self.t
        w = self.wizard
        with VerticalScroll(classes="wizard-body"):
            yield Paragraph(t("reframe.thought.intro"), classes="muted")
            yield Paragraph(t("reframe.thought.thought"), classes="field-label", markup=False)
            yield Input(w.thought, t("reframe.thought.thought_placeholder"), id="thought")
            yield Paragraph(t("reframe.thought.feeling"), classes="field-label", markup=False)
            yield Input(w.feeling, t("reframe.thought.feeling_placeholder"), id="feeling")
            yield Paragraph(t("reframe.thought.intensity"), classes="field-label", markup=False)
            with Horizontal(classes="scale-row"):
                yield IntensityScale(w.before, id="before")
                yield Paragraph(t("reframe.thought.scale_help"), classes="muted", markup=False)

    def _traps(self) -> ComposeResult:
        t = self.t
        traps = self.companion.services.library.traps(t.lang)
        yield Paragraph(t("reframe.traps.intro"), classes="muted")
        with Horizontal(id="trap-picker"):
            yield SelectionList[str](
                *((trap.name, trap.id, trap.id in self.wizard.traps) for trap in traps),
                id="traps",
            )
            with VerticalScroll(id="trap-detail"):
                yield Static(id="trap-text")

    def _sides(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="wizard-body"):
            yield Paragraph(t("reframe.sides.intro"), classes="muted")
            for side in practice_packs.perspectives(t.lang):
                yield Static(self._side_label(side.id), id=f"label-{side.id}", classes="side-label")
                yield Input(
                    self.wizard.sides.get(side.id, ""),
                    t("reframe.sides.placeholder"),
                    id=f"{SIDE}{side.id}",
                    compact=True,
                )

    def _meaning(self) -> ComposeResult:
        t = self.t
        w = self.wizard
        with VerticalScroll(classes="wizard-body"):
            first = t("reframe.meaning.first", thought=w.thought.strip())
            yield Paragraph(first, classes="muted")
            yield Paragraph(t("reframe.meaning.meaning"), classes="field-label", markup=False)
            yield Input(w.meaning, t("reframe.meaning.meaning_placeholder"), id="meaning")
            yield Paragraph(t("reframe.meaning.action"), classes="field-label", markup=False)
            yield Input(w.action, t("reframe.meaning.action_placeholder"), id="action")
            yield Paragraph(t("reframe.meaning.after"), classes="field-label", markup=False)
            after = w.before if w.after is None else w.after
            yield IntensityScale(after, id="after")

    def _summary(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="wizard-body"):
            yield Static(self._summary_table(), id="summary")
            change = self.wizard.change or 0
            if change > 0:
                message = t("reframe.summary.eased", points=str(change))
            elif change < 0:
                message = t("reframe.summary.grew")
            else:
                message = t("reframe.summary.same")
            yield Paragraph(message, id="summary-message", classes="body")
            yield Paragraph(t("reframe.summary.follow_up"), classes="muted")

    def _summary_table(self) -> Table:
        t = self.t
        w = self.wizard
        names = {trap.id: trap.name for trap in self.companion.services.library.traps(t.lang)}
        feeling = w.feeling.strip() or t("reframe.summary.feeling_default")
        change = Text(f"{feeling}  ")
        change.append_text(meter(w.before, 10))
        change.append(f" {w.before} → ")
        after = w.before if w.after is None else w.after
        change.append_text(meter(after, 10))
        change.append(f" {after}")
        trap_names = "、" if t.lang == "zh" else ", "
        rows = [
            ("thought", Text(w.thought.strip())),
            ("meaning", Text.assemble((w.meaning.strip(), "bold"))),
            ("feeling", change),
            (
                "traps",
                Text(
                    trap_names.join(names.get(i, i) for i in w.traps) or t("reframe.summary.none")
                ),
            ),
            ("action", Text(w.action.strip() or t("reframe.summary.none"))),
        ]
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(ratio=1, overflow="fold")
        for key, value in rows:
            table.add_row(Text(t(f"reframe.summary.{key}")), Prose(value))
        return table

    def _side_label(self, side_id: str) -> Prose:
        side = next(p for p in practice_packs.perspectives(self.t.lang) if p.id == side_id)
        prompt = side.prompts[self.prompt_turn.get(side_id, 0) % len(side.prompts)]
        # The question on its own line: after a name on the same line, a Chinese
        # question (no spaces to break at) would jump to a line of its own anyway.
        return Prose(Text.assemble((side.name, "bold"), "\n", (prompt, "italic")))

    def _show_trap(self, index: int) -> None:
        traps = self.companion.services.library.traps(self.t.lang)
        if not traps:
            return
        trap = traps[index % len(traps)]
        text = Text.assemble((trap.name, "bold"))
        text.append(f"\n{trap.description}\n\n")
        text.append(self.t("reframe.traps.example", example=trap.example), style="italic")
        text.append("\n\n")
        text.append(self.t("reframe.traps.question", question=trap.question))
        self.query_one("#trap-text", Static).update(Prose(text))

    def _show_judgement(self) -> None:
        hint = self.query("#judgement")
        if not hint:
            return
        words = judgement_words(self.wizard.facts, practice_packs.judgement_words(self.t.lang))
        widget = hint.first(Paragraph)
        if words:
            joiner = "" if self.t.lang == "zh" else ", "
            quoted = joiner.join(f"“{word}”" for word in words[:3])
            widget.show(self.t("reframe.facts.hint", words=quoted))
        widget.set_class(not words, "hidden")

    # -- life ---------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.wizard.blank and self.wizard.entry_id is None:
            self.offer = self.companion.attempt(
                self.companion.services.practice.unfinished_reframe, None
            )
            if self.offer is not None:
                self.call_after_refresh(self.recompose_page)
                return
        self._after_draw()

    async def recompose_page(self) -> None:
        await self.recompose()
        self._after_draw()

    def _after_draw(self) -> None:
        page = self.wizard.page
        if page is Page.FACTS:
            self._show_judgement()
        if page is Page.TRAPS:
            self._show_trap(self.trap_shown)
        first = next(iter(self.query("TextArea, Input, SelectionList, IntensityScale")), None)
        if first is not None:
            first.focus()
        self.refresh_bindings()
        self.ready_for_keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        page = self.wizard.page
        if action == "back":
            return page not in (Page.FACTS, Page.SUMMARY)
        if action == "next":
            return page is not Page.SUMMARY
        if action == "new":
            return page is Page.SUMMARY
        if action == "another":
            return page is Page.SIDES
        if action == "resume":
            return self.offer is not None and page is Page.FACTS and self.wizard.blank
        return True

    # -- what the person types ---------------------------------------------------------
    @on(TextArea.Changed, "#facts")
    def facts_changed(self, event: TextArea.Changed) -> None:
        self.wizard.facts = event.text_area.text
        self._show_judgement()
        self.refresh_bindings()

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        self._take(event.input)

    def _take(self, field: Input) -> None:
        name = field.id or ""
        if name in TEXT_FIELDS:
            setattr(self.wizard, name, field.value)
        elif name.startswith(SIDE):
            self.wizard.sides[name.removeprefix(SIDE)] = field.value

    def _take_fields(self) -> None:
        """Copy what the page's fields hold into the reframe now: their Changed messages
        may still be on the way when a key or the lock keeps it."""
        for area in self.query("#facts").results(TextArea):
            self.wizard.facts = area.text
        for field in self.query(Input).results(Input):
            self._take(field)
        for scale in self.query(IntensityScale).results(IntensityScale):
            if scale.id == "before":
                self.wizard.before = scale.value
            elif scale.id == "after":
                self.wizard.after = scale.value

    def _fields(self) -> list[Widget]:
        return [w for w in self.query("Input, IntensityScale") if isinstance(w, Widget)]

    def before_key(self, event: events.Key) -> bool:
        """Enter in a field that is not the page's last one moves to the next now, in
        the app's turn, so the keys typed after it land there (see typed_keys)."""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Input) and focused in self._fields()[:-1]:
            self.focus_next()
            return True
        return super().before_key(event)

    @on(Input.Submitted)
    def field_submitted(self, event: Input.Submitted) -> None:
        if event.input is self._fields()[-1]:  # (Enter in the others moves on: before_key)
            self.next_page()

    @on(IntensityScale.Submitted)
    def scale_submitted(self) -> None:
        self.next_page()

    @on(IntensityScale.Changed)
    def scale_changed(self, event: IntensityScale.Changed) -> None:
        if event.scale.id == "before":
            self.wizard.before = event.value
        elif event.scale.id == "after":
            self.wizard.after = event.value

    @on(SelectionList.SelectedChanged, "#traps")
    def traps_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        picked = set(event.selection_list.selected)
        order = [trap.id for trap in self.companion.services.library.traps(self.t.lang)]
        self.wizard.traps = [i for i in order if i in picked]

    @on(SelectionList.SelectionHighlighted, "#traps")
    def trap_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self.trap_shown = event.selection_index
        self._show_trap(event.selection_index)

    # -- moving --------------------------------------------------------------------
    async def action_new(self) -> None:
        if self.wizard.finished:
            self.wizard = Reframing()
            self.offer = None
            await self.recompose_page()

    def action_next(self) -> None:
        after_typed_keys(self, self.next_page)

    def next_page(self) -> None:
        """Keep this page and draw the next (from the screen's turn: after_typed_keys)."""
        if self.wizard.finished or not still_open(self):
            return
        self._take_fields()
        missing = self.wizard.missing()
        if missing is not None:
            self.notify(self.t(f"reframe.missing.{missing}"), severity="warning", markup=False)
            return
        self.wizard.advance()
        self._keep()
        self.hold_keys()  # (what is typed next is for the new page's field)
        self.call_later(self.recompose_page)

    def action_back(self) -> None:
        after_typed_keys(self, self.previous_page)

    def previous_page(self) -> None:
        if not still_open(self):
            return
        self._take_fields()
        if self.wizard.back():
            self._keep()
            self.hold_keys()  # (what is typed next is for the new page's field)
            self.call_later(self.recompose_page)

    def action_leave(self) -> None:
        self._take_fields()
        if not self.wizard.blank and not self.wizard.finished and self._keep():
            self.notify(self.t("reframe.screen.kept"), timeout=4, markup=False)
        self.dismiss()

    async def action_another(self) -> None:
        focused = self.focused.id if self.focused else ""
        side_ids = [p.id for p in practice_packs.perspectives(self.t.lang)]
        side = focused.removeprefix(SIDE) if focused and focused.startswith(SIDE) else side_ids[0]
        self.prompt_turn[side] = self.prompt_turn.get(side, 0) + 1
        self.query_one(f"#label-{side}", Static).update(self._side_label(side))

    async def action_resume(self) -> None:
        if self.offer is None:
            return
        self.wizard = Reframing.from_record(self.offer)
        self.offer = None
        self.notify(self.t("reframe.screen.resumed"), timeout=3, markup=False)
        await self.recompose_page()

    def before_lock(self) -> None:
        """Saved (encrypted, while the key is still there) where it is picked up again."""
        self._take_fields()
        if not self.wizard.blank and not self.wizard.finished:
            self._keep()

    def before_quit(self) -> bool:
        """Saved where it is picked up again; a write that fails is raised (the app then
        stays open rather than lose it)."""
        self._take_fields()
        if self.wizard.blank or self.wizard.finished:
            return False
        self.companion.services.practice.save_reframe(self.wizard)
        return True

    def _keep(self) -> bool:
        """Save the reframe as it stands; a storage problem is said, never raised."""
        practice = self.companion.services.practice
        return self.companion.guard(lambda: practice.save_reframe(self.wizard))

    # -- language, and the unexpected ----------------------------------------------------
    async def retranslate(self) -> None:
        await self.recompose_page()

    def unsaved_input(self) -> dict[str, Any] | None:
        self._take_fields()
        if self.wizard.blank or self.wizard.finished:
            return None
        return {"reframe": self.wizard.record_fields(), "record_id": self.wizard.record_id}
