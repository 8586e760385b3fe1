"""The command palette's one source of commands: every app action, found by its name,
its help line and other words a person may try ("help", "theme", 帮助, 主题), in the
person's language and in English. Nothing found says so in the person's language
(Textual would add its own English "No matches found")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from companion.system.i18n import Strings
from companion.ui.actions import ACTIONS, BY_ID

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# Scored as Textual's fuzzy matcher scores names (an exact name is 20): a word that
# names a command exactly ("help") ranks it with its name, above a name that only holds
# the word ("Reply helper", 15).
EXACT, STARTS, INSIDE, ABOUT = 20.0, 12.0, 6.0, 2.0


class Command(NamedTuple):
    title: str
    help: str  # markup: the help line and the key
    words: str  # casefolded, space separated: the words that find it (its id, English)
    about: str  # casefolded: its help line, which finds it too, more weakly
    callback: Callable[[], Any]


def word_score(query: str, command: Command) -> float:
    """How well ``query`` names ``command`` by its words: one of them exactly (as well
    as its name would), the start of one, inside one, or only in its help line."""
    wanted = query.casefold().strip()
    words = command.words.split()
    if not wanted:
        return 0.0
    if words and words[0] == wanted:
        return EXACT + 1  # the first word listed is what the action is called for
    if wanted in words:
        return EXACT
    if any(word.startswith(wanted) for word in words):
        return STARTS
    if wanted in command.words:
        return INSIDE
    return ABOUT if wanted in command.about else 0.0


def palette_commands(app: CompanionApp) -> list[Command]:
    """Home and every app action that may run here, with its help line (naming its key)
    and the words that find it, in the person's language and in English."""
    t, english = app.strings, Strings("en")
    ids = [a.id for a in ACTIONS if app.may(a.id)]
    if not app.beside:  # (beside the open app there is no Home to go to)
        ids.insert(0, "home")
    commands = []
    for action_id in ids:
        # The palette has no column for keys; its help line (markup) names it.
        help_line = t(f"commands.{action_id}_help")
        key = app.key_for(action_id) if action_id in BY_ID else ""
        if key:
            help_line = t("commands.with_key", help=help_line, key=escape(key))
        words = " ".join(
            (
                t(f"commands.words.{action_id}"),
                english(f"commands.{action_id}"),
                english(f"commands.words.{action_id}"),
                action_id.replace("_", " "),
            )
        ).casefold()
        about = t(f"commands.{action_id}_help").casefold()
        handler = app.go_home if action_id == "home" else BY_ID[action_id].handler(app)
        commands.append(Command(t(f"commands.{action_id}"), help_line, words, about, handler))
    return commands


class Commands(Provider):
    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def commands(self) -> list[Command]:
        return palette_commands(self.companion)

    async def discover(self) -> Hits:
        for command in sorted(self.commands(), key=lambda c: c.title):
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for command in self.commands():
            score = max(matcher.match(command.title), word_score(query, command))
            if score > 0:
                found = True
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )
        if not found and query.strip():
            t = self.companion.strings
            nothing = Text(t("widgets.no_matches"), style="dim")
            yield Hit(1.0, nothing, lambda: None, help=t("commands.no_match_help"))
