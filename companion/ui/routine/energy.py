"""The energy station: five minutes before the shift. A minute of guided breathing (the
Breathe screen, coherent breathing), an intention for the day, a check of how one
feels. Every step can be skipped; what was answered is kept in the journal when the
station closes."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Input

from companion.services import drafts
from companion.services.routine import FEELINGS
from companion.system.i18n import format_length
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import BreathingWanted
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow, Choices
from companion.ui.widgets.prose import Paragraph

STEPS = ("intro", "breathe", "intention", "feeling", "done")
# About a minute of slow, even breathing (5.5 s in, 5.5 s out) to arrive for the shift.
BREATH_PATTERN = "coherent"
BREATH_ROUNDS = 6


class EnergyScreen(CompanionScreen):
    private = True  # it shows or keeps journal writing
    draft_origin = drafts.ENERGY_STATION
    BINDINGS = [
        Binding("escape", "finish", "routine.keys.done", id="energy_done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "intro"
        self.intention = ""
        self.feeling: str | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="energy", classes="page"):
            yield Paragraph(t("routine.energy.title"), classes="page-title", markup=False)
            if self.step == "intro":
                yield Paragraph(t("routine.energy.intro"), classes="body", markup=False)
                with ChoiceRow(classes="buttons"):
                    yield ChoiceButton(t("routine.keys.begin"), id="next", variant="primary")
                    yield ChoiceButton(t("routine.keys.not_today"), id="not-today")
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
        yield Footer()

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
        self._focus()

    def _focus(self) -> None:
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query(Button).first()).focus()

    async def _go(self, step: str) -> None:
        self._keep_intention()
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
        await self._go(STEPS[STEPS.index(self.step) + 1])

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
            self.dismiss()

    def unsaved_input(self) -> dict[str, Any] | None:
        self._keep_intention()
        return {"intention": self.intention} if self.intention.strip() else None

    async def retranslate(self) -> None:
        self._keep_intention()
        await self.recompose()
        self._focus()
