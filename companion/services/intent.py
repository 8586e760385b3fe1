"""What the app should open at start-up, when a sub-command asks for more than Home.

``companion breathe`` starts the app with ``StartIntent("breathe", {...})``: the app
runs ``action_breathe(**arguments, exit_when_done=True)`` once Home is up, so no screen
is special-cased in the start-up code and any action can be a start-up intent.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple


class StartIntent(NamedTuple):
    action: str  # an app action's name, without "action_"
    arguments: Mapping[str, Any] = MappingProxyType({})
    exit_when_done: bool = True  # close the app when what it opened is finished
    # May open while companion already runs for this data folder (a breathing session
    # from the shell beside the app that opened at login)...
    may_run_beside: bool = False
    # ...and does: then it only does what was asked, and leaves the break rhythm, the
    # welcome and start-up questions to the app that is already open.
    beside: bool = False
