"""Settings changed inside the app: saved to config.toml (comments kept), applied at
once, and the features that care told. A setting that cannot be saved still holds for
this session, because the person asked for it, and the reason is said."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from companion.services.config import ConfigNotWritable, save_settings
from companion.services.messages import config_problem
from companion.ui.shell.base import Translated
from companion.ui.shell.themes import BY_SETTING

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


class Preferences:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        # attr -> callables run after that setting changed (a feature re-reads it).
        self._hooks: dict[str, list[Callable[[Any], None]]] = {}

    def on_change(self, attr: str, hook: Callable[[Any], None]) -> None:
        """Run ``hook(value)`` whenever the setting ``attr`` changes in the app."""
        self._hooks.setdefault(attr, []).append(hook)

    def save(self, **changes: Any) -> bool:
        """Save to config.toml. If that fails, say why; the change still holds for this
        session."""
        app = self.app
        try:
            app.services.config = save_settings(app.services.config, **changes)
        except (ConfigNotWritable, OSError) as error:
            reason = (
                config_problem(error.problem, app.strings)
                if isinstance(error, ConfigNotWritable)
                else error.strerror or str(error)
            )
            app.notify(
                app.strings("config.not_saved", reason=reason),
                severity="error",
                timeout=15,
                markup=False,
            )
            config = app.services.config
            settings = dataclasses.replace(config.settings, **changes)
            app.services.config = config._replace(settings=settings)
            return False
        return True

    async def set_language(self, setting: str) -> None:
        """Switch every screen to the language at once (and remember it)."""
        app = self.app
        self.save(language=setting)
        app.strings = app.services.strings()
        app.title = app.strings("app.title")
        for screen in list(app.screen_stack):
            if isinstance(screen, Translated):
                await screen.retranslate()
        app.refresh_bindings()

    def set_theme(self, setting: str) -> None:
        self.app.theme = BY_SETTING[setting]
        self.save(theme=setting)

    def toggle_theme(self) -> None:
        current = self.app.services.config.settings.theme
        self.set_theme("light" if current == "dark" else "dark")

    async def apply(self, attr: str, value: Any) -> None:
        """A setting changed in the UI: save it, then let whoever cares react."""
        if attr == "language":
            await self.set_language(value)
        elif attr == "theme":
            self.set_theme(value)
        else:
            self.save(**{attr: value})
        for hook in self._hooks.get(attr, ()):
            hook(value)
