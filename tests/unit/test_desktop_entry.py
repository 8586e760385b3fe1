"""Desktop Entry quoting: what companion writes into Exec reads back as the same
arguments, for any path a person might have."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.system.autostart.desktop_entry import (
    escape_string,
    exec_line,
    parse,
    quote_arg,
    render,
    split_exec,
    unescape_string,
)


def through_file(argv: list[str]) -> list[str]:
    """Write an Exec line into a file's text and read it back, both escaping layers."""
    text = render([("Exec", exec_line(argv))])
    return split_exec(parse(text)["Exec"])


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("/usr/bin/xterm", "/usr/bin/xterm"),
        ("/home/li lei/companion", '"/home/li lei/companion"'),
        ("/home/张伟/.venv/bin/companion", "/home/张伟/.venv/bin/companion"),
        ("cost$HOME", '"cost\\$HOME"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back`tick", '"back\\`tick"'),
        ("a\\b", '"a\\\\b"'),
        ("100%", "100%%"),
        ("it's", '"it\'s"'),
        ("", '""'),
    ],
)
def test_arguments_are_quoted_as_the_spec_says(arg: str, quoted: str) -> None:
    assert quote_arg(arg) == quoted


def test_a_backslash_in_a_quoted_argument_is_four_in_the_file() -> None:
    # The spec's own example: both escaping layers apply.
    text = render([("Exec", exec_line(["/opt/my app/run", "C:\\x"]))])
    assert 'Exec="/opt/my app/run" "C:\\\\\\\\x"' in text
    assert through_file(["/opt/my app/run", "C:\\x"]) == ["/opt/my app/run", "C:\\x"]


def test_a_line_break_cannot_be_written() -> None:
    with pytest.raises(ValueError):
        quote_arg("two\nlines")


def test_field_codes_are_dropped_and_percent_signs_kept() -> None:
    assert split_exec("app %U --rate 100%%") == ["app", "--rate", "100%"]


def test_an_unclosed_quote_is_an_error() -> None:
    with pytest.raises(ValueError):
        split_exec('app "oops')


def test_string_escapes() -> None:
    assert unescape_string(escape_string("a\\b\tc\n")) == "a\\b\tc\n"
    assert unescape_string("a\\sb") == "a b"


def test_only_the_main_group_is_read() -> None:
    text = "# c\n[Desktop Entry]\nName=x\nExec=a b\n[Desktop Action new]\nExec=other\n"
    assert parse(text) == {"Name": "x", "Exec": "a b"}
    with pytest.raises(ValueError):
        parse("[Something else]\nExec=a\n")


path_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\0"),
    max_size=30,
)


@given(st.lists(path_text, min_size=1, max_size=6))
def test_any_arguments_survive_the_file(argv: list[str]) -> None:
    assert through_file(argv) == argv
