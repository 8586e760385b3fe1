"""Help lines: who to call when it is more than a bad day, one region at a time, with
the person's own employer support line (Settings) below them.

Reached in one key from everywhere (``l``), SOS and Help, from Settings and the palette.
The numbers are facts from content/<lang>/helplines.toml; nothing here is ever markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.core.care import first_region
from companion.core.journal import shown
from companion.packs.care import HelpLine, help_lines
from companion.ui.shell.base import CompanionScreen
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose


def lines_table(lines: tuple[HelpLine, ...]) -> Table:
    """Each line: its number in a column of its own, then its name, hours and what it
    is for, wrapped under one another (Chinese keeps its punctuation off line starts)."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for line in lines:
        about = Text.assemble((line.name, "bold"), "\n", (line.hours, "dim"), "\n", line.about)
        table.add_row(Text(line.number, style="bold"), Prose(about))
    return table


class HelpLinesScreen(CompanionScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "keys.back", id="helplines_back"),
        Binding("n", "region", "care.keys.region", id="helplines_region"),
    ]

    def __init__(self, region: str | None = None) -> None:
        super().__init__()
        self.place = region

    def compose(self) -> ComposeResult:
        t = self.t
        lines = help_lines(t.lang)
        region = lines.region(self.place or first_region(t.lang))
        self.place = region.id
        hint = t("care.screen.region_hint", region=region.name, key=self.key_of("helplines_region"))
        with VerticalScroll(id="helplines", classes="page"):
            yield Static(lines.title, classes="page-title", markup=False)
            yield Paragraph(lines.intro, classes="body")
            yield Paragraph(hint, id="helplines-region", classes="muted")
            if region.emergency:
                yield Static(t("care.screen.emergency"), classes="section-title", markup=False)
                yield Static(lines_table(region.emergency), id="helplines-emergency")
            yield Static(t("care.screen.lines"), classes="section-title", markup=False)
            yield Static(lines_table(region.others), id="helplines-others")
            yield Static(t("care.screen.eap"), classes="section-title", markup=False)
            eap = self.companion.services.config.settings.eap
            own = t("care.eap.shown", eap=shown(eap)) if eap else t("care.eap.unset")
            yield Paragraph(own, id="helplines-eap", classes="body")
            yield Paragraph(lines.note, classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#helplines").focus()  # the arrows and page keys scroll it

    async def action_region(self) -> None:
        self.place = help_lines(self.t.lang).after(self.place or "")
        self.companion.care.region = self.place
        await self.recompose()
        self.query_one("#helplines").focus()
