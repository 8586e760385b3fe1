"""Cognitive poker: draw a hand of three (a situation, a thinking trap that may hide in
its first thought, a side to look from), reframe it in 60 seconds, compare, self-rate.

The countdown reads the injected clock; one slow (1 s) timer runs only while a round
is on and this screen is shown, and only asks the clock how much time is left.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from companion.core.poker import Hand, PokerRound
from companion.packs import practice as practice_packs
from companion.packs.practice import Perspective, Situation, Trap
from companion.ui.practice.base import BACK, PracticeTool, beside
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose
from companion.ui.widgets.scale import meter

TICK_SECONDS = 1.0


class PokerScreen(PracticeTool):
    TOOL = "poker"
    BINDINGS = [
        BACK,
        Binding("n", "draw", "practice.keys.hand", id="poker_draw"),
        Binding("1", "rate(1)", "practice.keys.rate", id="poker_rate"),
        Binding("2", "rate(2)", "practice.keys.rate", show=False, id="poker_rate_2"),
        Binding("3", "rate(3)", "practice.keys.rate", show=False, id="poker_rate_3"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.card: Situation | None = None
        self.hand: Hand | None = None
        self.round: PokerRound | None = None
        self.round_id: str | None = None
        self.phase = "idle"  # idle | running | late | done | rated
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="poker", classes="page"):
            yield self.title_widget()
            with VerticalScroll(classes="wizard-body"):
                yield Paragraph(self.t("practice.poker.hand_intro"), id="intro", classes="muted")
                yield Static(id="card", classes="card hidden")
                yield Input(id="mine", classes="hidden")
                yield Paragraph(id="clock", markup=False)
                yield Paragraph(id="prompt", classes="body")
                yield Static(id="samples", classes="hidden")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.render_round()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler, so no super() call here.)
        if self.companion.services.stores.journal.locked:
            return  # the base class's handler closes this screen
        if self.phase == "running" and self._timer is not None:
            self._timer.resume()
            self.tick()

    # -- the round -----------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.companion.services.clock.monotonic()

    def decks(self) -> tuple[dict[str, Situation], dict[str, Trap], dict[str, Perspective]]:
        """The three decks a hand is dealt from (the person's own cards among them)."""
        library, lang = self.companion.services.library, self.t.lang
        return (
            {card.id: card for card in library.situations(lang)},
            {trap.id: trap for trap in library.traps(lang)},
            {side.id: side for side in practice_packs.perspectives(lang)},
        )

    def action_draw(self) -> None:
        situations, traps, sides = self.decks()
        prompts = [(side.id, len(side.prompts)) for side in sides.values()]
        self.hand = self.practice.deal(list(situations), list(traps), prompts)
        self.card = situations[self.hand.situation]
        self.round = PokerRound(self.hand.situation, self.now)
        self.round_id = None
        self.phase = "running"
        mine = self.query_one("#mine", Input)
        mine.value = ""
        mine.disabled = False
        mine.focus()
        if self._timer is not None:
            self._timer.resume()
        self.render_round()

    def tick(self) -> None:
        """Called by the slow timer: has the time run out?"""
        if self.phase == "running" and self.round is not None and self.round.over(self.now):
            self.phase = "late"
            if self._timer is not None:
                self._timer.pause()
        self.render_round()

    @on(Input.Submitted, "#mine")
    def done(self, event: Input.Submitted) -> None:
        hand = self.hand
        if self.phase not in ("running", "late") or self.round is None or hand is None:
            return
        in_time = not self.round.over(self.now)
        seconds = self.round.elapsed(self.now)

        def record() -> None:
            self.round_id = self.practice.record_poker(hand, event.value, seconds, in_time)

        self.companion.guard(record)
        self.phase = "done"
        if self._timer is not None:
            self._timer.pause()
        event.input.disabled = True
        self.set_focus(None)
        self.render_round()

    def action_rate(self, rating: int) -> None:
        if self.phase != "done":
            return
        if self.round_id is not None:
            round_id = self.round_id
            self.companion.guard(lambda: self.practice.rate_poker(round_id, rating))
        self.phase = "rated"
        self.render_round()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "draw":
            return self.phase not in ("running", "late")
        if action == "rate":
            return self.phase == "done"
        return True

    # -- drawing ------------------------------------------------------------------
    def render_round(self) -> None:
        t = self.t
        card = self.query_one("#card", Static)
        mine = self.query_one("#mine", Input)
        samples = self.query_one("#samples", Static)
        prompt = self.query_one("#prompt", Paragraph)
        clock = self.query_one("#clock", Static)
        playing = self.card is not None
        self.query_one("#intro").set_class(playing, "hidden")
        card.set_class(not playing, "hidden")
        mine.set_class(not playing, "hidden")
        if self.card is not None:
            card.update(self._hand_table())
            mine.placeholder = t("practice.poker.placeholder")
        draw_key = self.key_of("poker_draw")
        show_samples = self.phase in ("late", "done", "rated")
        samples.set_class(not show_samples, "hidden")
        if show_samples and self.card is not None:
            heading = Text.assemble((t("practice.poker.samples"), "bold"))
            bullets = beside((("•", Text(sample)) for sample in self.card.samples), gap=1)
            absent = Prose(Text(t("practice.poker.trap_absent"), style="dim"))
            samples.update(Group(heading, bullets, absent))
        clock.update(self._clock_text())
        messages = {
            "idle": t("practice.poker.hand_prompt", key=draw_key),
            "running": "",
            "late": t("practice.poker.times_up"),
            "done": t("practice.poker.rate"),
            "rated": t("practice.poker.rated", key=draw_key),
        }
        prompt.show(messages[self.phase])
        prompt.set_class(not messages[self.phase], "hidden")
        self.refresh_bindings()

    def _hand_table(self) -> Table:
        """The three cards: the moment and its first thought, the trap to check it for,
        and the side to look from with one of its questions."""
        t, card, hand = self.t, self.card, self.hand
        assert card is not None
        _, traps, sides = self.decks()
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(ratio=1, overflow="fold")
        table.add_row(t("practice.poker.moment"), Prose(card.situation, style="bold"))
        table.add_row(t("practice.poker.thought"), Prose(card.thought))
        trap = traps.get(hand.trap) if hand else None
        if trap is not None:
            check = t("practice.poker.trap_check", question=trap.question)
            table.add_row(
                t("practice.poker.trap"), Prose(Text.assemble((trap.name, "bold"), "  ", check))
            )
        side = sides.get(hand.side) if hand else None
        if side is not None and hand is not None:
            prompt = side.prompts[hand.prompt % len(side.prompts)]
            table.add_row(
                t("practice.poker.side"), Prose(Text.assemble((side.name, "bold"), "  ", prompt))
            )
        table.add_row(t("practice.poker.yours"), Text(""))
        return table

    def _clock_text(self) -> Text:
        if self.phase != "running" or self.round is None:
            return Text("")
        left = self.round.left(self.now)
        text = meter(round(left * 100 / self.round.limit), 20)
        text.append("  " + self.t("practice.poker.left", seconds=str(left)))
        return text

    async def retranslate(self) -> None:
        phase, value = self.phase, ""
        if self.card is not None:
            value = self.query_one("#mine", Input).value
        await self.recompose()
        self.phase = phase
        if self.hand is not None:
            self.card = self.decks()[0].get(self.hand.situation, self.card)
            mine = self.query_one("#mine", Input)
            mine.value = value
            mine.disabled = phase in ("done", "rated")
        self.render_round()
