"""The negative <-> more useful thought table, and a quick matching quiz on it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from companion.core.drills import PairQuestion, ThoughtPair, pair_question
from companion.ui.practice.base import BACK, PracticeTool, beside
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Prose


class ThoughtPairsScreen(PracticeTool):
    TOOL = "pairs"
    BINDINGS = [
        BACK,
        Binding("m", "mode", "practice.keys.match", id="pairs_mode"),
        Binding("n", "ask", "practice.keys.next", id="pairs_next"),
        *(
            Binding(str(n), f"answer({n - 1})", "practice.keys.choose", show=False, id=f"pairs_{n}")
            for n in (1, 2, 3)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.quiz = False
        self.question: PairQuestion | None = None
        self.picked: int | None = None
        self.asked = 0
        self.right = 0

    @property
    def pairs(self) -> tuple[ThoughtPair, ...]:
        return self.companion.services.library.thought_pairs(self.t.lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="pairs", classes="page"):
            yield self.title_widget()
            with VerticalScroll(id="pairs-body", classes="wizard-body"):
                yield Static(id="pairs-view")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#pairs-body").focus()

    def action_mode(self) -> None:
        self.quiz = not self.quiz
        if self.quiz and self.question is None:
            self.action_ask()
            return
        self.show()

    def action_ask(self) -> None:
        pairs = {p.id: p for p in self.pairs}
        pair = pairs[self.practice.draw("thought_pairs", list(pairs))]
        self.question = pair_question(self.pairs, self.practice.rng, pair)
        self.picked = None
        self.quiz = True
        self.show()

    def action_answer(self, index: int) -> None:
        if not self.quiz or self.question is None or self.picked is not None:
            return
        if index >= len(self.question.options):
            return
        self.picked = index
        self.asked += 1
        self.right += index == self.question.answer
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.quiz and self.picked is None
        if action == "ask":
            return self.quiz and self.picked is not None
        return True

    def show(self) -> None:
        view = self.query_one("#pairs-view", Static)
        view.update(self._quiz() if self.quiz else self._table())
        self.refresh_bindings()

    def _table(self) -> Group:
        t = self.t
        table = Table(
            expand=True,
            show_lines=False,
            pad_edge=False,
        )
        table.add_column(t("practice.pairs.negative"), ratio=1, style="dim", overflow="fold")
        table.add_column("→", width=1)
        table.add_column(t("practice.pairs.helpful"), ratio=1, overflow="fold")
        for pair in self.pairs:
            table.add_row(Prose(pair.negative), "→", Prose(pair.helpful))
        intro = Prose(t("practice.pairs.intro", key=self.key_of("pairs_mode")), "dim")
        return Group(intro, table)

    def _quiz(self) -> Group:
        t = self.t
        question = self.question
        assert question is not None
        options = []
        for index, option in enumerate(question.options):
            style = ""
            if self.picked is not None and index == question.answer:
                style = "bold reverse"
            elif self.picked == index:
                style = "dim"
            options.append((str(index + 1), Text(option, style=style)))
        parts: list[RenderableType] = [
            Prose(t("practice.pairs.quiz_intro"), "dim"),
            Prose(Text.assemble("\n", (question.pair.negative, "bold"), "\n")),
            beside(options),
        ]
        if self.picked is not None:
            if self.picked == question.answer:
                feedback = t("practice.pairs.right")
            else:
                feedback = t("practice.pairs.other", answer=question.pair.helpful)
            score = t(
                "practice.pairs.score",
                right=str(self.right),
                asked=str(self.asked),
                key=self.key_of("pairs_next"),
            )
            parts += [Prose(Text.assemble("\n", (feedback, "bold"))), Prose(score, "dim")]
        return Group(*parts)

    async def retranslate(self) -> None:
        await self.recompose()
        if self.question is not None:
            pair_id = self.question.pair.id
            pair = next(p for p in self.pairs if p.id == pair_id)
            self.question = pair_question(self.pairs, self.practice.rng, pair)
            self.picked = None
        self.show()
