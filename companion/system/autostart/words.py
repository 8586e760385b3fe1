"""Collecting arguments while reading a command line character by character: the part
the Desktop Entry and the Windows command-line grammars have in common."""

from __future__ import annotations


class Words:
    def __init__(self) -> None:
        self.args: list[str] = []
        self._current: list[str] = []
        self._started = False

    def add(self, text: str) -> None:
        """Text of the current argument; "" still starts one (a pair of quotes is "")."""
        self._current.append(text)
        self._started = True

    def end(self) -> None:
        """A blank outside quotes: the current argument, if any, is complete."""
        if self._started:
            self.args.append("".join(self._current))
        self._current, self._started = [], False

    def done(self) -> list[str]:
        self.end()
        return self.args
