"""Pinned pictures of the key screens at 80x24, in English and Chinese.

Regenerate with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at
every changed SVG before committing it.
"""

from __future__ import annotations

import pytest

from tests.ui.helpers import awake

LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24))


@pytest.mark.parametrize("lang", LANGS)
def test_help(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["question_mark"])


@pytest.mark.parametrize("lang", LANGS)
def test_settings(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["s"])


@pytest.mark.parametrize("lang", LANGS)
def test_welcome_privacy_page(snap_compare, app_factory, lang: str) -> None:
    app = app_factory(lang, welcome_done=False)
    # Enter keeps the language already chosen; then an arrow turns the page.
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "right"])


def test_too_small(snap_compare, app_factory) -> None:
    assert snap_compare(app_factory("en"), terminal_size=(44, 12))


def break_due(app, clock, start: bool = False):  # type: ignore[no-untyped-def]
    """Two hours later the break is due (and, with ``start``, 3 min 20 s under way)."""
    from companion.system.notify import Delivery

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)
        awake(app, clock, hours=2)
        await pilot.pause()
        app.clear_notifications()  # the heads-up toast, long gone by then in real time
        await pilot.pause()
        if start:
            await pilot.press("s")  # Start the break
            awake(app, clock, minutes=3, seconds=20)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", LANGS)
def test_break_due(snap_compare, app_factory, clock, lang: str) -> None:
    app = app_factory(lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=break_due(app, clock))


def test_chinese_wraps_by_its_own_rules(snap_compare, app_factory, clock) -> None:
    """The break after three postponements, in Chinese at 80x24: "推迟了 3 次，没关系。…"
    keeps 3 with 次 and fills the line (Rich alone breaks after "3", leaving a gap), no
    line starts with a comma, and the idea wraps between characters."""
    app = app_factory("zh")
    due = break_due(app, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await due(pilot)
        for _ in range(3):
            await pilot.press("p")
            awake(app, clock, minutes=5)
            await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_break_under_way(snap_compare, app_factory, clock, lang: str) -> None:
    app = app_factory(lang)
    run_before = break_due(app, clock, start=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def moved(clock, *keys: str, seconds: float = 0.0):  # type: ignore[no-untyped-def]
    """A run_before that presses keys, lets the fake clock run, and draws that moment."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(*keys)
        clock.advance(seconds)
        pilot.app.screen.pacer.tick()
        await pilot.pause()

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_breathe_choose(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["h", "down", "7"])


@pytest.mark.parametrize("lang", LANGS)
def test_breathe_mid_inhale(snap_compare, app_factory, clock, lang: str) -> None:
    run = moved(clock, "h", "enter", seconds=2.0)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_sos_mid_sigh(snap_compare, app_factory, clock, lang: str) -> None:
    run = moved(clock, "f2", "6", "enter", seconds=1.5)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=run)


def test_sos_start_in_chinese(snap_compare, app_factory) -> None:
    assert snap_compare(app_factory("zh"), terminal_size=(80, 24), press=["f2", "6"])
