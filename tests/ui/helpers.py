"""Reading what screens show, for assertions."""

from __future__ import annotations

import unicodedata

from rich.console import Console
from textual import events
from textual.app import App, ScreenStackError
from textual.widgets import Button, Input, OptionList, Static, TextArea

from companion.ui.widgets.prose import Prose


def text_of(widget: Static) -> str:
    content = widget.content
    if isinstance(content, str):
        return content
    if isinstance(content, Prose):  # a Paragraph: its text, as written
        return content.plain
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(content)
    return console.export_text()


def awake(app, clock, **delta: float) -> None:  # type: ignore[no-untyped-def]
    """Awake time passes with the app open: its rhythm looks at least once a minute, as
    its timer does (a longer gap between looks would be time away), and at the end."""
    from datetime import timedelta

    from companion.core.breaks import LOOKS_EVERY

    left = timedelta(**delta).total_seconds()
    while left > LOOKS_EVERY:
        clock.advance(LOOKS_EVERY)
        left -= LOOKS_EVERY
        app.rhythm.tick()
    clock.advance(left)
    app.rhythm.tick()


def screen_text(app: App[object]) -> str:
    """Every Static, Button label and list option on the active screen, in order."""
    parts = []
    for widget in app.screen.query("Static, Button, OptionList"):
        if isinstance(widget, OptionList):
            parts.extend(
                str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)
            )
        elif isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, Static):
            parts.append(text_of(widget))
    return "\n".join(parts)


async def wait_for(pilot, predicate, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``predicate()`` holds (for async work such as a search),
    and the screen in front is composed: a pushed screen is the app's screen at once,
    its widgets come a moment later (later still on a loaded machine), so a test that
    waited for the screen and then read it could find it empty."""
    import time

    deadline = time.monotonic() + timeout
    while not (predicate() and front_drawn(pilot.app)):
        if time.monotonic() > deadline:
            raise AssertionError("the app did not reach the expected state in time")
        await pilot.pause(0.02)


def front_drawn(app: App[object]) -> bool:
    """The front screen has been composed and mounted (or the app has none left)."""
    try:
        return app.screen.is_mounted
    except ScreenStackError:  # the app has closed
        return True


async def settled(pilot, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app's workers finish (figures computed, the journal read again in a
    thread) and the messages they posted be handled. A worker that a newer one of its
    group replaced (the count of a search, once the journal was read again) is
    finished too: cancelled, which ``wait_for_complete`` would raise."""
    await wait_for(pilot, lambda: all(worker.is_finished for worker in pilot.app.workers), timeout)
    await pilot.pause()


def record_calls(service: object, *names: str) -> list[str]:
    """Which of ``names`` the app calls on ``service``, in order (each still runs)."""
    calls: list[str] = []
    for name in names:
        method = getattr(service, name)

        def recorded(*args, _method=method, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(_name)
            return _method(*args, **kwargs)

        setattr(service, name, recorded)
    return calls


class Notes:
    """Records what the app tells the user through notify()."""

    def __init__(self, app: App[object]) -> None:
        self.messages: list[tuple[str, str]] = []
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            self.messages.append((str(message), str(kwargs.get("severity", "information"))))
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]

    def text(self) -> str:
        return "\n".join(m for m, _ in self.messages)


async def still(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the app settle (the autostart check and start-up questions come a frame after the
    first screen, the journal may be read in a worker), then stop blinking cursors so a
    picture is the same every time."""
    await settled(pilot)
    # Focus moves a frame after it is asked for (later still on a loaded machine): wait
    # until it stays put, so each cursor is stopped where its field's focus leaves it.
    focused = object()
    while pilot.app.focused is not focused:
        focused = pilot.app.focused
        for _ in range(3):
            await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


NAMES = {" ": "space", "\t": "tab"}


def key_for(character: str) -> str:
    """The key name Textual's driver gives a typed character."""
    if character.isalnum():
        return character
    if character in NAMES:
        return NAMES[character]
    return unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")


def burst(app, text: str, *then: str) -> None:  # type: ignore[no-untyped-def]
    """Every key of ``text``, then the keys ``then``, sent without waiting in between (as
    the driver hands over a burst from a text expander: Pilot's press waits after each)."""
    for character in text:
        app.post_message(events.Key(key_for(character), character))
    for key in then:
        app.post_message(events.Key(key, None))


async def type_in(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the focused field as one burst, and wait until the field holds
    it. For tests whose subject is what follows the typing: Pilot's ``press`` lets the
    app go idle after every key (about 60 ms each), which made typing most of their
    time. (The keys still travel the app's own way: app, screen, focused field.)"""
    # (A screen just opened, or a focus() just asked for, takes a moment.)
    await pilot.pause()
    await wait_for(pilot, lambda: isinstance(pilot.app.focused, (Input, TextArea)))
    field = pilot.app.focused
    burst(pilot.app, text)
    await wait_for(
        pilot,
        lambda: text in (field.value if isinstance(field, Input) else field.text),
        timeout=5.0 + len(text) / 20,  # (about 7 ms a key here; a loaded runner is slower)
    )
    await pilot.pause()  # what the field told its screen (Changed) is handled too
