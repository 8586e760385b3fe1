"""The footer of keys, drawn again only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever its screen's bindings may have
changed: on every focus move, and every time its screen comes back to the front. That
costs 20-40 ms and a new layout each time (when the journal opens after its passphrase,
as long as drawing the list), though the keys shown are mostly the same. This one
compares what it would show with what it shows, and keeps it when they are equal.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


def keys_shown(footer: Footer) -> tuple[Any, ...]:
    """Everything of the screen's bindings that Footer.compose draws."""
    app = footer.app
    shown = []
    for key, (_node, binding, enabled, tooltip) in footer.screen.active_bindings.items():
        if not binding.show and key != app.COMMAND_PALETTE_BINDING:
            continue
        group = binding.group
        shown.append(
            (
                key,
                binding.key,
                app.get_key_display(binding),
                binding.action,
                binding.description,
                binding.show,
                None if group is None else (group.description, group.compact),
                enabled,
                tooltip,
            )
        )
    return (footer.compact, footer.show_command_palette, app.ENABLE_COMMAND_PALETTE, *shown)


class KeysFooter(Footer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple[Any, ...] | None = None

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = keys_shown(self)
        if shown == self._drawn:
            return
        self._drawn = shown
        await super().recompose()
