"""Scripted role plays: an upset customer, replies to pick, a mood that follows them.

A role play is a small graph of steps. A step is a customer message and the replies
the agent may pick; each reply cools or heats the customer ("heat", 0 calm to 100
furious) and leads to the next step. A step without replies is an ending. Every path
must reach an ending: ``problems`` finds dead ends, loops, unknown steps and steps no
path reaches, and the content loader refuses a role play that has any.
Offline and scripted: no AI.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

HEAT_LEVELS = ((80, "furious"), (60, "upset"), (40, "uneasy"), (20, "settling"), (0, "calm"))
# What an ending's outcome says of the customer, by its id: the debrief's "went from …
# to …" keeps within it, so it never says "furious" under "the chat ended politely".
ENDING_HEAT = {"end_good": (0, 39), "end_mixed": (20, 79), "end_bad": (60, 100)}


def heat_level(heat: int) -> str:
    """A word for the customer's mood (a content key's last part)."""
    return next(name for floor, name in HEAT_LEVELS if heat >= floor)


@dataclass(frozen=True)
class Reply:
    text: str
    note: str  # for the debrief: what this reply did, and why
    heat: int  # change in the customer's heat; negative cools
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    customer: str
    replies: tuple[Reply, ...] = ()
    outcome: str = ""  # endings only: how the contact ended

    @property
    def is_end(self) -> bool:
        return not self.replies


@dataclass(frozen=True)
class Roleplay:
    id: str
    title: str
    setting: str
    lesson: str  # the debrief's take-away, whatever path was taken
    start: str
    heat: int  # how heated the customer is at the start
    steps: dict[str, Step]


def problems(play: Roleplay) -> list[str]:
    """Everything that would leave a player stuck or lost; empty when sound."""
    found = []
    if play.start not in play.steps:
        return [f"start step {play.start!r} does not exist"]
    for step in play.steps.values():
        if step.is_end and not step.outcome:
            found.append(f"{step.id}: no replies and no outcome (a dead end)")
        if not step.is_end and len(step.replies) < 2:
            found.append(f"{step.id}: a choice needs at least two replies")
        for reply in step.replies:
            if reply.next not in play.steps:
                found.append(f"{step.id}: reply leads to unknown step {reply.next!r}")
    if found:
        return found
    state: dict[str, str] = {}  # visiting | done

    def visit(step_id: str) -> None:
        state[step_id] = "visiting"
        for reply in play.steps[step_id].replies:
            mark = state.get(reply.next)
            if mark == "visiting":
                found.append(f"{step_id}: reply leads back to {reply.next!r} (a loop)")
            elif mark is None:
                visit(reply.next)
        state[step_id] = "done"

    visit(play.start)
    unreachable = sorted(set(play.steps) - set(state))
    found.extend(f"{step_id}: no path reaches this step" for step_id in unreachable)
    return found


def paths(play: Roleplay) -> Iterator[tuple[int, ...]]:
    """Every way through, as the reply indices picked at each step (for tests)."""

    def walk(step_id: str, taken: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        step = play.steps[step_id]
        if step.is_end:
            yield taken
        for index, reply in enumerate(step.replies):
            yield from walk(reply.next, (*taken, index))

    yield from walk(play.start, ())


@dataclass(frozen=True)
class Turn:
    step: Step
    reply: Reply
    heat_after: int


@dataclass
class Conversation:
    """One run through a role play."""

    play: Roleplay
    step_id: str = field(init=False)
    heat: int = field(init=False)
    turns: list[Turn] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.step_id = self.play.start
        self.heat = self.play.heat

    @property
    def step(self) -> Step:
        return self.play.steps[self.step_id]

    @property
    def finished(self) -> bool:
        return self.step.is_end

    def choose(self, index: int) -> Turn:
        if self.finished:
            raise ValueError("the conversation has ended")
        reply = self.step.replies[index]
        low, high = ENDING_HEAT.get(reply.next, (0, 100))
        self.heat = max(low, min(high, self.heat + reply.heat))
        turn = Turn(self.step, reply, self.heat)
        self.turns.append(turn)
        self.step_id = reply.next
        return turn

    @property
    def choices(self) -> tuple[int, ...]:
        return tuple(t.step.replies.index(t.reply) for t in self.turns)

    @property
    def cooled(self) -> int:
        """How much calmer the customer is than at the start (negative: more heated)."""
        return self.play.heat - self.heat
