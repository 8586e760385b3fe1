"""Pinned pictures of the journal list and the thought-log editor, 80x24, en and zh.

Regenerate with ``--snapshot-update`` and look at every changed SVG before committing.
"""

from __future__ import annotations

import pytest

from companion.system.clock import FakeClock
from tests.ui.helpers import settled, still, type_in

LANGS = ["en", "zh"]
WRITING = {
    "en": [
        ("thought", {"text": "Customer called me useless over a late #refund",
                     "emotions": "angry 70, hurt 40"}, ("refund",)),
        ("mood", {"score": "2", "words": "tired"}, ()),
        ("observation", {"subject": "she", "text": "She kept typing sorry to a customer "
                         "who had already decided she was the problem."}, ()),
        ("reflection", {"text": "Stayed calm with the coupon storm", "tomorrow": "Lunch away"},
         ("coupon",)),
    ],
    "zh": [
        ("thought", {"text": "顾客因为退款慢骂我没用 #退款", "emotions": "生气 70，委屈 40"}, ()),
        ("mood", {"score": "2", "words": "累"}, ()),
        ("observation", {"subject": "she", "text": "她一直在跟一位认定她有问题的顾客道歉。"}, ()),
        ("reflection", {"text": "优惠券高峰也稳住了", "tomorrow": "午饭离开工位"}, ("优惠券",)),
    ],
}  # fmt: skip


def seeded(app_factory, clock: FakeClock, lang: str):  # type: ignore[no-untyped-def]
    app = app_factory(lang)
    for kind, answers, tags in WRITING[lang]:
        app.services.journal.add(kind, answers, tags)
        clock.advance(minutes=47)
    first = app.services.journal.entries()[-1]
    app.services.journal.set_star(first, True)
    # A fresh app at the later time: its break rhythm starts now, so no reminder (or a
    # worker's toast about desktop notifications) lands in the picture.
    return app_factory(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_journal_list(snap_compare, app_factory, clock: FakeClock, lang: str) -> None:
    app = seeded(app_factory, clock, lang)

    async def open_list(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)  # Home read the journal in a worker
        await pilot.press("j")
        await settled(pilot)  # and so may the list

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_list)


@pytest.mark.parametrize("lang", LANGS)
def test_thought_log_editor(snap_compare, app_factory, clock: FakeClock, lang: str) -> None:
    app = app_factory(lang)
    text = {"en": "Customer called me useless #refund", "zh": "顾客骂我没用 #退款"}[lang]

    async def write(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("j", "ctrl+n", "1")
        await pilot.pause()
        await type_in(pilot, text)
        await still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=write)
