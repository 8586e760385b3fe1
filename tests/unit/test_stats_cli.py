"""``companion stats`` from a shell: text in both languages, JSON, CSV, a locked
journal (activity figures still come), and no UI toolkit loaded."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.insights_seed import seed_fortnight
from tests.layout import segment
from tests.unit.test_import_hygiene import loaded_modules

SHANGHAI = ZoneInfo("Asia/Shanghai")
PASS = "long enough 123"


def stats(
    home: Path, *args: str, lang: str = "en_US.UTF-8", **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed command, in Shanghai time, with no terminal to ask a passphrase on
    (a new session has no controlling terminal)."""
    script = Path(sys.executable).parent / "companion"
    return subprocess.run(
        [str(script), "--data-dir", str(home), "stats", *args],
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "LANG": lang, "TZ": "Asia/Shanghai", **env},
    )


@pytest.fixture
def seeded(home: Path) -> Path:
    now = datetime.now(SHANGHAI)
    stores = open_stores(resolve_paths(home), FakeClock(now))
    seed_fortnight(stores, now)
    stores.close()
    return home


def test_json_text_and_csv_agree(seeded: Path) -> None:
    result = stats(seeded, "--month", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["span"] == "month" and data["journal"] == "open"
    period = data["period"]
    assert period["breaks_taken"] == sum(d["breaks_taken"] for d in data["days"]) > 0
    assert period["breaks_planned"] is None  # no shift hours: no plan is made up
    assert data["patterns"]["traps"][0]["name"] in ("Mind reading", "Taking it personally")
    text = stats(seeded, "--month").stdout
    breathing = data["before_after"]["breathing"]
    sentence = f"On {breathing['sessions']} sessions in the last 30 days"
    assert sentence in text and f"{breathing['before']:.1f} → {breathing['after']:.1f}" in text
    rows = list(csv.DictReader(io.StringIO(stats(seeded, "--month", "--csv").stdout)))
    days = [r for r in rows if r["section"] == "day" and r["measure"] == "breaks_taken"]
    assert len(days) == 30 and days[-1]["item"] == data["today"]["date"]
    assert sum(int(r["value"]) for r in days) == period["breaks_taken"]


def cell(value: object) -> str:
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def test_the_csv_carries_every_figure_of_the_json(seeded: Path) -> None:
    data = json.loads(stats(seeded, "--month", "--json").stdout)
    text = stats(seeded, "--month", "--csv").stdout
    assert text.startswith("section,item,measure,value\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    table = {(r["section"], r["item"], r["measure"]): r["value"] for r in rows}
    assert len(table) == len(rows)  # each figure once: a pivot table can't double count
    expected = {("report", "", "span"): "month", ("report", "", "journal"): "open"}
    today, period = dict(data["today"]), dict(data["period"])
    day = today.pop("date")
    span = f"{period.pop('from')}/{period.pop('to')}"
    expected |= {("today", day, k): cell(v) for k, v in today.items()}
    expected |= {("period", span, k): cell(v) for k, v in period.items()}
    for kind, change in data["before_after"].items():
        expected |= {("before_after", kind, k): cell(v) for k, v in (change or {}).items()}
    both = data["breaks_and_mood"] or {}
    expected |= {("breaks_and_mood", "", k): cell(v) for k, v in both.items()}
    after = data["after_contacts"]
    expected |= {("after_contacts", "", k): cell(v) for k, v in after.items()}
    patterns = data["patterns"]
    for trap in patterns["traps"]:
        expected |= {("trap", trap["id"], "name"): trap["name"]}
        expected |= {("trap", trap["id"], "count"): str(trap["count"])}
    for feeling in patterns["feelings"]:
        expected |= {("feeling", feeling["name"], "count"): str(feeling["count"])}
    for tag in patterns["low_mood_tags"]:
        expected |= {("low_mood_tag", tag["tag"], "low_days"): str(tag["low_days"])}
        expected |= {("low_mood_tag", tag["tag"], "days"): str(tag["days"])}
    expected |= {("patterns", "", k): str(patterns[k]) for k in ("mood_days", "low_mood_days")}
    for figures in data["days"]:
        figures = dict(figures)
        date = figures.pop("date")
        expected |= {("day", date, k): cell(v) for k, v in figures.items()}
    assert table == expected
    breathing = data["before_after"]["breathing"]
    assert breathing["sessions"] >= 3 and patterns["traps"] and patterns["feelings"]
    assert table[("before_after", "breathing", "before")] == str(breathing["before"])


def test_chinese_text(seeded: Path) -> None:
    text = stats(seeded, "--month", lang="zh_CN.UTF-8").stdout
    assert "回顾 · 最近 30 天" in text and "做了什么" in text and "反复出现的" in text


def test_an_empty_store_says_so(home: Path) -> None:
    result = stats(home)
    assert result.returncode == 0 and "Nothing here this week yet." in result.stdout


def test_a_locked_journal_still_gives_the_activity_figures(seeded: Path) -> None:
    stores = open_stores(resolve_paths(seeded), FakeClock(datetime.now(SHANGHAI)))
    encryption.encrypt(stores.journal, PASS)
    stores.close()
    locked = stats(seeded, "--month", "--json")
    assert locked.returncode == 0
    assert "left out" in locked.stderr
    data = json.loads(locked.stdout)
    assert data["journal"] == "locked" and data["patterns"] is None
    assert data["period"]["breathing"] > 0 and data["period"]["mood_checkins"] is None
    opened = json.loads(stats(seeded, "--month", "--json", COMPANION_PASSPHRASE=PASS).stdout)
    assert opened["journal"] == "open" and opened["patterns"]["feelings"]


def test_stats_loads_no_ui_toolkit(seeded: Path) -> None:
    modules = loaded_modules(
        f"from companion.cli import main\nmain(['--data-dir', {str(seeded)!r}, 'stats', '--json'])",
    )
    assert "companion.services.insights.service" in modules and "textual" not in modules


@pytest.mark.parametrize("store", ["journal", "activity"])
def test_a_damaged_file_gives_no_figures_and_is_left_for_the_app(seeded: Path, store: str) -> None:
    paths = resolve_paths(seeded)
    open_stores(paths, FakeClock(datetime.now(SHANGHAI))).close()  # today's backups
    damaged = this_month(seeded) if store == "journal" else paths.data_dir / f"{store}.db"
    damaged.write_bytes(damaged.read_bytes()[:-40])  # a write cut short
    for form in ((), ("--json",), ("--csv",)):
        result = stats(seeded, "--month", *form)
        assert result.returncode == 1 and result.stdout == ""  # no stand-in zeros
        assert "No figures this time" in result.stderr
        if store == "journal":  # found as the month's figures are read
            assert f"{damaged.name}) is damaged" in result.stderr
            assert "Open companion to restore the backup of" in result.stderr
        else:
            assert "cannot be read" in result.stderr
            assert "start companion, it moves the file aside and offers the newest backup" in (
                result.stderr
            )
    assert not list(paths.data_dir.rglob("*.corrupt-*"))  # left where it was
    zh = stats(seeded, lang="zh_CN.UTF-8")
    assert zh.returncode == 1 and "这次没法给出数据" in zh.stderr
    # ...so the app's next start finds it, moves it aside and offers the backup, as said
    opened = open_stores(paths, FakeClock(datetime.now(SHANGHAI)))
    if store == "journal":
        opened.entries.all()  # (a segment is checked when it is first read: Home reads it)
    found = opened.problems or opened.journal.problems()
    assert [(p.store, p.kind) for p in found] == [(store, "quarantined")]
    assert found[0].backup is not None


def test_a_journal_found_damaged_when_unlocked_is_reported(seeded: Path) -> None:
    paths = resolve_paths(seeded)
    stores = open_stores(paths, FakeClock(datetime.now(SHANGHAI)))
    encryption.encrypt(stores.journal, PASS)
    stores.close()
    damaged = this_month(seeded)
    raw = bytearray(damaged.read_bytes())
    raw[-1] ^= 0xFF  # the header reads fine; the sealed content does not
    damaged.write_bytes(bytes(raw))
    result = stats(seeded, "--json", COMPANION_PASSPHRASE=PASS)
    assert result.returncode == 1 and result.stdout == ""
    assert "Open companion to restore the backup of" in result.stderr
    assert "Run “companion doctor” to see what to do next." in result.stderr
    # Left where it is, so the app can still offer the backup when it opens.
    assert damaged.read_bytes() == bytes(raw)
    assert not list(paths.data_dir.rglob("*.corrupt-*"))


def this_month(home: Path) -> Path:
    """The segment the seeded fortnight's last days were written to (the real clock's)."""
    return segment(home, datetime.now(SHANGHAI).strftime("%Y-%m"))
