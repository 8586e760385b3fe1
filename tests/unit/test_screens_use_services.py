"""Screens never touch a repository: every read and write of records goes through a
service (the house's rule; the import-linter contracts cannot see an attribute)."""

from __future__ import annotations

import inspect
import re
from functools import cached_property
from pathlib import Path

import companion.ui
from companion.store.stores import Stores

UI = Path(companion.ui.__file__).parent


def test_no_screen_reaches_into_a_repository() -> None:
    def a_repository(annotation: object) -> bool:
        return str(annotation).startswith("Repo[") or str(annotation) == "EntryRepo"

    repos = [
        name
        for name, p in inspect.signature(Stores.__init__).parameters.items()
        if a_repository(p.annotation)
    ]
    repos += [  # the repositories made when first used
        name
        for name, member in vars(Stores).items()
        if isinstance(member, cached_property)
        and a_repository(member.func.__annotations__["return"])
    ]
    assert {"entries", "drafts", "breathing", "sos", "break_ratings", "reframes"} <= set(repos)
    reaching = re.compile(r"stores\s*\.\s*(" + "|".join(repos) + r")\b")
    found = [
        f"{path.relative_to(UI)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if reaching.search(line) or re.search(r"\b(Repo|EntryRepo|KeyValue)\(", line)
    ]
    assert found == []
