"""What a command prints can never act on the terminal it is printed on.

Journal text, file names and anything a person typed may hold escape sequences: OSC 52
sets the clipboard, CSI 2J clears the screen, OSC 8 makes links. While a command runs,
its standard streams are wrapped. On a terminal every control character shows as a
visible symbol (ESC as ␛), the way the journal list and ``find`` show text; text going
to a file or a pipe stays exactly as written (``export > file`` is a copy). Messages on
the error stream, which repeat what was typed (a kind, a path, ``--data-dir``), are made
safe wherever they go. A lone surrogate (a file name that is not UTF-8) is printed as
U+FFFD instead of stopping the command. The app itself draws through Textual, which
writes to the original streams, untouched by this.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from companion.core.journal import shown

_SURROGATES = re.compile("[\ud800-\udfff]")


class SafeStream(io.TextIOBase):
    """A text stream that writes through to ``stream``, made safe on the way."""

    def __init__(self, stream: TextIO, controls: bool) -> None:
        super().__init__()
        self.stream = stream
        self.controls = controls  # control characters become visible symbols

    def write(self, text: str) -> int:
        safe = _SURROGATES.sub("\ufffd", text)
        self.stream.write(shown(safe) if self.controls else safe)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def _on_a_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):
        return False


@contextmanager
def safe_streams() -> Iterator[None]:
    """Wrap stdout (made safe on a terminal) and stderr (made safe always) meanwhile."""
    out, err = sys.stdout, sys.stderr
    if out is None or err is None:  # no console (pythonw): nothing to protect
        yield
        return
    sys.stdout = SafeStream(out, controls=_on_a_terminal(out))
    sys.stderr = SafeStream(err, controls=True)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
