"""Help: every key that works here (the screen's own, the app-wide ones that work on
every screen, and the letters that open things from Home), and how to reach the
palette."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from companion.core.key_names import is_printable
from companion.ui.actions import registry_place
from companion.ui.shell.base import FOOTER_EVERYWHERE, CompanionModal
from companion.ui.widgets.columns import two_columns
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class HelpScreen(CompanionModal):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "keys.close", id="close_help"),
        # A dialog keeps the app's keys out; the help lines are let in.
        Binding("l", "app.run('helplines')", "care.keys.open", id="help_helplines"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        screen_rows, app_rows, home_rows = self.key_rows()
        header = (t("help.key"), t("help.action"))
        with VerticalScroll(id="help", classes="dialog"):
            yield Paragraph(t("help.title"), classes="dialog-title", markup=False)
            care = t("care.help.line", key=self.key_of("help_helplines"))
            yield Paragraph(care, id="help-care", classes="dialog-line")
            if screen_rows:
                yield Paragraph(t("help.this_screen"), classes="section-title", markup=False)
                yield Static(two_columns(screen_rows, header=header), id="help-screen-keys")
            yield Paragraph(t("help.everywhere"), classes="section-title", markup=False)
            yield Static(two_columns(app_rows, header=header), id="help-app-keys")
            if home_rows:
                yield Paragraph(t("help.from_home"), classes="section-title", markup=False)
                yield Static(two_columns(home_rows, header=header), id="help-home-keys")
            yield Paragraph(
                t("help.palette_hint", key=self.companion.key_for("command_palette")),
                classes="muted",
                markup=False,
            )
        yield KeysFooter()

    def key_rows(
        self,
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
        """(keys of the screen below, app-wide keys that work there too, app-wide keys
        that type a letter and so work from Home), translated.

        Only companion's own bindings are listed (their descriptions are content keys);
        several keys for one action share a row: "? / f1".
        """
        under = self._screen_below()
        if under is None:
            return [], [], []
        t = self.t
        groups: dict[tuple[str, str, str], list[str]] = {}
        place: dict[tuple[str, str, str], int] = {}
        for active in Screen.active_bindings.fget(under).values():  # type: ignore[attr-defined]
            binding = active.binding
            if binding.system or not t.has(binding.description):
                continue
            where = "screen"
            if isinstance(active.node, App):
                letter = is_printable(binding.key) and binding.key != "space"
                where = "home" if letter and binding.id not in FOOTER_EVERYWHERE else "app"
            group = (where, binding.action, binding.description)
            groups.setdefault(group, []).append(self.app.get_key_display(binding))
            at = registry_place(binding.id)
            place[group] = min(place.get(group, at), at)
        rows: dict[str, list[tuple[str, str]]] = {"screen": [], "app": [], "home": []}
        # The app-wide keys in the registry's order, wherever the person's keymap put them.
        for group in sorted(groups, key=place.__getitem__):
            where, _action, description = group
            rows[where].append((" / ".join(groups[group]), t(description)))
        return rows["screen"], rows["app"], rows["home"]

    def _screen_below(self) -> Screen[object] | None:
        stack = self.app.screen_stack
        index = stack.index(self) if self in stack else len(stack)
        return stack[index - 1] if index > 0 else None
