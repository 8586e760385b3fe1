"""Doctor has words, in English and Chinese, for every desktop, reader and reason the
idle module can report (test_content checks that both languages have the same keys and
placeholders, and the Chinese punctuation)."""

from __future__ import annotations

import pytest

from companion.system.i18n import Strings
from companion.system.idle import Reason
from companion.system.idle.plan import DESKTOPS, IDLE_READERS, LOCK_READERS

LANGUAGES = ("en", "zh")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_has_words(lang: str) -> None:
    t = Strings(lang)
    needed = (
        {f"idle.desktop_{name}" for name in DESKTOPS}
        | {f"idle.idle_{name}" for name in IDLE_READERS}
        | {f"idle.lock_{name}" for name in LOCK_READERS}
        | {f"idle.reason_{reason.value}" for reason in Reason}
    )
    assert {key for key in needed if not t.has(key)} == set()
