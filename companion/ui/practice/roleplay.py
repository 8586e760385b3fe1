"""Role play: pick a scripted conversation, answer an upset customer, see the mood move,
and read a debrief at the end. Offline; the script is content/<lang>/roleplays.toml."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.roleplay import Conversation, Roleplay, heat_level
from companion.packs import practice as practice_packs
from companion.ui.practice.base import BACK, PracticeTool, beside, spaced
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose
from companion.ui.widgets.scale import meter


class RoleplayScreen(PracticeTool):
    TOOL = "roleplay"
    BINDINGS = [
        BACK,
        Binding("a", "again", "practice.keys.again", id="roleplay_again"),
        Binding("o", "other", "practice.keys.other", id="roleplay_other"),
        *(
            Binding(str(n), f"reply({n - 1})", "practice.keys.choose", show=False, id=f"reply_{n}")
            for n in (1, 2, 3, 4)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.talk: Conversation | None = None
        self.order: list[int] = []  # display position -> reply index in the script

    @property
    def plays(self) -> tuple[Roleplay, ...]:
        return practice_packs.roleplays(self.t.lang)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="roleplay", classes="page"):
            if self.talk is None:
                yield self.title_widget()
                yield Paragraph(t("practice.roleplay.intro"), classes="muted body")
                counts = self.companion.attempt(self.practice.roleplay_counts, {})
                options = []
                for play in self.plays:
                    prompt = Text.assemble((play.title, "bold"))
                    if counts.get(play.id):
                        played = t("practice.roleplay.played", count=str(counts[play.id]))
                        prompt.append(f"  {played}", style="dim")
                    prompt.append(f"\n{play.setting}", style="dim")
                    options.append(Option(prompt, id=play.id))
                yield OptionList(*spaced(options), id="plays")
            else:
                yield Paragraph(self.talk.play.title, classes="page-title", markup=False)
                yield Static(id="mood")
                with VerticalScroll(id="talk"):
                    yield Paragraph(self.talk.play.setting, classes="muted body")
                    yield from self._lines()
                yield OptionList(id="replies")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._ready()

    async def _redraw(self) -> None:
        await self.recompose()
        self._ready()

    def _ready(self) -> None:
        if self.talk is None:
            self.query_one("#plays", OptionList).focus()
        else:
            self._show_turn()
        self.refresh_bindings()

    # -- playing ------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#plays")
    async def start(self, event: OptionList.OptionSelected) -> None:
        play = next(p for p in self.plays if p.id == event.option.id)
        self.talk = Conversation(play)
        await self._redraw()

    @on(OptionList.OptionSelected, "#replies")
    async def replied(self, event: OptionList.OptionSelected) -> None:
        await self.action_reply(event.option_index)

    async def action_reply(self, position: int) -> None:
        talk = self.talk
        if talk is None or talk.finished or position >= len(self.order):
            return
        talk.choose(self.order[position])
        if talk.finished:
            self.companion.guard(lambda: self.practice.record_roleplay(talk))
        talk_log = self.query_one("#talk", VerticalScroll)
        await talk_log.mount_all(self._lines(start=len(talk.turns) - 1))
        self._show_turn()

    async def action_again(self) -> None:
        if self.talk is not None and self.talk.finished:
            self.talk = Conversation(self.talk.play)
            await self._redraw()

    async def action_other(self) -> None:
        if self.talk is not None and self.talk.finished:
            self.talk = None
            await self._redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        finished = self.talk is not None and self.talk.finished
        if action in ("again", "other"):
            return finished
        if action == "reply":
            return self.talk is not None and not finished
        return True

    # -- drawing ------------------------------------------------------------------
    def _lines(self, start: int | None = None) -> list[Static]:
        """The conversation from turn ``start`` on (from the opening message when None):
        your replies, the customer's answers, and the debrief once it has ended."""
        talk = self.talk
        assert talk is not None
        lines = []
        if start is None:
            lines.append(self._said("customer", talk.play.steps[talk.play.start].customer))
            start = 0
        for turn in talk.turns[start:]:
            lines.append(self._said("you", turn.reply.text))
            lines.append(self._said("customer", talk.play.steps[turn.reply.next].customer))
        if talk.finished:
            lines.append(Static(self._debrief(), classes="debrief"))
        return lines

    def _said(self, who: str, words: str) -> Static:
        label = Text.assemble((self.t(f"practice.roleplay.{who}"), "bold"))
        return Static(beside([(label, Text(words))]), classes=f"said said-{who}")

    def _debrief(self) -> Group:
        t = self.t
        talk = self.talk
        assert talk is not None
        start = t(f"practice.roleplay.mood_{heat_level(talk.play.heat)}")
        end = t(f"practice.roleplay.mood_{heat_level(talk.heat)}")
        replies = beside(
            (
                Text(f"{number}."),
                Text.assemble((turn.reply.text, "italic"), "\n", (turn.reply.note, "dim")),
            )
            for number, turn in enumerate(talk.turns, start=1)
        )
        ended = t(
            "practice.roleplay.ended",
            again=self.key_of("roleplay_again"),
            other=self.key_of("roleplay_other"),
        )
        return Group(
            Text.assemble((t("practice.roleplay.debrief"), "bold reverse")),
            Prose(talk.step.outcome),
            Prose(t("practice.roleplay.moved", start=start, end=end), "dim"),
            Text.assemble("\n", (t("practice.roleplay.your_replies"), "bold")),
            replies,
            Text.assemble("\n", (t("practice.roleplay.lesson"), "bold")),
            Prose(talk.play.lesson),
            Prose(Text.assemble("\n", (ended, "dim"))),
        )

    def _show_turn(self) -> None:
        talk = self.talk
        assert talk is not None
        mood = Text(
            self.t(
                "practice.roleplay.mood",
                mood=self.t(f"practice.roleplay.mood_{heat_level(talk.heat)}"),
            )
        )
        mood.append("  ")
        mood.append_text(meter(talk.heat, 20))
        self.query_one("#mood", Static).update(mood)
        replies = self.query_one("#replies", OptionList)
        talk_log = self.query_one("#talk", VerticalScroll)
        if talk.finished:
            replies.display = False
            talk_log.focus()
            # The debrief starts at the top of the view, right after the last words.
            debrief = talk_log.query(".debrief")
            if debrief:
                self.call_after_refresh(
                    talk_log.scroll_to_widget, debrief.last(), animate=False, top=True
                )
        else:
            self.order = list(range(len(talk.step.replies)))
            self.practice.rng.shuffle(self.order)
            replies.clear_options()
            replies.add_options(
                spaced(
                    Option(beside([(str(pos + 1), Text(talk.step.replies[index].text))]))
                    for pos, index in enumerate(self.order)
                )
            )
            replies.highlighted = 0
            replies.focus()
            self.call_after_refresh(talk_log.scroll_end, animate=False)
        self.refresh_bindings()

    async def retranslate(self) -> None:
        if self.talk is not None:
            choices = self.talk.choices
            play = next(p for p in self.plays if p.id == self.talk.play.id)
            self.talk = Conversation(play)
            for choice in choices:
                self.talk.choose(choice)
        await self._redraw()
