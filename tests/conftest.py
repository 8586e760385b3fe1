"""Shared fixtures. Every test runs with a throwaway home: nothing touches the real one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.system import content
from companion.system.clock import FakeClock

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, XDG folders and COMPANION_HOME into the test's temp folder and
    clear the locale, so neither the real home nor the machine's language leaks in."""
    fake_home = tmp_path / "user-home"
    fake_home.mkdir()
    monkeypatch.setenv("HOME", str(fake_home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(fake_home / sub))
    monkeypatch.setenv("COMPANION_HOME", str(fake_home / "companion-home"))
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "COMPANION_LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    # A command run in this process keeps the packs' parse in its home's cache from
    # then on (system/content.py): not in the next test's.
    monkeypatch.setattr(content, "_kept_in", None)
    return fake_home


@pytest.fixture
def home(isolated_environment: Path) -> Path:
    """companion's folder, inside the fake home so screens show it as ~/companion-home."""
    return isolated_environment / "companion-home"


@pytest.fixture
def clock() -> FakeClock:
    """Monday 23 November 2026, 10:30 in Shanghai."""
    return FakeClock(datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI))


@pytest.fixture
def app_factory(home: Path, clock: FakeClock) -> Callable[..., object]:
    """Build the real app through its factory, past the first-run welcome by default."""
    from companion.ui.app import WELCOME_KEY, make_app

    def build(lang: str | None = "en", welcome_done: bool = True, **kwargs: object):
        app = make_app(home=home, clock=clock, lang=lang, **kwargs)  # type: ignore[arg-type]
        if welcome_done:
            app.services.stores.state.set(WELCOME_KEY, True)
        return app

    return build
