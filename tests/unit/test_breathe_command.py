"""``companion breathe``: arguments checked before the UI loads, in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main
from tests.unit.test_import_hygiene import loaded_modules


def test_help_and_a_bad_pattern_load_no_textual(tmp_path: Path) -> None:
    for argv in (["breathe", "--help"], ["breathe", "--pattern", "nope"]):
        modules = loaded_modules(
            "from companion.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass",
            env={"COMPANION_HOME": str(tmp_path / "h")},
        )
        assert "textual" not in modules, argv


def test_an_unknown_pattern_is_named_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["breathe", "--pattern", "nope"]) == 2
    err = capsys.readouterr().err
    assert "There is no breathing pattern called “nope”." in err
    assert "4-7-8, box, coherent, cyclic-sigh" in err


def test_custom_patterns_count_and_chinese_is_spoken(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        'language = "zh"\n[[breathing.pattern]]\nname = "slow"\ninhale = 4\nexhale = 6\n', "utf-8"
    )
    assert main(["breathe", "--pattern", "nope"]) == 2
    assert "没有叫“nope”的呼吸节奏。可以选：4-7-8, box, coherent, cyclic-sigh, slow。" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("rounds", ["0", "121", "two"])
def test_rounds_out_of_range_are_refused(rounds: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["breathe", "--rounds", rounds])
    assert caught.value.code == 2
    assert "rounds must be a whole number from 1 to 120" in capsys.readouterr().err


def test_a_good_request_opens_the_app_with_an_intent(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr("companion.cli.run_tui", lambda args, intent=None: seen.append(intent) or 0)
    assert main(["breathe", "--pattern", "Box", "--rounds", "3"]) == 0
    (intent,) = seen
    assert (intent.action, dict(intent.arguments), intent.exit_when_done) == (
        "breathe",
        {"pattern": "box", "rounds": 3, "start_now": True},
        True,
    )
