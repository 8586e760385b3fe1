"""Services builds each service once, on first use, and hands the journal to the
feature services that write entries (they never import it themselves)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from companion.services.container import build_services
from companion.system.clock import FakeClock


def test_each_service_is_built_once_and_writers_share_the_journal(
    home: Path, clock: FakeClock
) -> None:
    services = build_services(home=home, clock=clock, env={})
    assert services.calm is services.calm and services.calm.stores is services.stores
    assert services.routine is services.routine and services.practice is services.practice
    assert services.routine.journal is services.journal
    assert services.practice.journal is services.journal
    services.routine.save_intention("one calm reply", None)
    services.practice.save_review("a refund fight", "", "")
    # The journal's own index sees what they wrote without re-reading anything else.
    assert sorted(e.kind for e in services.journal.entries()) == ["intention", "review"]


def test_the_routine_reads_the_settings_as_they_are_now(home: Path, clock: FakeClock) -> None:
    services = build_services(home=home, clock=clock, env={})
    assert services.routine.shift_ended()
    off = dataclasses.replace(services.config.settings, shift_routine=False)
    services.config = services.config._replace(settings=off)  # as the app does
    assert not services.routine.shift_ended()
