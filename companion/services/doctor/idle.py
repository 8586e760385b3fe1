"""Doctor's lines about the desktop's idle time and screen lock: which source companion
reads, what it reads now, and why the readers that did not answer did not.

Informational: no line is a problem to fix. Readers that did not answer are listed only
for what nothing answered, so a working desktop shows two lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from companion.system.i18n import Strings
from companion.system.idle import IdleStatus, check

# Reasons whose technical detail (a library's own message) helps someone fix it.
SHOW_DETAIL = {"no_library", "old_library", "failed"}


def idle_lines(status: IdleStatus, t: Strings) -> list[str]:
    lines = [t("idle.title")]
    if not status.desktop:
        return [*lines, t("idle.none", reason=t(f"idle.reason_{status.reason}"))]
    desktop = t(f"idle.desktop_{status.desktop}", display=status.detail)
    reading = status.reading
    if reading is None:
        lines.append(t("idle.nothing_answered", desktop=desktop))
    elif reading.idle_seconds is None:
        lines.append(t("idle.no_idle", desktop=desktop))
    else:
        reader = t(f"idle.idle_{reading.source}")
        seconds = str(round(reading.idle_seconds))
        lines.append(t("idle.reading", desktop=desktop, seconds=seconds, reader=reader))
    if reading is not None and reading.locked is not None:
        state = t("idle.locked" if reading.locked else "idle.unlocked")
        lines.append(t("idle.lock", state=state, reader=t(f"idle.lock_{reading.lock_source}")))
    else:
        lines.append(t("idle.no_lock"))
    answered = {attempt.role for attempt in status.attempts if attempt.answered}
    for attempt in status.attempts:
        if attempt.role in answered:
            continue
        reason = t(f"idle.reason_{attempt.reason}")
        if attempt.reason in SHOW_DETAIL and attempt.detail:
            reason = f"{reason} ({attempt.detail})"
        reader = t(f"idle.{attempt.role}_{attempt.reader}")
        lines.append("  " + t("idle.tried", reader=reader, reason=reason))
    return lines


def idle_section(env: Mapping[str, str], t: Strings, platform: str | None = None) -> list[str]:
    """The section doctor prints: the source found for ``env``, read once and closed."""
    return [
        f"  {line}" if i else line for i, line in enumerate(idle_lines(check(env, platform), t))
    ]
