"""First run: pick a language, what companion does, privacy, and where to find care.

Short and skippable; the app records that it was shown (done or skipped) so it comes
once. The palette's "Welcome tour" shows it again.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button

from companion.system.content import available_languages
from companion.system.i18n import Strings
from companion.ui.shell.base import CompanionScreen
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

PAGES = ("language", "about", "privacy", "care")


class WelcomeScreen(CompanionScreen):
    BINDINGS = [
        Binding("escape", "skip", "keys.skip", id="skip_welcome"),
        Binding("left", "arrow(-1)", "keys.previous", show=False, id="welcome_back"),
        Binding("right", "arrow(1)", "keys.next", show=False, id="welcome_next"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def compose(self) -> ComposeResult:
        t = self.t
        name = PAGES[self.page]
        with VerticalScroll(id="welcome", classes="page"):
            yield Paragraph(
                t("welcome.step", current=str(self.page + 1), total=str(len(PAGES))),
                classes="muted",
                markup=False,
            )
            if name == "language":
                yield Paragraph(t("welcome.title"), classes="page-title", markup=False)
                yield Paragraph(t("welcome.language_prompt"), markup=False)
                with ChoiceRow(classes="buttons", id="languages"):
                    for lang in available_languages():
                        yield ChoiceButton(
                            Strings(lang)("meta.name"),
                            id=f"lang-{lang}",
                            variant="primary" if lang == t.lang else "default",
                        )
            else:
                yield Paragraph(t(f"welcome.{name}_title"), classes="page-title", markup=False)
                yield Paragraph(t(f"welcome.{name}_body"), classes="body", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button(t("keys.previous"), id="previous")
                    last = self.page == len(PAGES) - 1
                    yield Button(
                        t("welcome.start") if last else t("keys.next"), id="next", variant="primary"
                    )
            with Vertical(classes="hint"):
                skip_key = self.key_of("skip_welcome")
                yield Paragraph(t("welcome.skip_hint", key=skip_key), classes="muted", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._focus_main_button()

    def _focus_main_button(self) -> None:
        buttons = self.query(Button)
        primary = [b for b in buttons if b.variant == "primary"]
        if primary:
            primary[0].focus()

    async def _go(self, page: int) -> None:
        if page >= len(PAGES):
            self.dismiss(None)
            return
        self.page = max(0, page)
        await self.recompose()
        self._focus_main_button()

    @on(Button.Pressed, "#next")
    async def action_next(self) -> None:
        await self._go(self.page + 1)

    @on(Button.Pressed, "#previous")
    async def action_previous(self) -> None:
        await self._go(self.page - 1)

    async def action_arrow(self, step: int) -> None:
        """Arrows turn the pages (on the language page they move between the languages:
        those are a group of choices, see ui/widgets/choices.py)."""
        if PAGES[self.page] != "language":
            await self._go(self.page + step)

    def action_skip(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, ".buttons Button")
    async def pick_language(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if not button_id.startswith("lang-"):
            return
        lang = button_id.removeprefix("lang-")
        self.page = 1
        await self.companion.preferences.set_language(
            lang
        )  # recomposes this screen on the next page

    async def retranslate(self) -> None:
        await self.recompose()
        self._focus_main_button()
