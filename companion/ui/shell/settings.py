"""Settings: every row from setting_rows.ROWS, saved the moment it changes."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, Switch

from companion.packs.library import pack_problem
from companion.services.config import BadValue, read_duration
from companion.services.config.fields import FIELDS
from companion.services.messages import config_problem
from companion.system.i18n import format_length
from companion.system.paths import display_path
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.setting_rows import ROWS, SettingRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

FIELD_SPECS = {spec.attr: spec for spec in FIELDS}


class SettingsScreen(CompanionScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "keys.back", id="back")]

    def compose(self) -> ComposeResult:
        t = self.t
        settings = self.companion.services.config.settings
        section = ""
        with VerticalScroll(id="settings", classes="page"):
            yield Paragraph(t("settings.title"), classes="page-title", markup=False)
            for row in ROWS:
                if row.section and row.section != section:
                    section = row.section
                    yield Paragraph(t(section), classes="section-title", markup=False)
                with Horizontal(classes="setting"):
                    yield Paragraph(t(row.label), classes="setting-label", markup=False)
                    yield self._control(row, getattr(settings, row.attr, None))
                if row.hint:
                    yield Paragraph(t(row.hint), classes="muted body")
                if row.kind in ("duration", "text"):
                    yield Paragraph(id=f"{row.attr}-error", classes="problem hidden", markup=False)
            yield from self._own_packs()
            config_file = display_path(self.companion.services.paths.config_file)
            yield Paragraph(t("settings.file", path=config_file), classes="muted", markup=False)
            problems = self.companion.services.config.problems
            if problems:
                yield Paragraph(t("settings.problems_title"), classes="section-title", markup=False)
                for problem in problems:
                    yield Paragraph(config_problem(problem, t), classes="problem", markup=False)
        yield KeysFooter()

    def _own_packs(self) -> ComposeResult:
        """Where the person's own packs go, how many loaded, and what was skipped."""
        t = self.t
        library = self.companion.services.library
        folder = display_path(library.language_folder(t.lang))
        own = library.own(t.lang)
        yield Paragraph(t("packs.folder.title"), classes="section-title", markup=False)
        yield Paragraph(t("packs.folder.about", folder=folder), classes="muted body")
        if own.files:
            loaded = t("packs.folder.loaded", count=str(len(own.files)), folder=folder)
            yield Paragraph(loaded, classes="body")
        else:
            yield Paragraph(t("packs.folder.none", folder=folder), classes="body")
        for problem in own.problems:
            yield Paragraph(pack_problem(problem, t), classes="problem", markup=False)

    def _control(self, row: SettingRow, value: Any) -> Widget:
        if row.kind == "choice":
            assert row.choices is not None
            options = row.choices(self.t)
            if value not in [option for _, option in options]:
                # A value written by hand in config.toml (say "09:10") is offered as it is.
                options.append((FIELD_SPECS[row.attr].dump(value), value))
            return Select(options, value=value, allow_blank=False, id=row.attr)
        if row.kind == "action":
            return Button(self.t(f"{row.label}_button"), id=row.attr, classes="setting-action")
        if row.kind == "switch":
            return Switch(value=bool(value), id=row.attr)
        if row.kind == "text":
            placeholder = self.t(row.placeholder) if row.placeholder else ""
            text = str(value or "")
            return Input(text, placeholder=placeholder, id=row.attr, classes="setting-text")
        return Input(value=format_length(value, self.t), id=row.attr, classes="duration")

    def on_mount(self) -> None:
        self.query_one(f"#{ROWS[0].attr}").focus()

    @on(Button.Pressed, ".setting-action")
    def run_row_action(self, event: Button.Pressed) -> None:
        row = next(r for r in ROWS if r.attr == event.button.id)
        self.companion.action_run(row.action)

    @on(Select.Changed)
    async def choice_changed(self, event: Select.Changed) -> None:
        await self._apply(event.select.id, event.value)

    @on(Switch.Changed)
    async def switch_changed(self, event: Switch.Changed) -> None:
        await self._apply(event.switch.id, event.value)

    @on(Input.Submitted, ".duration")
    @on(Input.Blurred, ".duration")
    @on(Input.Submitted, ".setting-text")
    @on(Input.Blurred, ".setting-text")
    async def typed_value(self, event: Input.Submitted | Input.Blurred) -> None:
        """A duration or a line of text, checked as config.toml's reader checks it; what
        does not fit is said under the field and nothing is saved."""
        attr = event.input.id or ""
        error = self.query_one(f"#{attr}-error", Static)
        try:
            if event.input.has_class("duration"):
                value = read_duration(event.value)  # the limits config.toml has, too
            else:
                value = FIELD_SPECS[attr].parse(event.value)
        except BadValue as problem:
            lengths = {k: format_length(v, self.t) for k, v in problem.lengths.items()}
            detail = {**problem.detail, **lengths}  # "24 小时", not the file's "24h"
            error.update(self.t(f"settings.{problem.code}", value=event.value, **detail))
            error.remove_class("hidden")
            return
        except ValueError:
            error.update(self.t("settings.bad_duration", value=event.value))
            error.remove_class("hidden")
            return
        error.add_class("hidden")
        await self._apply(attr, value)

    async def _apply(self, attr: str | None, value: Any) -> None:
        settings = self.companion.services.config.settings
        if attr is None or value == getattr(settings, attr):
            return
        await self.companion.preferences.apply(attr, value)
        row = next((r for r in ROWS if r.attr == attr), None)
        if row is not None and row.self_reporting:
            self._show_value(row, getattr(self.companion.services.config.settings, attr))
        elif attr != "language":  # a new language redraws the screen, which says enough
            self.notify(self.t("settings.saved"), timeout=2, markup=False)

    def _show_value(self, row: SettingRow, value: Any) -> None:
        """Put a control back to the value in effect, without reporting a change."""
        control = self.query_one(f"#{row.attr}")
        with self.prevent(Select.Changed, Switch.Changed):
            if isinstance(control, Switch):
                control.value = bool(value)
            elif isinstance(control, Select):
                control.value = value
            elif isinstance(control, Input):
                control.value = format_length(value, self.t)

    async def retranslate(self) -> None:
        focused = self.focused.id if self.focused else None
        await self.recompose()
        self.query_one(f"#{focused or ROWS[0].attr}").focus()
