"""The break screen: a break that is due (with its choices), a break under way (a
count-down and an idea for it), and the welcome back when it is over.

It draws the rhythm's state and forwards the user's choice to the app's rhythm; the
rules (how many postponements, when it ends) live in companion.core.breaks.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Digits, Static

from companion.core.activities import Activity, suggestion_order
from companion.core.breaks import Phase
from companion.services.breaks import BreakView
from companion.system.i18n import format_length, format_span
from companion.ui.breaks.text import clock_face
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.calm_base import DIGITS
from companion.ui.shell.messages import BreathingWanted, RhythmTick
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow, Choices
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph
from companion.ui.widgets.tension import TensionScale


class BreakScreen(CompanionScreen):
    AUTO_FOCUS = None  # see _focus_first_button
    break_screen = True

    BINDINGS = [
        Binding("s", "start", "breaks.keys.start", id="break_start"),
        Binding("c", "after_chat", "breaks.keys.after_chat", id="break_after_chat"),
        Binding("p", "postpone", "breaks.keys.postpone", id="break_postpone"),
        Binding("x", "skip", "breaks.keys.skip", id="break_skip"),
        # (n and h are named on the screen itself, so the footer keeps room for the rest)
        Binding("n", "another", "breaks.keys.another", show=False, id="break_another"),
        Binding("h", "breathe", "breaks.keys.breathe", show=False, id="break_breathe"),
        Binding("escape", "back", "breaks.keys.back", id="break_back"),
        Binding("escape", "postpone", "breaks.keys.postpone", show=False, id="break_not_now"),
        *DIGITS,
    ]

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.mode = ""  # "due" | "break" | "over"
        self.idea = 0
        self.rating_now_first = False  # the next digit rates "now", not "before"
        self._seed = seed  # the same ideas in the same order for this break, in any language

    # -- state ---------------------------------------------------------------------------
    def view(self) -> BreakView:
        return self.companion.rhythm.view()

    def mode_for(self, view: BreakView) -> str | None:
        if view.phase == Phase.ON_BREAK:
            return "break"
        if view.phase == Phase.DUE:
            return "due"
        if self.mode in ("break", "over"):
            return "over"
        return None  # the reminder was answered elsewhere (or held back): nothing to show

    def ideas(self) -> list[Activity]:
        """What fits this break: a 10-minute break, any idea; a shorter one, those that
        fit in it."""
        length = self.companion.rhythm.keeper.rules().length.total_seconds()
        return suggestion_order(self.companion.rhythm.activities(length), self._seed)

    # -- drawing -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        view = self.view()
        self.mode = self.mode_for(view) or self.mode or "due"
        with VerticalScroll(id="break", classes="page"):
            if self.mode == "due":
                yield from self._compose_due(view)
            elif self.mode == "break":
                yield Paragraph(
                    t("breaks.screen.on_break_title"), classes="page-title", markup=False
                )
                yield Digits(clock_face(view.seconds_left or 0), id="countdown")
                length_text = format_span(view.break_length, t)
                yield Paragraph(
                    t("breaks.screen.left", length=length_text), classes="muted", markup=False
                )
            else:
                every = format_length(self.companion.rhythm.keeper.rules().every, t)
                yield Paragraph(t("breaks.screen.over_title"), classes="page-title", markup=False)
                yield Paragraph(t("breaks.screen.over_body", every=every), markup=False)
                if self.asks_rating:
                    yield from self._compose_rating()
            if self.mode != "over":
                yield Paragraph(id="idea-title", classes="section-title", markup=False)
                yield Paragraph(id="idea", markup=False)
                key = self.key_of("break_another")
                yield Paragraph(
                    t("breaks.screen.another_hint", key=key), classes="muted", markup=False
                )
                breathe = self.key_of("break_breathe")
                yield Paragraph(
                    t("breaks.screen.breathe_hint", key=breathe), classes="muted", markup=False
                )
            if self.mode == "due":  # a list of choices: it fits the narrowest window
                with Choices(id="break-choices"):
                    yield from self._buttons(view)
            else:
                with ChoiceRow(classes="buttons"):
                    yield from self._buttons(view)
        yield KeysFooter()

    @property
    def asks_rating(self) -> bool:
        return self.mode == "over" and self.companion.services.config.settings.tension_rating

    def _compose_rating(self) -> ComposeResult:
        """Optional: how tense before the break, and now (0-10), for insights."""
        t = self.t
        yield Paragraph(t("breaks.rating.before"), classes="section-title", markup=False)
        yield TensionScale(id="rate-before")
        yield Paragraph(t("breaks.rating.after"), classes="section-title", markup=False)
        yield TensionScale(id="rate-after")
        yield Paragraph(t("breaks.rating.hint"), classes="muted", markup=False)

    def _compose_due(self, view: BreakView) -> ComposeResult:
        t = self.t
        now = self.companion.services.clock.now()
        worked = format_span((now - view.rested).total_seconds(), t)  # a skip is no break
        yield Paragraph(t("breaks.screen.due_title"), classes="page-title", markup=False)
        yield Paragraph(t("breaks.screen.due_body", worked=worked), classes="body", markup=False)
        if not view.can_postpone and view.postpones:
            message = t("breaks.screen.no_more_postpones", count=str(view.postpones))
            yield Paragraph(message, classes="muted", markup=False)
        if view.peak:
            yield Paragraph(t("breaks.peak.due_note"), classes="muted", markup=False)

    def _buttons(self, view: BreakView) -> ComposeResult:
        t = self.t
        if self.mode == "due":
            yield ChoiceButton(t("breaks.keys.start"), id="start", compact=True)
            yield ChoiceButton(t("breaks.keys.after_chat"), id="after-chat", compact=True)
            if view.can_postpone:
                rules = self.companion.rhythm.keeper.rules()
                label = t("breaks.buttons.postpone", time=format_length(rules.postpone, t))
                yield ChoiceButton(label, id="postpone", compact=True)
            yield ChoiceButton(t("breaks.keys.skip"), id="skip", compact=True)
        else:
            yield ChoiceButton(t("breaks.keys.back"), id="back", variant="primary")

    def on_mount(self) -> None:
        self._show_idea()
        self._focus_first_button()

    def before_key(self, event: events.Key) -> bool:
        """With no choice focused (see _focus_first_button), an arrow goes into the
        choices: the first one, marked and scrolled into view; Enter then picks it.
        (PageUp and PageDown still scroll the page.)"""
        focused = self.focused
        if not isinstance(focused, ChoiceButton) and event.key in ("up", "down"):
            choices = self.query(ChoiceButton)
            if choices:
                self.set_focus(choices.first())
                return True
        return super().before_key(event)

    def _focus_first_button(self) -> None:
        # A reminder that appears by itself focuses nothing: an Enter or a space meant
        # for something else must not start (or skip) a break. Its keys, or Tab, do.
        if self.mode != "due":
            self.query(Button).first().focus()

    def _show_idea(self) -> None:
        ideas = self.ideas()
        if not ideas or self.mode == "over":
            return
        idea = ideas[self.idea % len(ideas)]
        group = self.t(f"breaks.groups.{idea.group}")
        if idea.length:
            length = self.t(f"breaks.lengths.{idea.length}")
            title = self.t("breaks.screen.idea_length", group=group, length=length)
        else:
            title = self.t("breaks.screen.idea", group=group)
        self.query_one("#idea-title", Static).update(title)
        self.query_one("#idea", Static).update(idea.text)

    async def sync(self) -> None:
        """The rhythm moved: redraw, or close when there is nothing left to show."""
        view = self.view()
        mode = self.mode_for(view)
        if mode is None:
            self._close()
        elif mode != self.mode:
            self.mode = mode
            await self.retranslate()
        elif mode == "break":
            self.query_one("#countdown", Digits).update(clock_face(view.seconds_left or 0))

    async def retranslate(self) -> None:
        await self.recompose()
        self._show_idea()
        self._focus_first_button()
        self.refresh_bindings()

    def _close(self) -> None:
        if self.is_current:
            self.dismiss()

    def redraw_in(self) -> float | None:
        """Seconds until the count-down shows another figure (the app's timer asks)."""
        view = self.view()  # (not self.mode: it follows a moment later, on the tick message)
        left = view.seconds_left
        if view.phase != Phase.ON_BREAK or left is None:
            return None
        until = left % 1
        return until if until > 0 else 1.0

    # -- events --------------------------------------------------------------------------
    async def on_rhythm_tick(self, _message: RhythmTick) -> None:
        await self.sync()

    async def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler, which checks the window size.)
        await self.sync()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "digit":
            return self.asks_rating
        if action in ("start", "after_chat", "skip", "postpone"):
            # (postpone answers even with none left: it says so, rather than letting
            # the key fall through to something else)
            return self.mode == "due"
        if action in ("another", "breathe"):
            return self.mode in ("due", "break")
        if action == "back":
            return self.mode in ("break", "over")
        return True

    # -- intents -------------------------------------------------------------------------
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.companion.rhythm.start_break()

    @on(Button.Pressed, "#after-chat")
    def action_after_chat(self) -> None:
        self._close()
        self.companion.rhythm.after_chat()

    @on(Button.Pressed, "#postpone")
    def action_postpone(self) -> None:
        if not self.view().can_postpone:
            self.notify(self.t("breaks.toast.no_postpone"), timeout=6, markup=False)
            return
        self._close()
        self.companion.rhythm.postpone()

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self._close()
        self.companion.rhythm.skip()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.asks_rating:
            before = self.query_one("#rate-before", TensionScale).value
            after = self.query_one("#rate-after", TensionScale).value
            self.companion.rhythm.rate_break(before, after)
        self._close()
        if self.mode == "break":
            self.companion.rhythm.end_break()

    def action_digit(self, digit: int) -> None:
        """Digits rate "before" first, then "now" (a 1 may be the start of a 10)."""
        if not self.asks_rating:
            return
        now = self.companion.services.clock.monotonic()
        before = self.query_one("#rate-before", TensionScale)
        after = self.query_one("#rate-after", TensionScale)
        if self.rating_now_first or (before.value is not None and before.value != 1):
            after.type_digit(digit, now)
            return
        if before.value == 1 and digit != 0:  # "1" was a whole answer: this one is "now"
            self.rating_now_first = True
            after.type_digit(digit, now)
            return
        before.type_digit(digit, now)

    def action_breathe(self) -> None:
        """A few minutes of guided breathing as (part of) the break: starting it starts the
        break, and the break screen is there again when the breathing ends."""
        if self.mode == "due":
            self.companion.rhythm.start_break()
        self.post_message(BreathingWanted(origin="break"))

    def action_another(self) -> None:
        self.idea += 1
        self._show_idea()
