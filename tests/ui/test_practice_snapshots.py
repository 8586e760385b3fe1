"""Pinned pictures of Reframe and the practice room at 80x24, in English and Chinese.

Regenerate with ``pytest tests/ui/test_practice_snapshots.py --snapshot-update`` and
look at every changed SVG before committing it.
"""

from __future__ import annotations

import random

import pytest

from tests.ui.helpers import still

LANGS = ["en", "zh"]
FACTS = {
    "en": "The customer was rude and wrote “scam shop” twice.",
    "zh": "顾客故意找茬，发了两次“骗子店铺”。",
}
THOUGHT = {"en": "She thinks I'm a cheat.", "zh": "她把我当骗子了。"}
MEANING = {"en": "She's scared for her money and needs proof.", "zh": "她担心钱，需要看到证据。"}
SIDE = {"en": "Her parcel hasn't moved for five days.", "zh": "包裹五天没动，换我也慌。"}
ACTION = {
    "en": "Send the depot photo and a time for news.",
    "zh": "发中转站照片，约好下午5点前回复。",
}


def app_for(app_factory, lang: str, seed: int = 0):  # type: ignore[no-untyped-def]
    app = app_factory(lang)
    app.services.practice.rng = random.Random(seed)
    return app


async def paste(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put text in a field as a paste would (pilot keys can't type every punctuation mark)."""
    widget = pilot.app.screen.query_one(selector)
    if hasattr(widget, "load_text"):
        widget.load_text(text)
    else:
        widget.value = text
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
def test_reframe_facts_with_a_gentle_hint(snap_compare, app_factory, lang: str) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r")
        await paste(pilot, "#facts", FACTS[lang])
        await still(pilot)

    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_reframe_traps(snap_compare, app_factory, lang: str) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r")
        await paste(pilot, "#facts", FACTS[lang])
        await pilot.press("ctrl+n")
        await paste(pilot, "#thought", THOUGHT[lang])
        await pilot.press("ctrl+n", "down", "space")
        await still(pilot)

    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_reframe_before_and_after(snap_compare, app_factory, lang: str) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r")
        await paste(pilot, "#facts", FACTS[lang])
        await pilot.press("ctrl+n")
        await paste(pilot, "#thought", THOUGHT[lang])
        await paste(pilot, "#feeling", "生气" if lang == "zh" else "angry")
        await pilot.press("tab", "tab", "8", "ctrl+n", "down", "space", "ctrl+n")
        await paste(pilot, "#side-customer", SIDE[lang])
        await pilot.press("ctrl+n")
        await paste(pilot, "#meaning", MEANING[lang])
        await paste(pilot, "#action", ACTION[lang])
        await pilot.press("tab", "tab", "4", "ctrl+n")
        await still(pilot)

    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_practice_room(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), press=["p"])


@pytest.mark.parametrize("lang", LANGS)
def test_poker_round(snap_compare, app_factory, lang: str) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p", "1", "n")
        await paste(pilot, "#mine", MEANING[lang])
        await still(pilot)

    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_drill_explained(snap_compare, app_factory, lang: str) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p", "3", "a")
        await still(pilot)

    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_role_play_under_way(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(
        app_for(app_factory, lang), terminal_size=(80, 24), press=["p", "6", "enter", "1"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_role_play_debrief(snap_compare, app_factory, lang: str) -> None:
    press = ["p", "6", "enter", "1", "1", "1"]
    assert snap_compare(app_for(app_factory, lang, 5), terminal_size=(80, 24), press=press)


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_question(snap_compare, app_factory, clock, lang: str) -> None:
    from companion.core.reframe import Page, Reframing

    first = app_factory(lang)
    wizard = Reframing(facts="f", thought=THOUGHT[lang], meaning=MEANING[lang], after=40)
    wizard.page = Page.SUMMARY
    first.services.practice.save_reframe(wizard)
    clock.advance(days=1)
    assert snap_compare(app_for(app_factory, lang), terminal_size=(80, 24), run_before=still)
