"""The insights service as the app uses it from worker threads: "nothing changed since"
answered from a few stats, and a lock of the journal that a computation already under
way cannot undo."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from companion.core import insights as core
from companion.core.insights import LOCKED, OPEN
from companion.core.weeks import Span
from companion.services.config import Settings
from companion.services.insights.service import InsightsService
from companion.store import encryption
from companion.store.errors import StoreCorrupt
from companion.store.stores import Stores, open_stores
from companion.system.atomic import write_atomic
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.insights_seed import seed_fortnight


@pytest.fixture
def stores(tmp_path: Path, clock: FakeClock) -> Stores:
    opened = open_stores(resolve_paths(tmp_path / "h"), clock)
    seed_fortnight(opened, clock.now())
    return opened


def test_cached_is_what_compute_gave_until_a_file_or_the_day_changes(
    stores: Stores, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = InsightsService(stores, clock, Settings)
    assert service.cached(Span.WEEK) is None  # nothing computed yet
    found = service.compute(Span.WEEK)
    reads: list[object] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or b"")
    assert service.cached(Span.WEEK) is found and reads == []  # stats only, no read
    assert service.cached(Span.MONTH) is None
    monkeypatch.undo()
    other = open_stores(resolve_paths(stores.activity.path.parent.parent), clock)
    other.state.set("x", 1)  # another process writes activity.db
    assert service.cached(Span.WEEK) is None
    again = service.compute(Span.WEEK)
    assert service.cached(Span.WEEK) is again
    stores.entries.add(kind="free", text="a note")  # the journal changes here
    assert service.cached(Span.WEEK) is None
    service.compute(Span.WEEK)
    clock.advance(days=1)
    assert service.cached(Span.WEEK) is None


def test_a_journal_locked_after_the_figures_shows_none_of_them(
    stores: Stores, clock: FakeClock
) -> None:
    encryption.encrypt(stores.journal, "long enough 123")
    service = InsightsService(stores, clock, Settings)
    assert service.compute(Span.WEEK).journal_state == OPEN
    stores.journal.lock()
    assert service.cached(Span.WEEK) is None  # the lock alone makes it stale
    assert service.compute(Span.WEEK).journal_state == LOCKED


def test_locking_while_a_computation_runs_keeps_nothing_of_the_journal(
    stores: Stores, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = InsightsService(stores, clock, Settings)
    reached, go_on = threading.Event(), threading.Event()
    compute = core.compute

    def held(*args: Any) -> Any:
        reached.set()  # the journal was read: now the figures
        go_on.wait(timeout=10)
        return compute(*args)

    monkeypatch.setattr(core, "compute", held)
    answers: list[core.Insights] = []
    worker = threading.Thread(target=lambda: answers.append(service.compute(Span.WEEK)))
    worker.start()
    assert reached.wait(timeout=10)
    service.forget_journal()  # the app's JournalLocked, on the UI thread, meanwhile
    go_on.set()
    worker.join(timeout=10)
    assert answers and answers[0].journal_state == OPEN  # for the one who asked...
    assert service._journal is None and service._last is None  # ...but nothing kept
    assert service.cached(Span.WEEK) is None


def test_a_storage_problem_is_raised_to_the_caller(stores: Stores, clock: FakeClock) -> None:
    service = InsightsService(stores, clock, Settings)
    write_atomic(stores.activity.path, b"{not json")  # another process
    with pytest.raises(StoreCorrupt):
        service.compute(Span.WEEK)
