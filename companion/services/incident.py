"""The private incident note: after an abusive contact, the time, the channel, the
order reference and the customer's exact words, kept in the journal (through its one
check, so encrypted with it) as an entry of its own kind; and the same note as a
plain, factual report for a supervisor, to copy or to save as a new file. No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.journal import MAIN, EntryError, shown
from companion.store.schema import Entry
from companion.system.atomic import write_new
from companion.system.clock import Clock
from companion.system.i18n import Strings
from companion.system.paths import ensure_dir

if TYPE_CHECKING:  # handed in by Services: feature services never import each other
    from companion.services.journal.service import Journal

KIND = "incident"  # the journal kind (content/<lang>/prompts.toml [kinds.incident])
CHANNELS = ("chat", "phone", "review", "other")
FIELDS = ("time", "channel", "order", "action")  # beside the words, the entry's text
TIME_FORMAT = "%Y-%m-%d %H:%M"
MAX_NAME_TRIES = 100


class Incidents:
    def __init__(self, journal: Journal, clock: Clock, reports_dir: Path) -> None:
        self.journal = journal
        self.clock = clock
        self.reports_dir = reports_dir

    def now_text(self) -> str:
        """The time a new note starts with (the person may change it)."""
        return self.clock.now().strftime(TIME_FORMAT)

    def save(self, words: str, fields: Mapping[str, str]) -> Entry:
        """Keep the note in the journal. The words are the entry's text, exactly as
        pasted (only trailing blank space goes, as in every journal entry). Raises
        EntryError when there are no words, or when the journal's check refuses."""
        if not words.strip():
            raise EntryError("empty")
        answers = {MAIN: words, **{k: str(fields.get(k, "")) for k in FIELDS}}
        if answers["channel"] not in CHANNELS:
            answers["channel"] = "other"
        return self.journal.add(KIND, answers)

    def save_report(self, text: str) -> Path:
        """Write a report as a new file in the reports folder (0600); never over one
        that is there: a second report of the same minute gets "-2", and so on."""
        folder = ensure_dir(self.reports_dir)
        stamp = self.clock.now().strftime("%Y-%m-%d-%H%M")
        data = text.encode("utf-8")
        for n in range(1, MAX_NAME_TRIES + 1):
            target = folder / (f"incident-{stamp}.txt" if n == 1 else f"incident-{stamp}-{n}.txt")
            try:
                write_new(target, data)
            except FileExistsError:
                continue
            return target
        raise FileExistsError(folder / f"incident-{stamp}.txt")


def report(words: str, fields: Mapping[str, Any], t: Strings) -> str:
    """The note as a factual report: neutral words, the customer's text unchanged but
    for control characters, which show as symbols (ESC as ␛): the report goes to a
    clipboard, a file and someone's terminal, where an escape sequence would act."""
    channel = str(fields.get("channel") or "other")
    channel = t(f"incident.channels.{channel}") if channel in CHANNELS else shown(channel)
    order = shown(str(fields.get("order") or "").strip())
    action = shown(str(fields.get("action") or "").strip())
    words = shown(words)
    lines = [
        t("incident.report.title"),
        "",
        t("incident.report.time", time=shown(str(fields.get("time") or "").strip())),
        t("incident.report.channel", channel=channel),
        t("incident.report.order", order=order) if order else t("incident.report.no_order"),
        "",
        t("incident.report.words"),
        words.rstrip("\n"),
        "",
    ]
    if action:
        lines += [t("incident.report.action", action=action), ""]
    lines.append(t("incident.report.closing"))
    return "\n".join(lines) + "\n"


def entry_report(entry: Entry, t: Strings) -> str:
    """A kept note (a journal entry of kind ``incident``) as a report."""
    return report(entry.text, entry.fields, t)
