"""Pinned pictures of the help lines at 80x24, reached in one key from SOS and from
Help, in English and Chinese. Regenerate with ``--snapshot-update`` and look at every
changed SVG (as text and as a picture) before committing it."""

from __future__ import annotations

import pytest

from tests.ui.helpers import still

LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
def test_help_lines_from_sos(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["f2", "l"])


@pytest.mark.parametrize("lang", LANGS)
def test_help_lines_from_help(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["question_mark", "l"])


@pytest.mark.parametrize("lang", LANGS)
def test_incident_note_from_sos(snap_compare, app_factory, lang: str) -> None:
    """The words area has room to show a paste, under the title and what to paste."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f2", "n")
        await still(pilot)  # its cursor stopped where focus leaves it

    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=run_before)
