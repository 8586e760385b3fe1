"""What commands leave for the running app's break rhythm, in activity.db: contacts
marked (``companion contact``) and the last do-not-disturb request (``companion dnd``).

A command only writes here; it never touches the rhythm's state, which belongs to the
app that runs it (or, while none runs, to the next one that starts). The app looks at
the file's identity every few seconds and takes in what it has not seen yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from companion.store.activity_records import Contact
from companion.store.ids import new_id
from companion.store.records import from_doc, stamp
from companion.store.stores import Stores

DND_REQUEST = "breaks.dnd_request"


class DndRequest(NamedTuple):
    id: str
    until: datetime | None  # None: do not disturb off
    at: datetime  # when it was asked


def ask_dnd(stores: Stores, at: datetime, until: datetime | None) -> DndRequest:
    """Leave a do-not-disturb request for the app (the newest one wins)."""
    request = DndRequest(new_id(), until, at)
    value = {"id": request.id, "until": stamp(until) if until else None, "at": stamp(at)}
    stores.state.set(DND_REQUEST, value)
    return request


def dnd_request(stores: Stores) -> DndRequest | None:
    """The last request, or None (none made, or not readable: it is then ignored)."""
    value: Any = stores.state.get(DND_REQUEST)
    try:
        until = value["until"]
        return DndRequest(
            str(value["id"]),
            _aware(until) if until is not None else None,
            _aware(value["at"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def mark_contact(stores: Stores, rough: bool, source: str) -> Contact:
    """A chat just ended; durable when this returns."""
    return stores.contacts.add(rough=rough, source=source)


def contacts_since(stores: Stores, start: datetime) -> list[Contact]:
    """Contacts marked at or after ``start``, oldest first (odd documents are skipped).
    Only the recent ones are decoded: a year of contacts costs a date parse each."""
    found = []
    for doc in stores.contacts.docs().values():
        try:
            if _aware(doc["created_at"]) < start:
                continue
            contact = from_doc(Contact, dict(doc))
        except (KeyError, TypeError, ValueError):
            continue
        found.append(contact)
    return sorted(found, key=lambda c: c.created_at)


def _aware(text: Any) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return moment
