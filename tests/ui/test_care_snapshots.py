"""Pinned pictures of the help lines at 80x24, reached in one key from SOS and from
Help, in English and Chinese. Regenerate with ``--snapshot-update`` and look at every
changed SVG (as text and as a picture) before committing it."""

from __future__ import annotations

import pytest

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
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["f2", "n"])
