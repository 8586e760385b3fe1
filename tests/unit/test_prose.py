"""Chinese line breaking: no line starts with closing punctuation; English unchanged."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from companion.ui.widgets.prose import NO_LINE_START, Prose

OUTCOME = (
    "聊天客客气气地结束了，但她心里还是没底，多半还会再来问。"
    "早一点给出具体方案，你们俩都能省下这第二次对话。"
)


def lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().rstrip("\n").split("\n")


def test_a_plain_fold_would_open_a_line_with_a_comma() -> None:
    assert lines(Text(OUTCOME), 74)[1].startswith("，")  # what Rich does on its own


def test_prose_carries_the_character_before_the_comma_down() -> None:
    for width in range(20, 80):
        wrapped = lines(Prose(OUTCOME), width)
        assert "".join(wrapped) == OUTCOME, width
        assert all(line[:1] not in NO_LINE_START for line in wrapped), width
        assert all(cell_len(line) <= width for line in wrapped), width


def test_closing_quotes_and_full_stops_stay_together() -> None:
    text = "“我们的尺码是标准的，很多顾客都说合适。”后面还有。"
    for width in range(10, 50):
        wrapped = lines(Prose(text), width)
        assert "".join(wrapped) == text
        assert all(line[:1] not in NO_LINE_START for line in wrapped), (width, wrapped)


def test_english_wraps_as_before_and_styles_survive() -> None:
    text = Text.assemble(("Bold start", "bold"), " and a long plain sentence that wraps around.")
    assert lines(Prose(text), 30) == lines(text, 30)
    assert lines(Prose("a\n\nb"), 10) == ["a", "", "b"]
