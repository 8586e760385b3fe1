"""Chinese line breaking: no line starts with closing punctuation; English unchanged."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from companion.ui.widgets.prose import NO_LINE_END, NO_LINE_START, Prose, break_lines, toast_text

OUTCOME = (
    "聊天客客气气地结束了，但她心里还是没底，多半还会再来问。"
    "早一点给出具体方案，你们俩都能省下这第二次对话。"
)


def lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().rstrip("\n").split("\n")


def cut(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in break_lines(text, width)]


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
    assert lines(Prose(text), 30) == [line.rstrip() for line in lines(text, 30)]
    assert lines(Prose("a\n\nb"), 10) == ["a", "", "b"]


def test_a_number_stays_with_its_measure_word() -> None:
    text = "这次休息已经推迟了 3 次，没关系。"
    for width in range(8, 40):
        wrapped = cut(text, width)
        assert not any(line.rstrip().endswith("3") for line in wrapped), (width, wrapped)
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")
    assert cut("离上次休息已经 2 小时了", 16) == ["离上次休息已经", "2 小时了"]
    assert cut("还剩7分钟", 4) == ["还剩", "7分", "钟"]  # 7分 together, never 7 / 分钟


def test_chinese_breaks_between_characters_not_only_at_spaces() -> None:
    # Rich moves a long run of Chinese after a space to the next line whole.
    text = "推迟了 3 次，没关系。它会一直在这里等你决定：现在休息。"
    assert lines(Text(text), 30)[0].rstrip() == "推迟了 3"
    assert cut(text, 30)[0] == "推迟了 3 次，没关系。它会一直"


def test_opening_punctuation_never_ends_a_line() -> None:
    text = "顾客说“我要投诉你们”，然后（过了很久）才回来。"
    for width in range(6, 40):
        for line in cut(text, width):
            assert line[-1:] not in NO_LINE_END and line[:1] not in NO_LINE_START, (width, line)


def test_a_word_longer_than_the_line_is_folded() -> None:
    assert cut("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert cut("超长的一句话", 4) == ["超长", "的一", "句话"]
    assert cut("", 10) == [""]


@pytest.mark.parametrize("width", range(8, 60))
def test_every_shipped_chinese_sentence_breaks_well(width: int) -> None:
    from companion.system.i18n import Strings

    strings = Strings("zh")
    for key, value in strings.under("breaks").items():
        for paragraph in value.split("\n"):
            wrapped = cut(paragraph, width)
            assert all(cell_len(line) <= width for line in wrapped), (key, width)
            assert all(line[:1] not in NO_LINE_START for line in wrapped), (key, width, wrapped)


def test_a_toast_is_folded_only_when_it_holds_chinese() -> None:
    english = "Press k when you're free; I'll ask again in 17 s."
    assert toast_text(english, 80) == english  # Textual wraps English at spaces itself
    folded_lines = toast_text("好" * 15 + "还有 17 秒就好了。", 80).split("\n")
    assert folded_lines == ["好" * 15 + "还有", "17 秒就好了。"]  # 36 cells: the toast's
