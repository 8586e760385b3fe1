"""Home's "today at a glance" rows from the journal and the practice room.

The glance is drawn after the first paint, so these load their services' modules (the
journal's search, the practice room's rules) on first use, not before the first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.services.container import Services
    from companion.system.i18n import Strings


def journal_glance(services: Services, t: Strings) -> Iterable[tuple[str, str]]:
    from companion.services.journal.service import journal_glance

    return journal_glance(services, t)


def practice_glance(services: Services, t: Strings) -> Iterable[tuple[str, str]]:
    from companion.services.practice_today import practice_glance

    return practice_glance(services, t)
