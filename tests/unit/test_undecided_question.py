"""A store set aside with a backup offered stays an open question until the person
answers it, whatever is written to the fresh file meanwhile and however many days go
by: each start asks again, commands that need it refuse, doctor counts it, the offered
backup is never pruned, and restoring keeps what was written since."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.services.doctor.report import run_doctor
from companion.store import encryption
from companion.store.backup import KEEP, list_backups
from companion.store.stores import Stores, open_stores
from companion.store.undecided import read_undecided, record_path
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_damaged_journal_cli import PASS, three_entries
from tests.unit.test_passphrase_cli import companion


def cut_in_half(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def activity_with_history(home: Path, clock: FakeClock) -> Path:
    """Three breathing sessions and the welcome seen, and yesterday's backup of them."""
    stores = open_stores(resolve_paths(home), clock)
    for minutes in (3, 4, 5):
        stores.breathing.add(
            pattern="478", seconds=minutes * 60, rounds=4, rounds_done=4, completed=True
        )
    stores.state.set("welcome_done", True)
    clock.advance(days=1)
    open_stores(resolve_paths(home), clock)  # the day's backup
    return stores.activity.path


def app_opens(home: Path, clock: FakeClock, passphrase: str | None = None) -> Stores:
    stores = open_stores(resolve_paths(home), clock)
    if passphrase and stores.journal.locked:
        assert encryption.unlock(stores.journal, passphrase)
    return stores


def test_writes_meanwhile_do_not_hide_the_question(home: Path, clock: FakeClock) -> None:
    activity = activity_with_history(home, clock)
    cut_in_half(activity)
    stores = app_opens(home, clock)
    problem = stores.activity.problem
    assert problem is not None and problem.kind == "quarantined" and problem.backup is not None
    offered = problem.backup.path
    assert read_undecided(activity) is not None
    # The person closes the dialog (Esc, ctrl+q...); the app keeps writing meanwhile.
    stores.breathing.add(pattern="box", seconds=60, rounds=1, rounds_done=1, completed=True)
    stores.state.set("rhythm", {"phase": "working"})
    for _ in range(KEEP + 3):  # more days than backups are kept
        clock.advance(days=1)
        again = app_opens(home, clock)
        problem = again.activity.problem
        assert problem is not None and problem.kind == "quarantined"
        assert problem.backup is not None and problem.backup.path == offered
        assert offered.exists()
        again.breathing.add(pattern="box", seconds=30, rounds=1, rounds_done=1, completed=True)
    assert [b.path for b in list_backups(activity, home / "backups")] == [offered]
    # A command that needs the activity log refuses; doctor counts it.
    stats = companion(home, "stats", "--json")
    assert stats.returncode == 1 and "Traceback" not in stats.stderr, stats.stderr
    report = run_doctor(resolve_paths(home), {})
    assert report.problems >= 1
    assert any("activity log" in line and "start fresh" in line for line in report.lines)
    # Restoring brings the backup back and keeps what was written since.
    again.activity.restore(problem.backup)
    sessions = sorted(s.pattern for s in again.breathing.all())
    assert sessions == ["478"] * 3 + ["box"] * (KEEP + 4)
    assert again.state.get("welcome_done") is True
    assert again.state.get("rhythm") == {"phase": "working"}
    assert not record_path(activity).exists()
    assert app_opens(home, clock).activity.problem is None


def test_starting_fresh_answers_it(home: Path, clock: FakeClock) -> None:
    activity = activity_with_history(home, clock)
    cut_in_half(activity)
    stores = app_opens(home, clock)
    stores.breathing.add(pattern="box", seconds=60, rounds=1, rounds_done=1, completed=True)
    assert app_opens(home, clock).activity.problem is not None
    stores.activity.start_fresh()
    assert not record_path(activity).exists()
    again = app_opens(home, clock)
    assert again.activity.problem is None
    assert [s.pattern for s in again.breathing.all()] == ["box"]


@pytest.mark.parametrize("passphrase", [PASS, None], ids=["encrypted", "plain"])
def test_the_journal_written_to_meanwhile_still_asks(
    home: Path, clock: FakeClock, passphrase: str | None
) -> None:
    journal = three_entries(home, clock, passphrase)
    cut_in_half(journal)
    stores = app_opens(home, clock, passphrase)
    stores.entries.all()  # the month is read: its file is found damaged and set aside
    (problem,) = stores.journal.problems()
    assert problem is not None and problem.kind == "quarantined"
    stores.entries.add(kind="free", text="written after the dialog was closed")
    again = app_opens(home, clock, passphrase)
    (problem,) = again.journal.problems()  # asked again at start
    assert problem is not None and problem.kind == "quarantined" and problem.backup is not None
    env = {"COMPANION_PASSPHRASE": passphrase} if passphrase else {}
    note = companion(home, "note", "from the shell", **env)
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    again.journal.restore(problem.backup, problem)
    texts = sorted(e.text for e in again.entries.all())
    assert texts == sorted(
        ["first words", "second words", "third words", "written after the dialog was closed"]
    )
    if passphrase:
        assert journal.read_bytes().startswith(b"CMPNENC")
    assert app_opens(home, clock, passphrase).journal.problems() == []


def test_doctor_says_the_question_is_open_not_how_to_copy_by_hand(
    home: Path, clock: FakeClock
) -> None:
    """A month of the journal set aside, the person not asked to choose yet: doctor says
    companion asks at start (no copy command beside a question the app will ask)."""
    journal = three_entries(home, clock, None)
    cut_in_half(journal)
    stores = app_opens(home, clock)
    stores.entries.all()  # the month is read: set aside, a backup offered
    assert read_undecided(journal) is not None
    report = run_doctor(resolve_paths(home), {})
    said = "\n".join(report.lines)
    assert "you have not chosen yet" in said and report.problems >= 1
    assert "cp " not in said and "copy the backup back yourself" not in said
