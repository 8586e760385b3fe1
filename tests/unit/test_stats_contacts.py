"""`companion stats` and the Insights screen with contacts and micro-pauses: chats per
day with the rough ones, micro-pauses apart from breaks, and tension after rough vs
calm chats with the counts, in JSON, CSV and text, in English and Chinese."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_stats_cli import SHANGHAI, stats


def seed_chats(stores: Stores, today: datetime) -> None:
    """Three days: six chats a day, two rough; a rating after each rough one (high) and
    after two calm ones (low); two micro-pauses a day."""
    for back in range(3):
        day = datetime.combine(today.date() - timedelta(days=back), time(10), tzinfo=SHANGHAI)
        for n in range(6):
            at = day + timedelta(hours=n)
            rough = n in (1, 4)
            stores.contacts.add(rough=rough, source="command", created_at=at)
            if rough:
                stores.sos.add(
                    seconds=60.0,
                    completed=True,
                    tension_before=8,
                    tension_after=5,
                    created_at=at + timedelta(minutes=5),
                )
            elif n in (2, 5):
                stores.breathing.add(
                    pattern="4-7-8",
                    rounds=4,
                    rounds_done=4,
                    seconds=76.0,
                    completed=True,
                    tension_before=3,
                    tension_after=2,
                    created_at=at + timedelta(minutes=10),
                )
        for minute in (20, 40):
            stores.break_events.add(
                kind="micro",
                fields={"seconds": 20, "peak": False},
                created_at=day + timedelta(minutes=minute),
            )


@pytest.fixture
def chats(home: Path) -> Path:
    now = datetime.now(SHANGHAI).replace(hour=23, minute=0)
    stores = open_stores(resolve_paths(home), FakeClock(now))
    seed_chats(stores, datetime.now(SHANGHAI))
    stores.close()
    return home


def test_json_and_csv_carry_contacts_and_micro_pauses(chats: Path) -> None:
    data = json.loads(stats(chats, "--json").stdout)
    today = data["today"]
    assert (today["contacts"], today["rough_contacts"], today["micro_pauses"]) == (6, 2, 2)
    assert today["breaks_taken"] == 0  # micro-pauses are not breaks
    days = {d["date"]: d for d in data["days"]}
    assert sum(d["contacts"] for d in days.values()) == data["period"]["contacts"]
    after = data["after_contacts"]
    assert after["enough"] is True
    assert (after["tension_after_rough"], after["tension_after_calm"]) == (8.0, 3.0)
    rough = sum(d["rough_contacts"] for d in days.values())  # one SOS after each rough one
    assert (after["rough_ratings"], after["calm_ratings"]) == (rough, rough)
    rows = list(csv.DictReader(io.StringIO(stats(chats, "--csv").stdout)))
    found = {(r["section"], r["measure"]): r["value"] for r in rows if r["item"] == ""}
    assert found[("after_contacts", "tension_after_rough")] == "8.0"


@pytest.mark.parametrize(
    ("lang", "rows", "sentence"),
    [
        (
            "en_US.UTF-8",
            ("Chats marked done", "6 (2 rough)", "Micro-pauses"),
            "After a rough chat your tension averaged 8.0",
        ),
        (
            "zh_CN.UTF-8",
            ("记下的接待", "6 位（难缠 2 位）", "接待间隙小歇"),
            "遇到难缠的顾客之后，你的紧绷度平均 8.0",
        ),
    ],
)
def test_the_text_report_says_it_in_both_languages(
    chats: Path, lang: str, rows: tuple[str, ...], sentence: str
) -> None:
    text = stats(chats, lang=lang).stdout
    for row in rows:
        assert row in text
    assert sentence in " ".join(text.split())


def test_without_marked_chats_the_report_stays_as_it_was(home: Path) -> None:
    now = datetime.now(SHANGHAI)
    stores = open_stores(resolve_paths(home), FakeClock(now))
    stores.breathing.add(pattern="4-7-8", rounds=4, rounds_done=4, seconds=76.0, completed=True)
    text = stats(home).stdout
    assert "Chats marked done" not in text and "rough chat" not in text
    assert "Micro-pauses" not in text


async def test_the_insights_screen_shows_them(app_factory, home: Path, clock: FakeClock) -> None:
    from tests.ui.helpers import screen_text
    from tests.ui.test_insights_screen import open_insights

    seed_chats(open_stores(resolve_paths(home), clock), clock.now())
    for lang, marked, micro in (("en", "6 (2 rough)", "Micro-pauses"), ("zh", "难缠 2 位", "小歇")):
        app = app_factory(lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_insights(pilot)
            text = screen_text(app)
            assert marked in text and micro in text
