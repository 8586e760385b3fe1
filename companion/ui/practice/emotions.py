"""Emotion cards: draw a feeling, see how it sounds, think of a reply, turn it over."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from companion.packs import practice as practice_packs
from companion.packs.practice import EmotionCard
from companion.ui.practice.base import BACK, PracticeTool
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose


class EmotionCardsScreen(PracticeTool):
    TOOL = "emotions"
    BINDINGS = [
        BACK,
        Binding("n", "draw", "practice.keys.draw", id="emotion_draw"),
        Binding("space", "flip", "practice.keys.flip", id="emotion_flip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.card: EmotionCard | None = None
        self.turned = False

    def compose(self) -> ComposeResult:
        with Vertical(id="emotions", classes="page"):
            yield self.title_widget()
            with VerticalScroll(classes="wizard-body"):
                yield Paragraph(self.t("practice.emotions.intro"), classes="muted body")
                yield Static(id="emotion-card", classes="card")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show()

    def action_draw(self) -> None:
        cards = {c.id: c for c in practice_packs.emotion_cards(self.t.lang)}
        self.card = cards[self.practice.draw("emotion_cards", list(cards))]
        self.turned = False
        self.show()

    def action_flip(self) -> None:
        if self.card is not None:
            self.turned = not self.turned
            self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "flip":
            return self.card is not None
        return True

    def show(self) -> None:
        t = self.t
        card = self.card
        if card is None:
            view: RenderableType = Text(
                t("practice.emotions.draw_prompt", key=self.key_of("emotion_draw"))
            )
        else:
            parts: list[RenderableType] = [
                Text.assemble((f" {card.name} ", "bold reverse"), "\n"),
                Text(t("practice.emotions.sounds_like"), style="bold"),
                *(Text(line, style="italic") for line in card.sounds_like),
            ]
            if self.turned:
                parts += [
                    Text.assemble("\n", (t("practice.emotions.needs"), "bold")),
                    Text(card.needs),
                    Text.assemble("\n", (t("practice.emotions.first_line"), "bold")),
                    Text(card.first_line),
                ]
            else:
                flip = t("practice.emotions.think", key=self.key_of("emotion_flip"))
                parts.append(Text.assemble("\n", (flip, "dim")))
            view = Group(*(Prose(part) if isinstance(part, Text) else part for part in parts))
        self.query_one("#emotion-card", Static).update(view)
        self.refresh_bindings()

    async def retranslate(self) -> None:
        card_id = self.card.id if self.card else None
        await self.recompose()
        if card_id is not None:
            cards = practice_packs.emotion_cards(self.t.lang)
            self.card = next(c for c in cards if c.id == card_id)
        self.show()
