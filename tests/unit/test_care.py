"""Care within reach: the help lines pack (checked, the same numbers in every language),
when the quiet offer comes (at most once a day, a heavy week at most once a week), and
the employer support line kept in config.toml."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.core import care
from companion.packs.care import help_lines
from companion.services.config import load_config, save_settings
from companion.services.container import build_services
from companion.system.content import ContentError, content_root

MONDAY = date(2026, 11, 23)


def days_back(*offsets: int) -> list[date]:
    return [MONDAY - timedelta(days=n) for n in offsets]


# -- the rule -------------------------------------------------------------------------
def test_only_a_heavy_rating_brings_the_line_and_only_once_a_day() -> None:
    assert not care.may_offer_after_rating(8, MONDAY, None)
    assert not care.may_offer_after_rating(None, MONDAY, None)
    assert care.may_offer_after_rating(9, MONDAY, None)
    assert care.may_offer_after_rating(10, MONDAY, MONDAY - timedelta(days=1))
    assert not care.may_offer_after_rating(10, MONDAY, MONDAY)  # never twice a day


def test_three_heavy_days_in_the_last_seven_bring_the_week_line() -> None:
    assert not care.week_line(days_back(0, 1), MONDAY, None, None)
    assert care.week_line(days_back(0, 2, 6), MONDAY, None, None)
    # A heavy day eight days ago is not this week's.
    assert not care.week_line(days_back(0, 2, 7), MONDAY, None, None)
    # The same day counted twice is still one day.
    assert not care.week_line([MONDAY, MONDAY, MONDAY], MONDAY, None, None)


def test_the_week_line_stays_its_day_then_waits_a_week() -> None:
    heavy = days_back(0, 1, 2)
    # Shown today: it stays all day (whatever else was offered since).
    assert care.week_line(heavy, MONDAY, MONDAY, MONDAY)
    for later in range(1, 7):
        today = MONDAY + timedelta(days=later)
        assert not care.week_line([*heavy, today], today, None, MONDAY), later
    a_week_on = MONDAY + timedelta(days=7)
    three_more = [a_week_on - timedelta(days=n) for n in range(3)]
    assert care.week_line(three_more, a_week_on, None, MONDAY)


def test_no_week_line_on_a_day_the_rating_line_was_offered() -> None:
    assert not care.week_line(days_back(0, 1, 2), MONDAY, MONDAY, None)


def test_the_first_region_follows_the_language() -> None:
    assert care.first_region("zh") == "mainland"
    assert care.first_region("en") == "elsewhere"


@pytest.mark.parametrize(
    ("value", "why"),
    [(42, "not_text"), ("x" * 81, "too_long"), ("call\x1b[2J", "control"), ("a\nb", "control")],
)
def test_the_support_line_is_one_short_line_of_plain_text(value: object, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        care.check_eap(value)


def test_a_support_line_is_kept_trimmed() -> None:
    assert care.check_eap("  400-888-0000 (EAP 心理热线) ") == "400-888-0000 (EAP 心理热线)"
    assert care.check_eap("") == ""


# -- the pack -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_help_lines_load_with_emergencies_apart(lang: str) -> None:
    lines = help_lines(lang)
    mainland = lines.region("mainland")
    assert [line.number for line in mainland.emergency] == ["120", "110"]
    assert "12356" in [line.number for line in mainland.others]
    assert lines.after("elsewhere") == "mainland"  # round and round
    assert lines.region("nowhere").id == "mainland"


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root)
    return root


def test_a_number_that_drifted_in_one_language_refuses_that_language(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    path = root / "zh" / "helplines.toml"
    path.write_text(path.read_text("utf-8").replace('"12356"', '"12355"'), "utf-8")
    assert help_lines("en", root).region("mainland").others[0].number == "12356"
    with pytest.raises(ContentError, match="same as in English"):
        help_lines("zh", root)


def test_a_line_that_is_not_a_number_is_refused_with_its_key(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    path = root / "en" / "helplines.toml"
    path.write_text(path.read_text("utf-8").replace('"120"', '"call 120"'), "utf-8")
    with pytest.raises(ContentError, match=r"regions\.mainland\.lines\.ambulance\.number"):
        help_lines("en", root)


def test_the_beijing_line_says_its_source_is_old() -> None:
    """Its only public source is from 2014: the comment says so, and its words send a
    caller on to 12356 or Hope 24 if it does not connect."""
    for lang in ("en", "zh"):
        text = (content_root() / lang / "helplines.toml").read_text("utf-8")
        block = text.split("[regions.mainland.lines.beijing]")[1].split("[regions.")[0]
        assert "2014" in block, lang
        assert "12356" in help_lines(lang).region("mainland").others[2].hours, lang


# -- the service, with a fake clock ------------------------------------------------------
def test_the_rating_offer_is_remembered_for_the_day(home: Path, clock) -> None:
    services = build_services(home=home, clock=clock, env={})
    assert not services.care.offer_after_rating(8)
    assert services.care.offer_after_rating(9)
    assert not services.care.offer_after_rating(10)
    again = build_services(home=home, clock=clock, env={})  # another start, same day
    assert not again.care.offer_after_rating(10)
    clock.advance(24 * 3600)
    assert again.care.offer_after_rating(10)


def test_heavy_days_come_from_ratings_and_low_moods(home: Path, clock) -> None:
    services = build_services(home=home, clock=clock, env={})
    calm = services.calm
    from companion.core.breathing import Pattern, Phase

    pattern = Pattern("p", "p", (Phase("inhale", 4), Phase("exhale", 4)))
    today = clock.now()
    for days_ago, rating in ((6, 9), (3, 5), (1, 10)):
        clock.set_wall(today - timedelta(days=days_ago))
        record = calm.breathed(pattern, 1, 8, True, tension_before=2)
        calm.breathing_rated(record, rating)
    clock.set_wall(today)
    assert services.care.heavy_days() == set(days_back(6, 1))
    assert not services.care.week_line()
    services.journal.add("mood", {"score": "1", "text": "rough"})
    assert services.care.heavy_days() == set(days_back(6, 1, 0))
    assert services.care.week_line()
    assert services.care.week_line()  # it stays for the day
    assert not services.care.offer_after_rating(10)  # and counts as today's offer
    clock.advance(24 * 3600)
    assert not services.care.week_line()  # not again within the week


def test_the_support_line_is_saved_in_config_toml(home: Path) -> None:
    path = home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# mine\ntheme = 'light'\n", "utf-8")
    saved = save_settings(load_config(path), eap="EAP app: 安心")
    assert saved.settings.eap == "EAP app: 安心"
    text = path.read_text("utf-8")
    assert "# mine" in text and "[care]" in text and 'eap = "EAP app: 安心"' in text
    assert load_config(path).settings.eap == "EAP app: 安心"


def test_a_bad_support_line_in_config_toml_is_reported_and_not_used(home: Path) -> None:
    path = home / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[care]\neap = "\\u001b[2Jcall me"\n', "utf-8")
    loaded = load_config(path)
    assert loaded.settings.eap == ""
    (problem,) = loaded.problems
    assert (problem.code, problem.key, problem.detail["max"]) == ("bad_eap", "care.eap", "80")


def test_a_locked_journal_leaves_the_tension_ratings_to_count(home: Path, clock) -> None:
    from companion.core.breathing import Pattern, Phase
    from companion.store import encryption

    services = build_services(home=home, clock=clock, env={})
    today = clock.now()
    clock.set_wall(today - timedelta(days=2))
    services.journal.add("mood", {"score": "1"})
    clock.set_wall(today)
    services.journal.add("mood", {"score": "1"})
    pattern = Pattern("p", "p", (Phase("inhale", 4), Phase("exhale", 4)))
    record = services.calm.breathed(pattern, 1, 8, True, tension_before=2)
    services.calm.breathing_rated(record, 10)
    assert services.care.heavy_days() == set(days_back(2, 0))
    encryption.encrypt(services.stores.journal, "long enough 123")
    services.stores.journal.lock()
    assert services.care.heavy_days() == {today.date()}  # moods unreadable, no error
    assert not services.care.week_line()
