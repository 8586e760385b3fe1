"""What every companion screen shares: strings in the current language, translated
key descriptions for the footer and help, and hooks for language changes and for
keeping unsaved input when something goes wrong."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from companion.i18n import Strings

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


def translate_bindings(bindings: dict[str, ActiveBinding], t: Strings) -> dict[str, ActiveBinding]:
    """Binding descriptions are content keys ("keys.help"); show them in the language."""
    out = {}
    for key, active in bindings.items():
        description = active.binding.description
        if description and t.has(description):
            binding = dataclasses.replace(active.binding, description=t(description))
            active = active._replace(binding=binding)
        out[key] = active
    return out


class Translated:
    """Mixin for Screen and ModalScreen."""

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[attr-defined, return-value]

    @property
    def t(self) -> Strings:
        return self.companion.strings

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings, self.t)  # type: ignore[misc]

    def on_screen_resume(self) -> None:
        # Whichever screen comes to the front checks the size, so a screen pushed at
        # start-up (or over a too-small notice) can never hide that notice.
        self.companion.check_size(self.app.size.width, self.app.size.height)

    async def retranslate(self) -> None:
        """The language changed: draw again. Screens holding input override this."""
        await self.recompose()  # type: ignore[attr-defined]

    def unsaved_input(self) -> dict[str, Any] | None:
        """Text the user typed and has not saved, to keep if the app must close."""
        return None


class CompanionScreen(Translated, Screen[None]):
    pass


class CompanionModal(Translated, ModalScreen[Any]):
    pass
