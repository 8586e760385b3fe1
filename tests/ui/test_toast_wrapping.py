"""Toasts wrap Chinese by its own rules too (issue 15, Chinese line breaks): Textual
breaks a toast only at spaces, so "还有 17 秒" came apart as "17" / "秒", and a run of
Chinese jumped down whole. The app folds a plain toast before Textual shows it."""

from __future__ import annotations

from itertools import pairwise

import pytest
from textual.geometry import Region

from companion.ui.widgets.prose import NO_LINE_START
from tests.ui.helpers import settled, wait_for


def drawn(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines the toasts show, as drawn (border and padding left out)."""
    lines: list[str] = []
    for toast in app.screen.query("Toast"):
        strips = toast.render_lines(Region(0, 0, *toast.outer_size))
        lines += [line for strip in strips if (line := strip.text.strip("▌ "))]
    return lines


async def toast_lines(pilot, message: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Show ``message`` alone in a toast and return its lines once it is drawn."""
    app = pilot.app
    app.clear_notifications()
    app.notify(message, timeout=30, markup=False)
    squeezed = message.replace(" ", "")
    await wait_for(pilot, lambda: "".join(drawn(app)).replace(" ", "") == squeezed)
    return drawn(app)


def number_cut_from_its_word(lines: list[str]) -> bool:
    return any(above[-1:].isdigit() and below[:1] in "秒次分小" for above, below in pairwise(lines))


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_a_number_stays_with_its_measure_word_in_a_toast(app_factory, width) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(width, 24), notifications=True) as pilot:
        await settled(pilot)
        for n in range(4, 30):  # "17 秒" lands at every place in the line
            lines = await toast_lines(pilot, "慢" * n + "还有 17 秒就好了，慢慢来。")
            assert not number_cut_from_its_word(lines), (n, lines)
            assert not any(line[:1] in NO_LINE_START for line in lines), (n, lines)
            # Chinese breaks between characters: every line but the last is (nearly) full
            widest = max(len(line) for line in lines)
            assert all(len(line) >= widest - 3 for line in lines[:-1]), (n, lines)


async def test_english_toasts_wrap_at_spaces_as_before(app_factory) -> None:
    app = app_factory("en")
    words = "Finish this chat in peace. Press k when you're free; I'll ask again in 17 s."
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settled(pilot)
        lines = await toast_lines(pilot, words)
        assert " ".join(lines) == words and len(lines) > 1
