"""Pinned pictures of the key screens at 80x24, in English and Chinese.

Regenerate with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at
every changed SVG before committing it.
"""

from __future__ import annotations

import pytest

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
    assert snap_compare(app, terminal_size=(80, 24), press=["right", "right"])


def test_too_small(snap_compare, app_factory) -> None:
    assert snap_compare(app_factory("en"), terminal_size=(44, 12))
