"""What breathing and SOS keep, through the calm service (screens never touch a
repository): sessions with their ratings, SOS minutes, and the last self-talk line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from companion.packs.calm import breathing_catalog
from companion.services.calm import LAST_LINE_KEY, Calm
from companion.store.errors import StoreUnavailable
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(resolve_paths(home), clock)


def test_a_session_left_part_way_is_kept_with_the_rounds_it_reached(stores: Stores) -> None:
    calm = Calm(stores)
    box = breathing_catalog("en").get("box")  # 16 s a round
    session = calm.breathed(box, 6, 28.00049, completed=False, tension_before=7, origin="break")
    assert stores.breathing.all() == [session]
    assert (session.pattern, session.rounds, session.rounds_done) == ("box", 6, 1)
    assert (session.seconds, session.completed, session.origin) == (28.0, False, "break")
    rated = calm.breathing_rated(session, 3)
    assert (rated.tension_before, rated.tension_after) == (7, 3)
    assert stores.breathing.get(session.id) == rated


def test_an_sos_minute_and_its_ratings(stores: Stores) -> None:
    calm = Calm(stores)
    reset = calm.sos_done(59.99951, completed=True, tension_before=6)
    assert (reset.seconds, reset.completed, reset.tension_before) == (60.0, True, 6)
    assert calm.sos_rated(reset, 2).tension_after == 2
    assert [r.tension_after for r in stores.sos.all()] == [2]


def test_the_self_talk_line_is_never_the_last_one(stores: Stores) -> None:
    calm = Calm(stores)
    lines = ("one", "two")
    calm.sos_line_shown(0)
    assert stores.state.get(LAST_LINE_KEY) == 0
    assert {calm.sos_line(lines, random.Random(seed)) for seed in range(20)} == {1}
    stores.state.set(LAST_LINE_KEY, "not a number")
    assert {calm.sos_line(lines, random.Random(seed)) for seed in range(20)} == {0, 1}


def test_an_unreadable_last_line_still_gives_a_line(stores: Stores, monkeypatch) -> None:
    def unavailable(*_args: object) -> None:
        raise StoreUnavailable(stores.activity.path, "locked")

    monkeypatch.setattr(stores.state, "get", unavailable)
    assert Calm(stores).sos_line(("only",), random.Random(1)) == 0
