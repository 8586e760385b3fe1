"""The installed companion in a real terminal: a reframe from start to before -> after,
kept on disk, and a role play to its debrief, in Chinese."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion
from tests.layout import journal_dir

pytestmark = pytest.mark.e2e


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    tmux = Tmux(tmp_path)
    yield tmux
    tmux.close()


def rate_again(term: Tmux, digit: str) -> None:
    """Type a digit on the 0-100 scale once the focus has reached it (Enter moves focus
    a moment after the key, and a loaded machine can make that moment long)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        term.send(digit)
        if re.search(rf"[█░]+\s+{digit}0\b", term.screen()):
            return
        time.sleep(0.3)
    raise AssertionError(f"the scale never took {digit}:\n{term.screen()}")


def test_a_reframe_and_a_role_play_in_a_real_terminal(term: Tmux, home: Path) -> None:
    term.start([str(installed_companion())], env_for(home, "zh_CN.UTF-8"))
    term.wait_for("想用哪种语言？")
    term.send("Escape")
    term.wait_for("去哪儿")
    term.send("r")
    term.wait_for("第 1 步，共 4 步")
    term.send("The customer wrote scam shop twice", "C-n")
    term.wait_for("第 2 步，共 4 步")
    term.send("She thinks I cheat", "C-n")
    term.wait_for("思维陷阱")
    term.send("C-n")
    term.wait_for("换个位置看")
    term.send("C-n")
    term.wait_for("更有用的看法")
    term.send("She needs proof", "Enter", "Enter")
    rate_again(term, "2")  # the feeling, re-rated: 2 -> 20
    term.send("C-n")
    term.wait_for("前后对比")
    term.wait_for_all("前后对比", "50 →", "20", "感受减轻了 30 分")
    term.send("Escape")
    term.wait_for("去哪儿")
    term.send("p")
    term.wait_for("练习室")
    term.send("6")
    term.wait_for("卡住的生日礼物")
    term.send("Enter")
    term.wait_for("顾客状态")
    for _ in range(3):
        term.send("1")
    term.wait_for("再来一次")  # the debrief is shown: its keys are in the footer
    term.send("C-q")  # (q types nothing here: the app letters act on Home only)
    assert term.exit_status() == 0
    kept = json.loads((journal_dir(home) / "practice.db").read_text("utf-8"))
    reframe = next(iter(kept["reframes"].values()))
    assert reframe["meaning"] == "She needs proof" and reframe["finished"] is True
    assert len(kept["roleplay_runs"]) == 1
