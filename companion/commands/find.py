"""``companion find WORDS``: search the journal from the shell."""

from __future__ import annotations

import argparse
import json
from typing import Any

from companion.commands.common import BAD_INPUT, CommandFailed, run_guarded, say
from companion.core.journal import EntryError, clean_tag, cut, shown, tags_to_show
from companion.core.journal_search import Query, parse_day
from companion.system.i18n import Strings, format_stamp


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "find", help=t("journal.cli.find"), description=t("journal.cli.find_description")
    )
    parser.add_argument("words", nargs="*", metavar="WORDS", help=t("journal.cli.words"))
    parser.add_argument("--from", dest="start", metavar="DATE", help=t("journal.cli.from"))
    parser.add_argument("--to", dest="end", metavar="DATE", help=t("journal.cli.to"))
    parser.add_argument(
        "--tag", "-t", action="append", default=[], metavar="TAG", help=t("journal.cli.find_tag")
    )
    parser.add_argument("--kind", "-k", metavar="KIND", help=t("journal.cli.find_kind"))
    parser.add_argument("--starred", action="store_true", help=t("journal.cli.starred"))
    parser.add_argument("-n", type=int, metavar="N", dest="limit", help=t("journal.cli.limit"))
    parser.add_argument("--json", action="store_true", help=t("journal.cli.json"))


def kind_id(asked: str, lang: str) -> str:
    """The kind a name stands for (``--kind 想法`` is the thought log), or ``asked``."""
    from companion.services.journal.service import kind_names

    wanted = asked.casefold()
    for kid, names in kind_names(lang).items():
        if wanted in (n.casefold() for n in (kid, *names)):
            return kid
    return asked


def build_query(args: argparse.Namespace, services: Any) -> Query:
    today = services.clock.now().date()
    try:
        return Query(
            words=tuple(w.casefold() for w in " ".join(args.words).split()),
            tags=tuple(clean_tag(tag).casefold() for tag in args.tag),
            kind=kind_id(args.kind, services.strings().lang) if args.kind else None,
            starred=args.starred,
            start=parse_day(args.start, today) if args.start else None,
            end=parse_day(args.end, today) if args.end else None,
        )
    except EntryError as error:
        from companion.services.journal.service import entry_problem

        raise CommandFailed(entry_problem(error, services.strings()), BAD_INPUT) from None


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.services.journal.service import catalogue, kind_name

        if args.limit is not None and args.limit < 1:
            raise CommandFailed(t("journal.cli.bad_limit"), BAD_INPUT)
        query = build_query(args, services)
        kinds = catalogue(t.lang)
        journal = services.journal
        if (
            query.kind
            and query.kind not in kinds
            and not any(e.kind == query.kind for e in journal.entries())
        ):
            raise CommandFailed(
                t("journal.errors.unknown_kind", kind=query.kind, known=", ".join(kinds)),
                BAD_INPUT,
            )
        found = journal.find(query, args.limit)
        if args.json:  # whole entries: only these are decoded
            from companion.store.records import to_doc

            entries = journal.entries_of(found)
            say(json.dumps([to_doc(e) for e in entries], ensure_ascii=False, indent=2))
            return 0
        tz = services.clock.now().tzinfo
        lines = []
        for hit in found:  # each from its search row: no entry decoded
            row = hit.row
            star = "★ " if row.starred else ""
            line = cut(row.line)
            tags = "".join(f" #{tag}" for tag in tags_to_show(line, row.written_tags))
            stamp = format_stamp(hit.moment, tz, t) if hit.moment else shown(row.created_at)
            head = f"{stamp}  {kind_name(row.kind, kinds)}  {star}"
            lines.append(f"{head}{line}{tags}")
        lines.append(t("journal.cli.found", count=str(len(found))))
        say("\n".join(lines))
        return 0

    return run_guarded(args, body, then=("companion.services.journal.service",))
