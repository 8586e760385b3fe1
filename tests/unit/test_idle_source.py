"""The source's rules, with fake readers and a fake clock: who answers, the time
budget, readers given up on, nothing raised, and closing."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from companion.system.idle import DesktopIdle, IdleReading, Reason, Unavailable
from companion.system.idle.base import Attempt, Once


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


@dataclass
class FakeReader:
    name: str
    answer: object = None  # a value, or an exception to raise
    cost: float = 0.0  # seconds the call takes on the fake clock
    clock: FakeClock | None = None
    timeouts: list[float] = field(default_factory=list)
    closed: int = 0

    def read(self, timeout: float) -> Any:
        self.timeouts.append(timeout)
        if self.clock is not None:
            self.clock.now += min(self.cost, timeout)
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer

    def close(self) -> None:
        self.closed += 1


def source(
    idle: Sequence[FakeReader], lock: Sequence[FakeReader], clock: FakeClock, **kw: Any
) -> DesktopIdle:
    return DesktopIdle("x11", idle, lock, monotonic=clock.monotonic, **kw)  # type: ignore[arg-type]


def test_the_first_reader_that_answers_gives_the_value() -> None:
    clock = FakeClock()
    missing = FakeReader("mutter", Unavailable(Reason.NO_SERVICE, "ServiceUnknown"))
    answering = FakeReader("freedesktop", 12.5)
    never = FakeReader("other", 99.0)
    lock = FakeReader("gnome", True)
    with source([missing, answering, never], [lock], clock) as s:
        status = s.describe()
    assert status.reading == IdleReading(12.5, True, "freedesktop", "gnome")
    assert never.timeouts == []
    assert status.attempts == (
        Attempt("idle", "mutter", Reason.NO_SERVICE, "ServiceUnknown"),
        Attempt("idle", "freedesktop"),
        Attempt("lock", "gnome"),
    )


def test_nothing_answers_gives_none() -> None:
    clock = FakeClock()
    failing = FakeReader("x11", Unavailable(Reason.NO_DISPLAY))
    assert source([failing], [], clock).read() is None


def test_one_side_may_be_unknown() -> None:
    clock = FakeClock()
    s = source(
        [FakeReader("freedesktop", Unavailable(Reason.UNSUPPORTED))],
        [FakeReader("freedesktop", False)],
        clock,
    )
    assert s.read() == IdleReading(None, False, "", "freedesktop")


def test_a_reader_given_up_on_is_not_asked_again_but_still_reported() -> None:
    clock = FakeClock()
    gone = FakeReader("x11", Unavailable(Reason.NO_EXTENSION, "no ext", permanent=True))
    transient = FakeReader("mutter", Unavailable(Reason.TIMEOUT))
    s = source([gone, transient], [], clock)
    s.read()
    status = s.describe()
    assert len(gone.timeouts) == 1
    assert len(transient.timeouts) == 2
    assert status.attempts[0] == Attempt("idle", "x11", Reason.NO_EXTENSION, "no ext")


def test_the_budget_bounds_a_reading_and_skips_the_rest() -> None:
    clock = FakeClock()
    slow = [
        FakeReader(name, Unavailable(Reason.TIMEOUT), cost=10, clock=clock)
        for name in ("mutter", "freedesktop")
    ]
    lock = FakeReader("gnome", True, clock=clock)
    s = source(slow, [lock], clock, budget=0.8, call_timeout=0.5)
    start = clock.now
    status = s.describe()
    assert slow[0].timeouts == [0.5]
    assert slow[1].timeouts == [pytest.approx(0.3)]  # what was left of the budget
    assert lock.timeouts == []
    assert status.attempts[-1] == Attempt("lock", "gnome", Reason.SKIPPED)
    assert clock.now - start == pytest.approx(0.8)
    assert status.reading is None


@pytest.mark.parametrize("error", [RuntimeError("surprise"), OSError(5, "I/O"), ValueError()])
def test_nothing_a_reader_raises_reaches_the_caller(error: Exception) -> None:
    clock = FakeClock()
    s = source([FakeReader("x11", error), FakeReader("mutter", 3.0)], [], clock)
    status = s.describe()
    assert status.reading == IdleReading(3.0, None, "mutter", "")
    assert status.attempts[0].reason == Reason.FAILED
    assert type(error).__name__ in status.attempts[0].detail


def test_close_closes_every_reader_then_the_resources_and_is_final() -> None:
    clock = FakeClock()
    order: list[str] = []

    class Closing(FakeReader):
        def close(self) -> None:
            order.append(self.name)
            raise OSError("closing failed")  # must not reach the caller

    readers = [Closing("x11", 1.0), Closing("mutter", 2.0)]
    s = source(readers, [Closing("gnome", False)], clock, resources=[lambda: order.append("bus")])
    assert s.read() is not None
    s.close()
    assert order == ["x11", "mutter", "gnome", "bus"]
    assert s.read() is None
    assert readers[0].timeouts == [0.5]  # not asked after close


def test_readings_and_close_from_several_threads() -> None:
    """The app reads in a worker while it may close at exit: serialised, never raising."""
    calls = 0
    inside = 0
    overlap = False

    class Counting(FakeReader):
        def read(self, timeout: float) -> Any:
            nonlocal calls, inside, overlap
            inside += 1
            overlap |= inside > 1
            calls += 1
            inside -= 1
            return 1.0

    s = DesktopIdle("x11", [Counting("x11")], [])
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                s.read()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    s.close()
    for thread in threads:
        thread.join(10)
    assert errors == [] and not overlap
    assert s.read() is None


@pytest.mark.parametrize(
    ("reading", "away"),
    [
        (IdleReading(299.0, False), False),
        (IdleReading(300.0, False), True),
        (IdleReading(5.0, True), True),
        (IdleReading(None, True), True),
        (IdleReading(None, None), False),
        (IdleReading(10_000.0, None), True),
    ],
)
def test_away(reading: IdleReading, away: bool) -> None:
    assert reading.away(after_seconds=300) is away


def test_once_builds_once_and_remembers_a_failure() -> None:
    built: list[int] = []

    def load() -> str:
        built.append(1)
        return "library"

    once = Once(load)
    assert once() == once() == "library" and built == [1]

    def missing() -> str:
        built.append(2)
        raise OSError("libXss.so.1: cannot open shared object file")

    failing: Callable[[], str] = Once(missing)
    for _ in range(2):
        with pytest.raises(Unavailable) as raised:
            failing()
        assert raised.value.reason is Reason.NO_LIBRARY and raised.value.permanent
    assert built == [1, 2]
