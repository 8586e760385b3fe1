"""Desktop Entry files (freedesktop.org Desktop Entry Specification 1.4), just enough
to write an autostart entry and read it back.

Two layers of escaping apply to ``Exec``, in this order when reading:

1. the value is a *string*: ``\\s \\n \\t \\r \\\\`` stand for space, newline, tab,
   carriage return and backslash;
2. the result is split into arguments: an argument with a reserved character is put
   in double quotes, inside which ``" ` $ \\`` are escaped with a backslash; a literal
   ``%`` is written ``%%`` (a single ``%`` starts a field code such as ``%U``).

So a backslash inside a quoted argument appears as four backslashes in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from companion.system.autostart.words import Words

GROUP = "[Desktop Entry]"
# Characters that force an argument into quotes (the spec's reserved characters).
RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
ESCAPED_IN_QUOTES = '"`$\\'
STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def quote_arg(arg: str) -> str:
    """One argument of an Exec line (before string escaping)."""
    if any(c in arg for c in "\n\r\0"):
        raise ValueError("an Exec argument cannot hold a line break")
    text = arg.replace("%", "%%")
    if arg and not any(c in RESERVED for c in arg):
        return text
    return '"' + "".join("\\" + c if c in ESCAPED_IN_QUOTES else c for c in text) + '"'


def exec_line(argv: Sequence[str]) -> str:
    return " ".join(quote_arg(arg) for arg in argv)


def split_exec(line: str) -> list[str]:
    """An Exec line (already string-unescaped) as arguments; field codes are dropped."""
    words = Words()
    in_quotes = False
    i = 0
    while i < len(line):
        char, following = line[i], line[i + 1 : i + 2]
        step = 1
        if in_quotes and char == "\\" and following and following in ESCAPED_IN_QUOTES:
            words.add(following)
            step = 2
        elif char == '"':
            in_quotes = not in_quotes
            words.add("")
        elif char in " \t" and not in_quotes:
            words.end()
        elif char == "%":
            if following == "%":
                words.add("%")
            step = 2  # "%%" is a percent sign; any other "%x" is a field code
        else:
            words.add(char)
        i += step
    if in_quotes:
        raise ValueError("unclosed quote in Exec")
    return words.done()


def escape_string(value: str) -> str:
    text = (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    # Blanks around "=" are ignored when reading, so a leading space must be escaped.
    return "\\s" + text[1:] if text.startswith(" ") else text


def unescape_string(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "\\" and value[i + 1 : i + 2] in STRING_ESCAPES:
            out.append(STRING_ESCAPES[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def render(pairs: Iterable[tuple[str, str]]) -> str:
    """The file's text: the main group with ``key=value`` lines, values escaped."""
    lines = [GROUP] + [f"{key}={escape_string(value)}" for key, value in pairs]
    return "\n".join(lines) + "\n"


def parse(text: str) -> dict[str, str]:
    """The keys of the ``[Desktop Entry]`` group, values unescaped. Raises ValueError
    when the file has no such group."""
    values: dict[str, str] = {}
    group = None
    seen = False
    # Only "\n" ends a line (str.splitlines would also split at other separators), and
    # only spaces and tabs are blanks (str.strip would also eat other control characters).
    for raw in text.split("\n"):
        line = raw.rstrip("\r").strip(" \t")
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line
            seen = seen or line == GROUP
            continue
        if group == GROUP and "=" in line:
            key, _, value = line.partition("=")
            values.setdefault(key.strip(" \t"), unescape_string(value.strip(" \t")))
    if not seen:
        raise ValueError("no [Desktop Entry] group")
    return values
