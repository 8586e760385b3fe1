"""The installed companion in a real terminal: it starts, Home shows, help opens, the
language switches, and it quits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e


def env_for(home: Path, lang: str) -> dict[str, str]:
    return {
        "COMPANION_HOME": str(home),
        "LANG": lang,
        "TERM": "xterm-256color",
        "HOME": os.environ["HOME"],
        "PATH": os.environ.get("PATH", ""),
    }


def test_start_help_language_switch_and_quit(term: Tmux, home: Path) -> None:
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Which language would you like?")
    term.send("Escape")
    term.wait_for("Today at a glance")
    term.wait_for_all("Today at a glance", "Where to go", "Settings")
    term.send("?")
    term.wait_for("Everywhere")
    term.send("Escape")
    term.wait_gone("Everywhere")
    term.send("s")
    term.wait_for("Language")
    term.send("Enter")
    term.wait_for("中文")  # the list is open (closed, it shows only "Automatic")
    term.send("Down", "Down", "Enter")  # Automatic -> English -> 中文
    term.wait_for("语言")
    term.wait_for("esc 返回")  # the footer switched too
    term.send("Escape")
    term.wait_for("今天一览")
    term.wait_for_all("今天一览", "去哪儿")
    term.send("q")
    assert term.exit_status() == 0
    assert 'language = "zh"' in (home / "config.toml").read_text("utf-8")


def test_chinese_from_the_locale_and_wide_characters_line_up(term: Tmux, home: Path) -> None:
    term.start([str(installed_companion())], env_for(home, "zh_CN.UTF-8"))
    term.wait_for("想用哪种语言？")
    term.send("Escape")
    screen = term.wait_for("去哪儿")
    lines = screen.splitlines()
    # Home lists its keys two to a line; the right-hand column holds s, ? and q.
    keys = [line for line in lines if len(line.split()) == 4 and line.split()[2] in "s?q"]
    assert [line.split()[2:] for line in keys] == [["s", "设置"], ["?", "帮助"], ["q", "退出"]]
    starts = {cell_len(line[: line.index(line.split()[3])]) for line in keys}  # screen cells
    assert len(starts) == 1  # the labels start in the same column, after wide characters
    term.send("C-q")
    assert term.exit_status() == 0


def test_a_tiny_terminal_gets_a_polite_message(tmp_path: Path, home: Path) -> None:
    term = Tmux(tmp_path, width=40, height=10)
    try:
        term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
        term.wait_for("Please make the window")
        term.send("C-q")
        assert term.exit_status() == 0
    finally:
        term.close()
