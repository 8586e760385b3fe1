"""README's key table and the app's keys agree (issue 15, "Done when"): every app-wide
key is in the table, and every key the table's first column names is one of them."""

from __future__ import annotations

import re
from pathlib import Path

from companion.core.keys import APP_KEYS

README = Path(__file__).resolve().parents[2] / "README.md"
SHOWN = {"question_mark": "?"}  # how README writes a key Textual names otherwise


def key_table() -> list[tuple[str, str]]:
    lines = README.read_text("utf-8").splitlines()
    start = lines.index("| key | what it does |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        key, what = line.strip("|").split("|", 1)
        rows.append((key, what))
    return rows


def ticked(text: str) -> set[str]:
    return {token.lower() if len(token) > 1 else token for token in re.findall(r"`([^`]+)`", text)}


def test_every_app_key_is_in_the_readme_table() -> None:
    table = set().union(*(ticked(key) | ticked(what) for key, what in key_table()))
    for app_key in APP_KEYS:
        for key in app_key.keys.split(","):
            assert SHOWN.get(key, key) in table, (app_key.id, key)


def test_the_readme_table_names_only_app_keys() -> None:
    known = {SHOWN.get(k, k) for app_key in APP_KEYS for k in app_key.keys.split(",")}
    for key, _what in key_table():
        assert ticked(key) <= known, key
