"""When companion offers the help lines, and what the person's own support line may hold.

The offer is one quiet line, never a dialog, and it comes at most once a day: under a
tension rating of 9 or 10 that was just given, or on Home when at least three of the
last seven days were heavy (a mood check-in of 1, or a tension rating of 9 or 10).
The week's line comes at most once a week and stays for the day it came; a day that
already had the rating's line gets no week line. Pure: the days and the answers come
in from the caller (which keeps the "offered on" days in app state).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

HEAVY_TENSION = 9  # a 0-10 rating at or above this is a heavy moment
HEAVY_MOOD = 1  # a 1-5 mood check-in at or below this is a heavy day
WEEK = 7  # days looked back over, today included
HEAVY_DAYS = 3  # heavy days in a week that bring the week's line
EAP_MAX = 80  # characters in the person's own support line (a number or an app's name)

REGIONS = ("mainland", "hong_kong", "taiwan", "elsewhere")
# The region shown first in each language; another is one key away.
FIRST_REGION = {"zh": "mainland"}
DEFAULT_REGION = "elsewhere"


def first_region(lang: str) -> str:
    return FIRST_REGION.get(lang, DEFAULT_REGION)


def heavy_rating(value: int | None) -> bool:
    return value is not None and value >= HEAVY_TENSION


def heavy_mood(score: int | None) -> bool:
    return score is not None and score <= HEAVY_MOOD


def may_offer_after_rating(value: int | None, today: date, last_offer: date | None) -> bool:
    """A rating just given: offer the line under it if it is heavy and nothing was
    offered today."""
    return heavy_rating(value) and last_offer != today


def heavy_days_this_week(days: Iterable[date], today: date) -> set[date]:
    """The heavy days among ``days`` that fall in the last WEEK days, today included."""
    first = today - timedelta(days=WEEK - 1)
    return {day for day in days if first <= day <= today}


def week_line(
    heavy: Iterable[date],
    today: date,
    last_offer: date | None,
    last_week_offer: date | None,
) -> bool:
    """Whether Home shows the week's line today.

    Once it came, it stays for the rest of that day (a line that vanished on the next
    redraw would be missed), and does not come again for a week. A day on which the
    rating's line was already offered gets no second line.
    """
    if last_week_offer == today:
        return True
    if last_offer == today:
        return False
    if last_week_offer is not None and today - last_week_offer < timedelta(days=WEEK):
        return False
    return len(heavy_days_this_week(heavy, today)) >= HEAVY_DAYS


def check_eap(value: object) -> str:
    """The person's employer support line as kept: text of at most EAP_MAX characters
    on one line, without control characters. Raises ValueError naming why not."""
    if not isinstance(value, str):
        raise ValueError("not_text")
    text = value.strip()
    if len(text) > EAP_MAX:
        raise ValueError("too_long")
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise ValueError("control")
    return text
