"""`companion contact` and `companion dnd` from a shell: they write activity.db only
(never the journal, never needing its passphrase), say what they did in the person's
language, refuse bad input with exit status 2 and a damaged activity log with 1,
writing nothing; they load no UI toolkit."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.commands.dnd import until_from
from companion.store.inbox import dnd_request
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths
from tests.conftest import SHANGHAI
from tests.unit.test_import_hygiene import loaded_modules
from tests.unit.test_journal_cli import companion


def contacts(home: Path, clock: FakeClock) -> list[tuple[bool, str]]:
    stores = open_stores(resolve_paths(home), clock)
    return [(c.rough, c.source) for c in stores.contacts.all()]


def test_contact_marks_a_chat_in_both_languages(home: Path, clock: FakeClock) -> None:
    done = companion(home, "contact")
    assert (done.returncode, done.stdout, done.stderr) == (0, "Chat marked as done.\n", "")
    rough = companion(home, "contact", "--rough", lang="zh_CN.UTF-8")
    assert rough.returncode == 0
    assert rough.stdout == "记下了：这位挺难缠的。companion 会给你一分钟 SOS 缓一缓。\n"
    assert sorted(contacts(home, clock)) == [(False, "command"), (True, "command")]
    journal = home / "data" / "journal.db"
    assert not journal.exists() or b"rough" not in journal.read_bytes()


def test_dnd_for_until_off_and_status(home: Path, clock: FakeClock) -> None:
    assert companion(home, "dnd").stdout == "Do not disturb is off.\n"
    on = companion(home, "dnd", "--for", "45m")
    assert on.returncode == 0 and on.stdout.startswith("Do not disturb until ")
    assert companion(home, "dnd").stdout.startswith("Do not disturb is on until ")
    off = companion(home, "dnd", "--off", lang="zh_CN.UTF-8")
    assert off.stdout == "勿扰模式已关闭，休息提醒恢复了。\n"
    request = dnd_request(open_stores(resolve_paths(home), clock))
    assert request is not None and request.until is None
    assert companion(home, "dnd").stdout == "Do not disturb is off.\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--for", "a while"], "“a while” is not a length of time like 45m, 1h or 1h30m."),
        (["--for", "13h"], "13h is longer than 12 hours."),
        (["--until", "3pm"], "“3pm” is not a time of day like 15:00."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    home: Path, argv: list[str], message: str
) -> None:
    done = companion(home, "dnd", *argv)
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""
    log = home / "data" / "activity.db"
    assert not log.exists() or b"dnd_request" not in log.read_bytes()


def test_both_options_at_once_are_refused(home: Path) -> None:
    done = companion(home, "dnd", "--for", "45m", "--off")
    assert done.returncode == 2 and "not allowed with" in done.stderr


def args(**values: object) -> argparse.Namespace:
    return argparse.Namespace(**{"span": None, "until": None, **values})


def test_until_is_the_next_time_of_day_within_twelve_hours() -> None:
    t = Strings("en")
    now = datetime(2026, 11, 23, 14, 10, tzinfo=SHANGHAI)
    assert until_from(args(until="15:00"), now, t) == now.replace(hour=15, minute=0)
    late = datetime(2026, 11, 23, 23, 0, tzinfo=SHANGHAI)  # a night shift
    assert until_from(args(until="1:30"), late, t) == datetime(2026, 11, 24, 1, 30, tzinfo=SHANGHAI)
    with pytest.raises(ValueError, match="15:00 was earlier today"):
        until_from(args(until="15:00"), now.replace(hour=16), t)
    assert until_from(args(span="1h30m"), now, t) == now + timedelta(minutes=90)


def test_a_damaged_activity_log_is_left_alone(home: Path, clock: FakeClock) -> None:
    open_stores(resolve_paths(home), clock)
    damaged = home / "data" / "activity.db"
    damaged.write_bytes(b"\x00 not json")
    for argv in (["contact"], ["dnd", "--for", "45m"]):
        done = companion(home, *argv)
        assert done.returncode == 1 and "activity" in done.stderr
        assert damaged.read_bytes() == b"\x00 not json"


def test_the_commands_load_no_ui_toolkit(home: Path) -> None:
    for command in ("contact", "dnd"):
        modules = loaded_modules(
            f"from companion.cli import main\nmain(['--data-dir', {str(home)!r}, {command!r}])"
        )
        assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
