"""Role plays: the mood follows the replies, and every branch of every shipped play
reaches an ending: a test walks them all, in both languages."""

from __future__ import annotations

import pytest

from companion.core.roleplay import (
    Conversation,
    Reply,
    Roleplay,
    Step,
    heat_level,
    paths,
    problems,
)
from companion.packs import practice as practice_packs


def play(steps: dict[str, Step], start: str = "open", heat: int = 60) -> Roleplay:
    return Roleplay("p", "title", "setting", "lesson", start, heat, steps)


def step(step_id: str, *nexts: tuple[str, int]) -> Step:
    replies = tuple(Reply(f"to {n}", f"note {n}", h, n) for n, h in nexts)
    return Step(step_id, f"customer at {step_id}", replies, "" if replies else "it ended")


SMALL = play(
    {
        "open": step("open", ("calm", -30), ("hot", 30)),
        "calm": step("calm", ("good", -40), ("meh", 10)),
        "hot": step("hot", ("meh", -20), ("bad", 50)),
        "good": step("good"),
        "meh": step("meh"),
        "bad": step("bad"),
    }
)


def test_a_sound_play_has_no_problems_and_every_path_ends() -> None:
    assert problems(SMALL) == []
    assert sorted(paths(SMALL)) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_the_customer_heat_follows_the_replies_and_stays_within_0_100() -> None:
    talk = Conversation(SMALL)
    assert (talk.step_id, talk.heat, talk.finished) == ("open", 60, False)
    turn = talk.choose(1)
    assert turn.heat_after == 90 and talk.step_id == "hot"
    talk.choose(1)
    assert talk.heat == 100 and talk.finished and talk.step_id == "bad"
    assert talk.choices == (1, 1) and talk.cooled == -40
    with pytest.raises(ValueError):
        talk.choose(0)
    calm = Conversation(SMALL)
    calm.choose(0)
    calm.choose(0)
    assert calm.heat == 0 and calm.cooled == 60 and heat_level(calm.heat) == "calm"


@pytest.mark.parametrize(
    ("heat", "level"),
    [(0, "calm"), (19, "calm"), (20, "settling"), (45, "uneasy"), (79, "upset"), (80, "furious")],
)
def test_heat_levels(heat: int, level: str) -> None:
    assert heat_level(heat) == level


def test_a_dead_end_a_loop_an_unknown_step_and_an_orphan_are_all_found() -> None:
    dead = play({"open": step("open", ("x", 0), ("x", 0)), "x": Step("x", "…")})
    assert "dead end" in " ".join(problems(dead))
    loop = play(
        {
            "open": step("open", ("a", 0), ("end", 0)),
            "a": step("a", ("open", 0), ("end", 0)),
            "end": step("end"),
        }
    )
    assert "loop" in " ".join(problems(loop))
    unknown = play({"open": step("open", ("nowhere", 0), ("end", 0)), "end": step("end")})
    assert "unknown step 'nowhere'" in " ".join(problems(unknown))
    orphan = play(
        {"open": step("open", ("end", 0), ("end", 0)), "end": step("end"), "lost": step("lost")}
    )
    assert problems(orphan) == ["lost: no path reaches this step"]
    single = play({"open": step("open", ("end", 0)), "end": step("end")})
    assert "at least two replies" in " ".join(problems(single))
    assert problems(play({}, start="open")) == ["start step 'open' does not exist"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_branch_of_every_shipped_role_play_reaches_an_ending(lang: str) -> None:
    plays = practice_packs.roleplays(lang)
    assert len(plays) >= 5
    for roleplay in plays:
        assert problems(roleplay) == [], roleplay.id
        visited: set[str] = set()
        endings: set[str] = set()
        walked = list(paths(roleplay))
        assert walked, roleplay.id
        for choices in walked:
            talk = Conversation(roleplay)
            visited.add(talk.step_id)
            for choice in choices:
                talk.choose(choice)
                visited.add(talk.step_id)
                assert 0 <= talk.heat <= 100
            assert talk.finished and talk.step.outcome, (roleplay.id, choices)
            endings.add(talk.step_id)
        assert visited == set(roleplay.steps), roleplay.id  # no step is unreachable
        assert len(endings) >= 3, roleplay.id  # the choices really change how it ends


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_warm_path_ends_calmer_than_it_started_and_a_cold_one_hotter(lang: str) -> None:
    for roleplay in practice_packs.roleplays(lang):
        results = []
        for choices in paths(roleplay):
            talk = Conversation(roleplay)
            for choice in choices:
                talk.choose(choice)
            results.append(talk.cooled)
        assert max(results) > 0 > min(results), roleplay.id


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_debrief_never_contradicts_the_ending(lang: str) -> None:
    """Whatever path was taken, the mood the debrief names ("went from upset to …")
    agrees with what the ending says: never "furious" under "the chat ended politely"."""
    from companion.core.roleplay import Conversation, heat_level, paths
    from companion.packs.practice import roleplays

    agree = {
        "end_good": {"calm", "settling"},
        "end_mixed": {"settling", "uneasy", "upset"},
        "end_bad": {"upset", "furious"},
    }
    for play in roleplays(lang):
        for path in paths(play):
            talk = Conversation(play)
            for index in path:
                talk.choose(index)
            if talk.step_id in agree:
                assert heat_level(talk.heat) in agree[talk.step_id], (play.id, path)


@pytest.mark.parametrize(("lang", "first_person"), [("en", r"\b(I|my|me)\b"), ("zh", r"我(?!们)")])
def test_reframe_step_three_speaks_in_one_voice(lang: str, first_person: str) -> None:
    """Step 3 speaks to the person ("your shoulder"), as its intro does."""
    import re

    from companion.system.content import load_pack

    for side, table in load_pack(lang, "perspectives").items():
        for line in (table["about"], *table["prompts"]):
            assert not re.search(first_person, line), (side, line)
