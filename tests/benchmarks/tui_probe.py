"""The app's responsiveness measured inside it, with Textual's Pilot (headless, 80x24).

Run by bench_journal.py in a process of its own, on a copy of the data folder (notes
and drafts are written), so each starts cold; prints one line ``PROBE {json}``.

- ``search``: common words typed into the journal's search box and taken back with
  backspace. Each key that changes which entries match (counted in jrnl's export of
  the same text) is timed from the key event to the end of the first frame that shows
  the change (``until_drawn``): the new rows, or the count line saying it is
  counting when the first rows are the same. A key that changes nothing on the screen
  is typed, not timed. Keys go at most one per 150 ms (a fast typist), not as soon as
  the last is drawn. Headless, the frame is composed but not turned into the
  terminal's escape codes (Textual skips that step without a terminal), so a real
  terminal adds that step's time to each figure.
- ``note``: ``companion note`` run beside the open journal: how long until the entry
  is listed, and the longest time the UI thread was blocked meanwhile.
- ``autosave``: two keys typed in the editor (as the terminal hands them over), then
  the longest time the UI thread was blocked around the draft being written (a file
  under ``data/`` changing): from 250 ms before until 50 ms after, and never before
  the keys were drawn. The cursor does not
  blink meanwhile (its redraw is Textual's, not the autosave's).
- ``unlock``: an encrypted journal, ``j``, the passphrase typed, Enter: until the
  journal list is drawn on the screen (one run per process: keys are cached in the process).

"Blocked" is measured by a heartbeat on the app's event loop (a 1 ms sleep in a loop):
the longest gap between its beats, less the 1 ms, is the longest time nothing else
could run on the UI thread (no key, no redraw).

    python tests/benchmarks/tui_probe.py --home HOME --probe search,note,autosave \
        [--export jrnl-export.json] [--passphrase P]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.widget import Widget

BEAT = 0.001
AFTER = 0.05  # a gap that ends just after a change was seen still belongs to it
# An autosave's work on the UI thread comes just before its file changes (the write
# itself, in a worker, takes a few ms): the window looked at starts this long before
# the change was seen, not at the typing up to 3 s earlier, whose stray gaps (another
# process on the machine, a collection) are no autosave's.
BEFORE_SAVED = 0.25
# Keys of a search are typed this far apart at the fastest (a fast typist: 80 words a
# minute), not as soon as the last one is drawn, which no person does.
PACE = 0.15
WORDS = ("customer", "refund", "the", "order", "waiting", "退款", "顾客", "今天")
LIST, COUNT, PASSPHRASE, EDITOR = "#journal-list", "#journal-count", "#passphrase", "TextArea"


def companion_app(home: Path) -> Any:
    """The app as the command builds it. The one import of companion's insides in the
    benchmarks: when the package moves, repoint this line."""
    from companion.ui.app import make_app

    return make_app(home=home, lang="en")


class Heartbeat:
    """Beats on the event loop; the gaps between beats show when it was blocked."""

    def __init__(self) -> None:
        self.beats: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            self.beats.append(time.perf_counter())
            await asyncio.sleep(BEAT)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def worst(self, start: float, end: float) -> float:
        """The longest blocked time (s) between ``start`` and ``end``."""
        beats = [b for b in self.beats if start <= b <= end]
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        return max(0.0, max(gaps, default=0.0) - BEAT)


def results(app: Any) -> tuple[str, int, str | None] | None:
    """What the journal list shows: its count line, how many rows, the first row."""
    screen = app.screen
    found = screen.query(LIST)
    if not found:
        return None
    listing = found.first()
    count = screen.query(COUNT)
    text = str(count.first().text) if count else ""  # (a Paragraph: the text it shows)
    first = listing.get_option_at_index(0).id if listing.option_count else None
    return text, listing.option_count, first


def listed_rows(app: Any) -> int:
    return (results(app) or ("", 0, None))[1]


def send_key(app: Any, key: str) -> None:
    """A key, as the terminal driver hands one to the app. (Pilot's press() also waits
    for the whole process to go idle, which adds tens to hundreds of ms to a timing.)"""
    character = " " if key == "space" else key if len(key) == 1 else None
    app.post_message(events.Key(key, character))


async def until(check: Callable[[], bool], timeout: float, step: float = 0.001) -> float | None:
    """The moment ``check()`` first holds, or None after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return time.perf_counter()
        await asyncio.sleep(step)
    return None


class Look:
    """A change waited for: ``check()`` holds once it is made, and a frame shows it when
    one of the widgets it is about (``about``) is drawn in it."""

    def __init__(self, check: Callable[[], bool], about: Callable[[Widget], bool]) -> None:
        self.check, self.about = check, about
        self.seen: float | None = None


class Frames:
    """What each frame the app composes showed, and when it was done. ``Widget.render_
    lines`` is how Textual's compositor asks a widget for its lines: at the first call
    of a frame the looks waiting are checked (no widget changes while a frame is drawn,
    in one go on the UI thread); a look counts if a widget it is about is drawn in that
    frame, and ``call_soon`` notes the time once the frame is done. Every frame counts,
    with a new layout or without."""

    def __init__(self) -> None:
        self.waiting: list[Look] = []
        self._frame: dict[Look, bool] | None = None  # look -> a widget of it drawn

    def install(self) -> None:
        drawn = Widget.render_lines

        def render_lines(widget: Widget, crop: Any) -> Any:
            if self.waiting and self._frame is None:
                self._frame = {look: False for look in self.waiting if look.check()}
                asyncio.get_running_loop().call_soon(self._done)
            if self._frame:
                for look in self._frame:
                    self._frame[look] = self._frame[look] or look.about(widget)
            return drawn(widget, crop)

        Widget.render_lines = render_lines  # type: ignore[method-assign]

    def _done(self) -> None:
        frame, self._frame = self._frame or {}, None
        now = time.perf_counter()
        for look, shown in frame.items():
            if shown and look.seen is None:
                look.seen = now


FRAMES = Frames()
IN_LIST = frozenset({LIST.removeprefix("#"), COUNT.removeprefix("#")})


def in_list(widget: Widget) -> bool:
    return widget.id in IN_LIST


async def until_drawn(
    check: Callable[[], bool],
    timeout: float,
    step: float = 0.001,
    about: Callable[[Widget], bool] = in_list,
) -> float | None:
    """The end of the first frame that showed ``check()`` holding: new rows in the
    journal's list or its count line changed (``about``: the widgets to see drawn), or
    letters in the editor. (Asked after the frame instead, a change made just after it
    would count as shown; seeing the change and then waiting for a refresh would end a
    frame late when another change was drawn first.)"""
    look = Look(check, about)
    FRAMES.waiting.append(look)
    try:
        deadline = time.perf_counter() + timeout
        while look.seen is None and time.perf_counter() < deadline:
            await asyncio.sleep(step)
    finally:
        FRAMES.waiting.remove(look)
    return look.seen


def journal_texts(export: Path) -> list[str]:
    data = json.loads(export.read_text("utf-8"))
    return [f"{e['title']}\n{e['body']}".casefold() for e in data["entries"]]


def changing_keys(word: str, texts: list[str]) -> list[bool]:
    """For each letter of ``word`` typed in turn: does it change which entries match?"""
    changes, count = [], len(texts)
    for end in range(1, len(word) + 1):
        matches = sum(word[:end] in t for t in texts)
        changes.append(matches != count)
        count = matches
    return changes


async def open_journal(app: Any, pilot: Any) -> float | None:
    started = time.perf_counter()
    send_key(app, "j")
    seen = await until_drawn(lambda: listed_rows(app) > 0, timeout=120)
    return None if seen is None else seen - started


async def probe_search(app: Any, pilot: Any, texts: list[str]) -> dict[str, Any]:
    """Every key is typed; a key that changes which entries match is timed (one that
    does not changes nothing on the screen, so there is nothing to wait for)."""
    await pilot.press("slash")
    plan: list[tuple[str, bool]] = []
    for word in WORDS:
        changes = changing_keys(word, texts)
        plan += list(zip(word, changes, strict=True))
        plan += list(zip(["backspace"] * len(word), reversed(changes), strict=True))
    latencies: list[float | None] = []
    started = 0.0
    for key, changes in plan:
        await pilot.pause()
        await asyncio.sleep(max(0.0, started + PACE - time.perf_counter()))
        before = results(app)
        started = time.perf_counter()
        send_key(app, key)
        if changes:
            seen = await until_drawn(lambda b=before: results(app) != b, timeout=5)
            latencies.append(None if seen is None else seen - started)
    return {"keys": [k for k, timed in plan if timed], "latencies": latencies}


async def probe_note(app: Any, pilot: Any, companion: str, home: Path, runs: int) -> dict:
    beat = Heartbeat()
    beat.start()
    shown, blocked = [], []
    env = {**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8"}
    for n in range(runs):
        before = results(app)
        proc = await asyncio.create_subprocess_exec(
            companion,
            "note",
            f"a note from the shell, number {n}",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        await proc.wait()
        written = time.perf_counter()
        seen = await until_drawn(lambda b=before: results(app) != b, timeout=30, step=0.005)
        if seen is None:
            shown.append(None)
            blocked.append(beat.worst(written, time.perf_counter()))
            continue
        await asyncio.sleep(0.2)  # the redraw after the list changed, and its beat
        shown.append(seen - written)
        blocked.append(beat.worst(written, time.perf_counter()))
    beat.stop()
    return {"shown": shown, "blocked": blocked}


def data_state(home: Path) -> list[tuple[str, int, int]]:
    """The journal's files as they stand. Left out: activity.db (written by the break
    rhythm; a draft is private writing and never goes there) and lock files (touched
    when a write starts, not when it is done)."""
    found = []
    for path in sorted((home / "data").rglob("*")):
        if path.name.startswith("activity") or path.suffix == ".lock":
            continue
        try:
            info = path.stat()
        except OSError:
            continue
        found.append((str(path), info.st_mtime_ns, info.st_size))
    return found


async def probe_autosave(app: Any, pilot: Any, home: Path, runs: int) -> dict[str, Any]:
    """A few letters typed, then the wait for the draft. Only a draft written after the
    typing counts (one written mid-typing is skipped), so the time measured holds
    nothing but the autosave itself and idle beats."""
    await pilot.press("ctrl+n")  # New, from the list or its search box (letters search)
    await pilot.pause()
    await pilot.press("1")  # the first kind offered: a free entry
    if await until(lambda: bool(app.screen.query(EDITOR)), timeout=10) is None:
        return {"error": f"no editor; the screen is {type(app.screen).__name__}"}
    editor = app.screen.query(EDITOR).first()
    editor.focus()
    # The cursor's blink redraws its line twice a second: Textual's work, not the
    # autosave's, and it would land in the window measured one time in a few.
    editor.cursor_blink = False
    await pilot.pause(0.5)
    beat = Heartbeat()
    beat.start()
    idle_start = time.perf_counter()
    await asyncio.sleep(1.0)
    idle = beat.worst(idle_start, time.perf_counter())
    blocked: list[float] = []
    missed = {"written while typing": 0, "never written": 0}
    for attempt in range(runs * 6):
        if len(blocked) == runs:
            break
        before = data_state(home)
        # Typed as the terminal hands keys over, then until they are in the field (not
        # pilot.press: it waits for the whole process to go idle, which with the
        # heartbeat beating takes seconds, so every autosave fell inside the typing).
        length = len(editor.text)
        send_key(app, str(attempt % 10))
        send_key(app, "space")
        typed = await until_drawn(
            lambda n=length: len(editor.text) == n + 2,
            timeout=5,
            about=lambda widget: widget is editor,
        )
        if typed is None:  # (the window starts once the typing is drawn: that is not saving)
            return {"error": f"the keys did not reach the editor on {screen_of(app)}"}
        if data_state(home) != before:
            missed["written while typing"] += 1  # this round does not count
            continue
        saved = await until(lambda b=before: data_state(home) != b, timeout=10, step=0.005)
        if saved is None:
            missed["never written"] += 1
        else:
            await asyncio.sleep(AFTER)  # the beat that ends the autosave's gap, too
            blocked.append(beat.worst(max(typed, saved - BEFORE_SAVED), saved + AFTER))
    beat.stop()
    out = {"blocked": blocked, "idle": idle, "missed": missed}
    if len(blocked) < runs:
        out["error"] = f"{len(blocked)} of {runs} autosaves timed: {missed}, on {screen_of(app)}"
    return out


def screen_of(app: Any) -> str:
    focused = app.focused
    return f"{type(app.screen).__name__} (focus: {type(focused).__name__ if focused else None})"


async def probe_unlock(app: Any, pilot: Any, passphrase: str) -> dict[str, Any]:
    await pilot.pause()
    await pilot.press("j")
    if await until(lambda: bool(app.screen.query(PASSPHRASE)), timeout=60) is None:
        return {"error": "no passphrase dialog"}
    for char in passphrase:
        await pilot.press(char)
    beat = Heartbeat()
    beat.start()
    started = time.perf_counter()
    send_key(app, "enter")
    # The dialog closes and the journal's rows are drawn: one moment to see.
    listed = await until_drawn(lambda: listed_rows(app) > 0, timeout=120)
    await asyncio.sleep(AFTER)
    beat.stop()
    end = (listed or time.perf_counter()) + AFTER
    return {
        "listed": None if listed is None else listed - started,
        "blocked": beat.worst(started, end),
    }


async def run(options: argparse.Namespace) -> dict[str, Any]:
    home = Path(options.home)
    probes = options.probe.split(",")
    texts = journal_texts(Path(options.export)) if "search" in probes else []
    app = companion_app(home)
    FRAMES.install()
    out: dict[str, Any] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        if "unlock" in probes:
            return await probe_unlock(app, pilot, options.passphrase)
        await pilot.pause()
        out["open_journal"] = await open_journal(app, pilot)
        if "search" in probes:
            out["search"] = await probe_search(app, pilot, texts)
        if "note" in probes:
            out["note"] = await probe_note(app, pilot, options.companion, home, options.runs)
        if "autosave" in probes:
            out["autosave"] = await probe_autosave(app, pilot, home, options.runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True)
    parser.add_argument("--probe", default="search,note,autosave")
    parser.add_argument("--export", help="jrnl's JSON export of the journal (for search)")
    parser.add_argument("--passphrase", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--companion", default=str(Path(sys.executable).parent / "companion"))
    options = parser.parse_args()
    try:
        out = asyncio.run(run(options))
    except Exception as error:  # a benchmark reports, it does not fail
        out = {"error": f"{type(error).__name__}: {error}"}
    print("PROBE " + json.dumps(out))


if __name__ == "__main__":
    main()
