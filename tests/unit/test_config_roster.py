"""[[breaks.fixed]] in config.toml: good entries used, each bad one reported with its
file and place and skipped, and a name that would send escape codes to the terminal
refused."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from companion.core.roster import FixedBreak
from companion.services.config import load_config, save_settings

GOOD = """
[[breaks.fixed]]
name = "Lunch"
start = "12:00"
end = "13:00"

[[breaks.fixed]]
name = "Huddle"
start = "9:30"
end = "9:45"
days = "mon,thu"
rest = false
"""
BAD = r"""
[[breaks.fixed]]
name = "\u001b[31mred"
start = "15:00"
end = "15:10"

[[breaks.fixed]]
name = "Same"
start = "15:00"
end = "15:00"

[[breaks.fixed]]
name = "Typo"
start = "15:00"
ends = "15:10"
"""


def test_good_ones_are_used_and_each_bad_one_is_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD + BAD, "utf-8")
    loaded = load_config(path)
    assert loaded.settings.fixed_breaks == (
        FixedBreak("Lunch", time(12), time(13)),
        FixedBreak("Huddle", time(9, 30), time(9, 45), (0, 3), rest=False),
    )
    assert [(p.code, p.key) for p in loaded.problems] == [
        ("fixed_bad", "breaks.fixed[3]"),
        ("fixed_bad", "breaks.fixed[4]"),
        ("fixed_bad", "breaks.fixed[5]"),
    ]
    rules = loaded.settings.break_rules()
    assert [f.name for f in rules.fixed] == ["Lunch", "Huddle"]


def test_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[breaks]\nfixed = "12:00-13:00"\n', "utf-8")
    loaded = load_config(path)
    assert [(p.code, p.key) for p in loaded.problems] == [("fixed_not_list", "breaks.fixed")]
    assert loaded.settings.fixed_breaks == ()


def test_saving_another_setting_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD, "utf-8")
    save_settings(load_config(path), micro_pauses=True)
    again = load_config(path)
    assert again.settings.micro_pauses and len(again.settings.fixed_breaks) == 2
    assert again.problems == ()
