"""Drafts kept under stable origin names, not screen class names; drafts kept under the
old class names are still found, taken over and dropped."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import companion.ui
from companion.services import drafts
from companion.services.drafts import FORMER_ORIGINS, Drafts, origin_of
from companion.services.journal.service import Journal
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.shell.base import Translated


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(resolve_paths(home), clock)


def test_a_draft_kept_under_a_screens_old_name_is_still_the_editors(
    stores: Stores, clock: FakeClock
) -> None:
    old = stores.drafts.add(origin="EntryEditorScreen", fields={"kind": "free"})
    stores.drafts.add(origin="SomethingElse", fields={"x": 1})
    journal = Journal(stores, clock)
    assert origin_of(old) == drafts.ENTRY_EDITOR
    assert journal.draft() == old
    clock.advance(seconds=3)
    kept = journal.keep_draft({"kind": "free", "answers": {"text": "more"}}, old)
    assert (kept.id, kept.origin) == (old.id, drafts.ENTRY_EDITOR)  # taken over, renamed
    stores.drafts.add(origin="EntryEditorScreen", fields={"kind": "mood"})
    journal.drop_drafts()
    assert [d.origin for d in stores.drafts.all()] == ["SomethingElse"]


def test_each_origin_keeps_its_own(stores: Stores, clock: FakeClock) -> None:
    kept = Drafts(stores, clock)
    first = kept.keep(drafts.RELEASE, {"went_well": "a"})
    clock.advance(seconds=1)
    old = stores.drafts.add(origin="ReleaseScreen", fields={"went_well": "b"})
    kept.keep(drafts.GROWTH_REVIEW, {"happened": "c"})
    assert kept.of(drafts.RELEASE) == [old, first]  # newest first, old names included
    kept.drop(drafts.RELEASE)
    assert [d.origin for d in stores.drafts.all()] == [drafts.GROWTH_REVIEW]


def screens() -> list[type[Translated]]:
    for module in pkgutil.walk_packages(companion.ui.__path__, "companion.ui."):
        importlib.import_module(module.name)
    found, stack = [], list(Translated.__subclasses__())
    while stack:
        screen = stack.pop()
        stack.extend(screen.__subclasses__())
        if screen.__module__.startswith("companion."):  # (not a test's stand-in)
            found.append(screen)
    return found


def test_every_screen_that_keeps_input_names_a_stable_origin() -> None:
    """A screen's class name is no key: renaming the class must not lose a draft."""
    names = {v for k, v in vars(drafts).items() if k.isupper() and isinstance(v, str)}
    keeping = [s for s in screens() if "unsaved_input" in vars(s) and s.__name__ != "VentScreen"]
    assert len(keeping) >= len(FORMER_ORIGINS)
    for screen in keeping:
        assert screen.draft_origin in names, screen
        assert screen.draft_origin == FORMER_ORIGINS.get(screen.__name__, screen.draft_origin)
    assert len({s.draft_origin for s in keeping}) == len(keeping)  # one name each
