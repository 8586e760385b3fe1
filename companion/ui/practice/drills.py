"""Scenario drills: a situation, a few replies, every option explained afterwards.

Options are shown in a shuffled order (so the most helpful one is not always in the
same place); what is stored is the option's place in the content.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.drills import Answer, Drill
from companion.core.drills import answer as score
from companion.packs import practice as practice_packs
from companion.ui.practice.base import BACK, PracticeTool, beside, spaced
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose

LETTERS = "abcd"


class DrillsScreen(PracticeTool):
    TOOL = "drills"
    BINDINGS = [
        BACK,
        Binding("n", "next", "practice.keys.next", id="drill_next"),
        *(
            Binding(
                letter, f"choose({i})", "practice.keys.choose", show=False, id=f"drill_{letter}"
            )
            for i, letter in enumerate(LETTERS)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.drill: Drill | None = None
        self.order: list[int] = []  # display position -> option index in the content
        self.answer: Answer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="drills", classes="page"):
            yield self.title_widget()
            yield Paragraph(id="drill-progress", classes="muted", markup=False)
            with VerticalScroll(id="drill-body", classes="wizard-body"):
                yield Static(id="drill-situation", classes="body")
                yield OptionList(id="drill-options")
                yield Static(id="drill-result", classes="hidden")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_next()

    @property
    def drills(self) -> tuple[Drill, ...]:
        return practice_packs.drills(self.t.lang)

    def action_next(self) -> None:
        skip = self.drill.id if self.drill else None
        drill = self.companion.attempt(lambda: self.practice.next_drill(self.drills, skip), None)
        self.drill = drill or self.drills[0]
        self.order = list(range(len(self.drill.options)))
        self.practice.rng.shuffle(self.order)
        self.answer = None
        self.show()

    @on(OptionList.OptionSelected, "#drill-options")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index)

    def action_choose(self, position: int) -> None:
        if self.drill is None or self.answer is not None or position >= len(self.order):
            return
        drill, choice = self.drill, self.order[position]
        answer = self.companion.attempt(lambda: self.practice.answer_drill(drill, choice), None)
        if answer is None:  # not kept (a storage problem was reported), still explained
            answer = score(drill, choice)
        self.answer = answer
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self.answer is None
        return True

    def show(self) -> None:
        t = self.t
        drill = self.drill
        if drill is None:
            return
        seen = self.companion.attempt(lambda: self.practice.drill_progress(self.drills), None)
        progress = self.query_one("#drill-progress", Static)
        if seen is None or seen.tried == 0:
            line = t("practice.drills.progress_none", total=str(len(self.drills)))
        else:
            # How many clicked first time is said only when it is good news, never as a
            # score someone falls short of.
            key = "progress_clicked" if seen.first_try else "progress"
            line = t(
                f"practice.drills.{key}",
                tried=str(seen.tried),
                total=str(seen.total),
                first_try=str(seen.first_try),
            )
        progress.update(line)
        situation = Text.assemble((t(f"practice.drills.topic_{drill.topic}"), "dim"))
        situation.append(f"\n{drill.situation}", style="bold")
        if self.answer is None:
            situation.append("\n" + t("practice.drills.pick"), style="dim")
        self.query_one("#drill-situation", Static).update(Prose(situation))
        options = self.query_one("#drill-options", OptionList)
        result = self.query_one("#drill-result", Static)
        options.set_class(self.answer is not None, "hidden")
        result.set_class(self.answer is None, "hidden")
        if self.answer is None:
            options.clear_options()
            options.add_options(
                spaced(
                    Option(beside([(f"{LETTERS[pos]})", Text(drill.options[index].text))]))
                    for pos, index in enumerate(self.order)
                )
            )
            options.highlighted = 0
            options.focus()
        else:
            result.update(self._explained(drill, self.answer))
            self.query_one("#drill-body").scroll_home(animate=False)
            self.set_focus(self.query_one("#drill-body"))
        self.refresh_bindings()

    def _explained(self, drill: Drill, answer: Answer) -> Group:
        """Every option with why it helps (or what helps more): the pick and the most
        helpful one marked."""
        t = self.t
        verdict = t("practice.drills.best") if answer.best else t("practice.drills.other")
        rows: list[tuple[RenderableType, RenderableType]] = []
        for pos, index in enumerate(self.order):
            option = drill.options[index]
            marks = []
            if option.best:
                marks.append(t("practice.drills.most_helpful"))
            if index == answer.choice:
                marks.append(t("practice.drills.your_pick"))
            cell = Text.assemble((option.text, "bold" if option.best else ""))
            if marks:
                cell.append(f"  [{' · '.join(marks)}]", style="reverse" if option.best else "dim")
            cell.append(f"\n{option.why}", style="" if option.best else "dim")
            rows += [(Text(f"{LETTERS[pos]})"), cell), ("", "")]
        prompt = t("practice.drills.next_prompt", key=self.key_of("drill_next"))
        table = beside(rows, gap=1)
        return Group(Prose(Text.assemble((verdict, "bold"), "\n")), table, Prose(prompt, "dim"))

    async def retranslate(self) -> None:
        drill_id = self.drill.id if self.drill else None
        await self.recompose()
        self.drill = next((d for d in self.drills if d.id == drill_id), self.drills[0])
        self.show()
