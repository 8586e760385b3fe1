"""Settings: choices saved to config.toml the moment they change."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Select, Static

from companion.content import available_languages
from companion.i18n import Strings
from companion.messages import config_problem
from companion.paths import display_path
from companion.ui.screens.base import CompanionScreen


class SettingsScreen(CompanionScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "keys.back", id="back")]

    def compose(self) -> ComposeResult:
        t = self.t
        settings = self.companion.services.config.settings
        languages = [(t("settings.language_auto"), "auto")] + [
            (Strings(lang)("meta.name"), lang) for lang in available_languages()
        ]
        themes = [(t("settings.theme_dark"), "dark"), (t("settings.theme_light"), "light")]
        with VerticalScroll(id="settings", classes="page"):
            yield Static(t("settings.title"), classes="page-title", markup=False)
            with Horizontal(classes="setting"):
                yield Static(t("settings.language"), classes="setting-label", markup=False)
                yield Select(languages, value=settings.language, allow_blank=False, id="language")
            with Horizontal(classes="setting"):
                yield Static(t("settings.theme"), classes="setting-label", markup=False)
                yield Select(themes, value=settings.theme, allow_blank=False, id="theme")
            config_file = display_path(self.companion.services.paths.config_file)
            yield Static(t("settings.file", path=config_file), classes="muted", markup=False)
            problems = self.companion.services.config.problems
            if problems:
                yield Static(t("settings.problems_title"), classes="section-title", markup=False)
                for problem in problems:
                    yield Static(config_problem(problem, t), classes="problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#language", Select).focus()

    @on(Select.Changed, "#language")
    async def language_changed(self, event: Select.Changed) -> None:
        if event.value == self.companion.services.config.settings.language:
            return
        await self.companion.set_language(str(event.value))

    @on(Select.Changed, "#theme")
    def theme_changed(self, event: Select.Changed) -> None:
        if event.value == self.companion.services.config.settings.theme:
            return
        self.companion.set_theme_setting(str(event.value))
        self.notify(self.t("settings.saved"), timeout=2, markup=False)

    async def retranslate(self) -> None:
        await self.recompose()
        self.query_one("#language", Select).focus()
