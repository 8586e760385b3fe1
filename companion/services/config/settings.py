"""The settings companion runs with: one frozen value, its defaults the app's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from typing import TYPE_CHECKING

from companion.core.breaks import Rules
from companion.core.roster import FixedBreak
from companion.core.shift import Shift

if TYPE_CHECKING:
    from companion.core.breathing import Pattern

THEMES = ("dark", "light")
DEFAULT_RULES = Rules()  # the rhythm's defaults are the settings' own


@dataclass(frozen=True)
class Settings:
    language: str = "auto"  # "auto" follows COMPANION_LANG / the system locale
    theme: str = "dark"
    lock_after: timedelta = timedelta(minutes=15)  # idle time before the journal locks
    autostart: bool = False  # open at login (what the user asked for; see autostart/)
    terminal: str = "auto"  # the terminal that opens companion at login on Linux
    # The break rhythm (its defaults are the rules' own) and shift hours.
    break_every: timedelta = DEFAULT_RULES.every
    break_length: timedelta = DEFAULT_RULES.length
    break_heads_up: timedelta = DEFAULT_RULES.heads_up
    break_postpone: timedelta = DEFAULT_RULES.postpone
    break_max_postpones: int = DEFAULT_RULES.max_postpones
    break_after_chat: timedelta = DEFAULT_RULES.after_chat
    break_notify: bool = True  # desktop notifications for heads-up and due
    break_bell: bool = False  # the terminal bell when a break is due
    shift_hours: bool = False  # off: reminders at any hour
    shift_start: time = time(9, 0)
    shift_end: time = time(18, 0)
    shift_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    shift_routine: bool = True  # offer the energy station and the release moment
    fixed_breaks: tuple[FixedBreak, ...] = ()  # [[breaks.fixed]]: a lunch, a huddle
    # Away from the keyboard, as the desktop tells it (companion.system.idle).
    away_detect: bool = True
    away_after: timedelta = DEFAULT_RULES.away_after
    away_natural: timedelta | None = None  # None: the break length
    away_check_every: timedelta = timedelta(seconds=30)
    micro_pauses: bool = False  # short pauses between chats
    micro_every: timedelta = timedelta(minutes=20)
    micro_length: timedelta = DEFAULT_RULES.micro_length
    rough_limit: int = DEFAULT_RULES.rough_limit  # rough contacts bringing a break forward; 0: off
    rough_window: timedelta = DEFAULT_RULES.rough_window
    sos_offer: bool = True  # after a rough contact, offer the SOS minute (one line)
    reduce_motion: bool = False  # no animation anywhere: text and static bars only
    breathing_bell: bool = False  # a terminal bell at each change of breathing phase
    tension_rating: bool = True  # offer a 0-10 "how tense" rating around breathing, SOS, breaks
    breathing_patterns: tuple[Pattern, ...] = ()  # the user's own, [[breathing.pattern]]
    # The person's own app-wide keys, [keys], checked: (binding id, Textual key list).
    keys: tuple[tuple[str, str], ...] = ()
    eap: str = ""  # [care] eap: the employer's support line, shown with the help lines

    def keymap(self) -> dict[str, str]:
        """The person's keys as Textual's App.set_keymap takes them."""
        return dict(self.keys)

    def break_rules(self) -> Rules:
        """The break rhythm's rules as these settings set them."""
        shift = (
            Shift(self.shift_start, self.shift_end, self.shift_days) if self.shift_hours else None
        )
        return Rules(
            every=self.break_every,
            length=self.break_length,
            heads_up=self.break_heads_up,
            postpone=self.break_postpone,
            max_postpones=self.break_max_postpones,
            after_chat=self.break_after_chat,
            shift=shift,
            away_after=self.away_after,
            natural=self.away_natural,
            micro_every=self.micro_every if self.micro_pauses else None,
            micro_length=self.micro_length,
            rough_limit=self.rough_limit,
            rough_window=self.rough_window,
            fixed=self.fixed_breaks,
        )
