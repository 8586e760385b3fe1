"""README's Settings section tells the truth: its example config.toml reads without a
problem, and its table of keys is the app's."""

from __future__ import annotations

import re
from pathlib import Path

from companion.core.keys import APP_KEYS
from companion.services.config import load_config

README = Path(__file__).resolve().parents[2] / "README.md"


def settings_section() -> str:
    text = README.read_text("utf-8")
    start = text.index("\n## Settings\n")
    return text[start : text.index("\n## ", start + 1)]


def test_the_example_config_reads_without_a_problem(tmp_path: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", settings_section(), re.S)
    path = tmp_path / "config.toml"
    path.write_text(example, "utf-8")
    loaded = load_config(path)
    assert loaded.problems == ()
    assert loaded.settings.keymap() == {"journal": "J", "take_break": "b", "sos": "f3,ctrl+o"}


def test_the_table_of_keys_is_the_apps() -> None:
    rows = re.findall(r"^\| `(\w+)` \| .*? \| `([^`]+)` \|$", settings_section(), re.M)
    changeable = [(key.id, key.keys) for key in APP_KEYS if not key.fixed]
    assert rows == changeable
