"""Fixtures shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    """An 80x24 tmux session, closed after the test."""
    tmux = Tmux(tmp_path)
    yield tmux
    tmux.close()
