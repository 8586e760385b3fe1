"""The practice room: a short list of tools; a number or Enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion.ui.practice.base import BACK, PracticeTool, beside
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

OPEN = Binding.Group("practice.keys.open", compact=True)  # "1234567 Open" in the footer
TOOLS = ("poker", "emotions", "drills", "pairs", "replies", "roleplay", "review")


class PracticeRoomScreen(PracticeTool):
    TOOL = "title"
    BINDINGS = [
        BACK,
        *(
            Binding(str(n), f"open({n - 1})", "practice.keys.open", id=f"tool_{n}", group=OPEN)
            for n in range(1, len(TOOLS) + 1)
        ),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="practice-room", classes="page"):
            yield self.title_widget()
            yield Paragraph(t("practice.room.intro"), classes="muted body")
            options = []
            for number, tool in enumerate(TOOLS, start=1):
                about = Text.assemble(
                    (t(f"practice.room.{tool}"), "bold"),
                    "\n",
                    (t(f"practice.room.{tool}_about"), "dim"),
                )
                options.append(Option(beside([(Text(str(number), style="dim"), about)]), id=tool))
            yield OptionList(*options, id="tools")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#tools", OptionList).focus()

    @on(OptionList.OptionSelected, "#tools")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.companion.practice.open_tool(event.option.id or TOOLS[0])

    def action_open(self, index: int) -> None:
        self.companion.practice.open_tool(TOOLS[index])

    async def retranslate(self) -> None:
        highlighted = self.query_one("#tools", OptionList).highlighted
        await self.recompose()
        tools = self.query_one("#tools", OptionList)
        tools.highlighted = highlighted
        tools.focus()
