"""The energy station: five minutes before the shift. A line to start on, then a minute
of guided breathing (the Breathe screen, coherent breathing) or, with five minutes to
spare, a guided body scan; an intention for the day, a check of how one feels. Every
step can be skipped; what was answered is kept in the journal when the station
closes."""

from __future__ import annotations

import random
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input

from companion.packs.routine import energy
from companion.services import drafts
from companion.services.routine import FEELINGS
from companion.system.i18n import format_length
from companion.ui.routine.body_scan import BodyScan
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import BreathingWanted
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow, Choices
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

STEPS = ("intro", "breathe", "intention", "feeling", "done")  # (or "scan" for "breathe")
# About a minute of slow, even breathing (5.5 s in, 5.5 s out) to arrive for the shift.
BREATH_PATTERN = "coherent"
BREATH_ROUNDS = 6


class EnergyScreen(CompanionScreen):
    private = True  # it shows or keeps journal writing
    draft_origin = drafts.ENERGY_STATION
    BINDINGS = [
        Binding("escape", "finish", "routine.keys.done", id="energy_done"),
        Binding("b", "scan", "routine.keys.scan", id="energy_scan"),
    ]

    def __init__(self, rng: random.Random | None = None) -> None:
        super().__init__()
        self.step = "intro"
        self.intention = ""
        self.feeling: str | None = None
        self.rng = rng or random.Random()
        self.pep: int | None = None  # which pep line this visit shows
        self.scanned = False  # the body scan ran to its end

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="energy", classes="page"):
            yield Paragraph(t("routine.energy.title"), classes="page-title", markup=False)
            if self.step == "intro":
                yield from self._compose_intro()
            elif self.step == "scan":
                yield from self._compose_scan()
            elif self.step == "intention":
                yield Paragraph(
                    t("routine.energy.intention_title"), classes="section-title", markup=False
                )
                yield Paragraph(t("routine.energy.intention_prompt"), markup=False)
                placeholder = t("routine.energy.intention_placeholder")
                yield Input(self.intention, placeholder=placeholder, id="intention")
                yield from self._next_button()
            elif self.step == "feeling":
                yield Paragraph(
                    t("routine.energy.feeling_title"), classes="section-title", markup=False
                )
                yield Paragraph(t("routine.energy.feeling_prompt"), markup=False)
                with Choices(classes="feelings"):
                    for feeling in FEELINGS:
                        label = t(f"routine.feelings.{feeling}")
                        yield ChoiceButton(label, id=f"feeling-{feeling}", compact=True)
            else:
                yield from self._compose_done()
        yield KeysFooter()

    def _compose_intro(self) -> ComposeResult:
        t = self.t
        pep = energy(t.lang).pep
        if self.pep is None:
            routine = self.companion.services.routine
            self.pep = routine.pep_line(len(pep), self.rng)
        yield Paragraph(t("routine.energy.pep_title"), classes="section-title", markup=False)
        yield Paragraph(pep[self.pep % len(pep)], id="pep", classes="body")
        yield Paragraph(t("routine.energy.intro"), classes="body")
        scan = t("routine.energy.scan_offer", key=self.key_of("energy_scan"))
        yield Paragraph(scan, classes="muted")
        with ChoiceRow(classes="buttons"):
            yield ChoiceButton(t("routine.keys.begin"), id="next", variant="primary")
            yield ChoiceButton(t("routine.keys.not_today"), id="not-today")

    def _compose_scan(self) -> ComposeResult:
        t, pack = self.t, energy(self.t.lang)
        yield Paragraph(pack.scan_name, classes="section-title", markup=False)
        if self.scanned:
            yield Paragraph(t("routine.energy.scan_done"), classes="body")
        else:
            yield Paragraph(pack.scan_about, classes="muted body")
            yield BodyScan(pack, t, self.companion.services.clock)
        yield from self._next_button()

    def _next_button(self) -> ComposeResult:
        with ChoiceRow(classes="buttons"):
            yield ChoiceButton(self.t("routine.keys.next"), id="next", variant="primary")

    def _compose_done(self) -> ComposeResult:
        t = self.t
        yield Paragraph(t("routine.energy.done_title"), classes="section-title", markup=False)
        if self.intention.strip():
            line = t("routine.energy.done_intention", intention=self.intention.strip())
            yield Paragraph(line, classes="body", markup=False)
        every = format_length(self.companion.services.config.settings.break_every, t)
        yield Paragraph(t("routine.energy.done_body", every=every), markup=False)
        with ChoiceRow(classes="buttons"):
            yield ChoiceButton(t("routine.keys.done"), id="finish", variant="primary")

    async def on_mount(self) -> None:
        kept = self.take_back_draft()  # an intention typed here when the app last closed
        if isinstance(kept.get("intention"), str) and kept["intention"].strip():
            self.intention = kept["intention"]
            if self.step == "intro":
                self.step = "intention"  # straight back to it
            await self.recompose()
        self._focus()

    def _focus(self) -> None:
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query(Button).first()).focus()

    async def _go(self, step: str) -> None:
        self._keep_intention()
        for scan in self.query(BodyScan):
            scan.stop()
        if step == "breathe":
            # The breathing step is the Breathe screen itself; the station goes on to the
            # intention when it closes (finished, or left early: every step is optional).
            self.post_message(
                BreathingWanted(
                    BREATH_PATTERN,
                    BREATH_ROUNDS,
                    start_now=True,
                    origin="energy",
                    then=self._breathed,
                )
            )
            return
        self.step = step
        await self.recompose()
        self._focus()

    def _breathed(self, _session: object = None) -> None:
        self.call_later(self._go, "intention")

    def _keep_intention(self) -> None:
        for field in self.query("#intention").results(Input):
            self.intention = field.value

    # -- intents -------------------------------------------------------------------------
    @on(Button.Pressed, "#next")
    @on(Input.Submitted, "#intention")
    async def next_step(self) -> None:
        step = "breathe" if self.step == "scan" else self.step  # the scan stands for it
        await self._go(STEPS[STEPS.index(step) + 1])

    async def action_scan(self) -> None:
        """Five minutes to spare: the guided body scan instead of the minute of breathing."""
        if self.step == "intro":
            await self._go("scan")

    async def on_body_scan_finished(self) -> None:
        self.scanned = True
        await self.recompose()
        self._focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scan":
            return self.step == "intro"
        return True

    def on_screen_suspend(self) -> None:
        for scan in self.query(BodyScan):
            scan.set_hidden(True)

    def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler, so no super() call here.)
        for scan in self.query(BodyScan):
            scan.set_hidden(False)

    @on(Button.Pressed, ".feelings Button")
    async def pick_feeling(self, event: Button.Pressed) -> None:
        self.feeling = (event.button.id or "").removeprefix("feeling-")
        await self._go("done")

    @on(Button.Pressed, "#not-today")
    def not_today(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#finish")
    def action_finish(self) -> None:
        """Close, keeping whatever was answered."""
        self._keep_intention()
        if self.companion.routine.save_intention(self.intention, self.feeling):
            self.drop_taken_draft()
            self.dismiss()

    def unsaved_input(self) -> dict[str, Any] | None:
        self._keep_intention()
        return {"intention": self.intention} if self.intention.strip() else None

    async def retranslate(self) -> None:
        self._keep_intention()
        await self.recompose()
        self._focus()
