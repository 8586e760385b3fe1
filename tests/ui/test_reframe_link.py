"""The journal and reframing are linked both ways: "reframe this" on a thought log
starts from what it says, and the entry shows the reframes made of it."""

from __future__ import annotations

from companion.core.reframe import Page, Reframing
from companion.ui.journal.entry_view import EntryViewScreen
from companion.ui.practice.reframe import ReframeScreen
from tests.ui.helpers import screen_text, settled, wait_for


def thought(app, lang: str = "en"):  # type: ignore[no-untyped-def]
    return app.services.journal.add(
        "thought",
        {
            "text": "Customer wrote I was useless after a late refund",
            "thought": "I am bad at this job",
            "emotions": "hurt 60",
        },
    )


async def test_reframe_this_starts_from_the_entry_and_links_back(app_factory) -> None:
    app = app_factory("en")
    entry = thought(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await settled(pilot)  # the list is drawn once the journal is read
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        assert "r Reframe this" in " ".join(
            f"{a.binding.key} {a.binding.description}"
            for a in app.screen.active_bindings.values()
            if a.binding.show
        )
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReframeScreen))
        wizard: Reframing = app.screen.wizard
        assert "late refund" in wizard.facts and wizard.thought == "I am bad at this job"
        wizard.meaning = "They needed their money back, not my worth"
        wizard.page = Page.SUMMARY  # (the steps themselves are tested in test_reframe_screen)
        app.services.practice.save_reframe(wizard)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        await wait_for(pilot, lambda: "Looked at again" in screen_text(app))
        assert "not my worth" in screen_text(app)
    (reframe,) = app.services.practice.reframes_for_entry(entry.id)
    assert reframe.entry_id == entry.id


async def test_only_thought_logs_offer_reframe_this(app_factory) -> None:
    app = app_factory("zh")
    app.services.journal.add("free", {"text": "随便写写"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await settled(pilot)  # the list is drawn once the journal is read
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        ids = {a.binding.id for a in app.screen.active_bindings.values()}
        assert "view_reframe" not in ids
