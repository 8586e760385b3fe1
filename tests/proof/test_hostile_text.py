"""Hostile text in entries and imports: markup, escape sequences, control characters,
NUL, a 1 MB line, right-to-left and combining characters, emoji and CJK. Shown literally,
never acted on, no crash, and lines no wider than the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.ui.journal.entry_view import EntryViewScreen
from tests.ui.helpers import screen_text

HOSTILE = {
    "markup": "[bold]x[/bold] [@click=app.quit]quit[/] [link=https://x]y[/link]",
    "ansi": "\x1b[31mred\x1b[0m \x1b[2J\x1b]0;pwned\x07 \x1b[?1049h",
    "controls": "bell\x07 back\x08space del\x7f c1\x9b",
    "nul": "before\x00after",
    "rtl": "مرحبا \u202eevil\u202c עולם",
    "combining": "e\u0301\u0301\u0301 Z\u0335\u0321\u0322a\u0337lgo",
    "emoji_cjk": "👩‍💻🧘🏽 顾客说我没用 ｶﾞ 한국어",
}
BIG = "長" * 200_000 + "x" * 600_000  # about 1 MB of UTF-8 on one line


def companion(home: Path, *args: str, stdin: str | None = None):
    return subprocess.run(
        [str(Path(sys.executable).parent / "companion"), "--data-dir", str(home), *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ},
        start_new_session=True,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_cli_keeps_it_and_never_echoes_an_escape(home: Path, name: str) -> None:
    text = HOSTILE[name]
    saved = companion(home, "note", stdin=text.encode("utf-8"))
    assert saved.returncode == 0, saved.stderr.decode("utf-8", "replace")
    found = companion(home, "find", "--json", "-n", "5")
    assert found.returncode == 0
    assert b"\x1b" not in found.stdout and b"\x07" not in found.stdout
    exported = companion(home, "export", "--format", "json")
    data = json.loads(exported.stdout)
    kept = [e["text"] for e in data["entries"]]
    assert text.replace("\x00", "") in kept or text in kept  # kept as written
    listing = companion(home, "find", "-n", "5")
    assert b"\x1b" not in listing.stdout


def test_a_1_mb_line_goes_in_and_comes_back(home: Path) -> None:
    saved = companion(home, "note", stdin=BIG.encode("utf-8"))
    assert saved.returncode == 0, saved.stderr[-300:]
    exported = json.loads(companion(home, "export", "--format", "json").stdout)
    assert exported["entries"][0]["text"] == BIG


def test_an_import_full_of_hostile_text_is_taken_whole(home: Path, tmp_path: Path) -> None:
    jrnl = {
        "entries": [
            {
                "date": "2026-11-20",
                "time": "09:00",
                "title": t,
                "body": t,
                "tags": [],
                "starred": False,
            }
            for t in HOSTILE.values()
        ]
    }
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps(jrnl), "utf-8")
    result = companion(home, "import", str(source))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    exported = json.loads(companion(home, "export", "--format", "json").stdout)
    assert len(exported["entries"]) == len(HOSTILE)


async def test_the_app_shows_it_literally_and_within_the_screen(app_factory) -> None:
    app = app_factory("en")
    for text in [*HOSTILE.values(), BIG]:
        app.services.journal.add("free", {"text": text})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        listing = screen_text(app)
        assert "[@click=app.quit]quit[/]" in listing
        assert "\x1b" not in listing and "\x07" not in listing and "\x00" not in listing
        for _ in range(len(HOSTILE)):
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EntryViewScreen)
            shown = screen_text(app)
            assert "\x1b" not in shown
            page = app.screen.query_one("#entry-view")
            assert page.max_scroll_x == 0  # wrapped to the screen, never wider
            assert all(w.size.width <= 80 for w in app.screen.query("*"))
            await pilot.press("escape", "down")
            await pilot.pause()
        assert app.is_running
