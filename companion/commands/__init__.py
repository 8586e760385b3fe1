"""Sub-commands of ``companion``. Each module here offers:

- ``add_parser(commands, t)``: declare its arguments (help texts from content);
- ``run(args) -> int``: do the work and return the exit status.

They never import Textual, so they start fast; a test checks that.
"""

from __future__ import annotations

# Sub-command name -> module under companion.commands, in the order --help lists them.
COMMANDS: dict[str, str] = {
    "doctor": "doctor",
    "autostart": "autostart",
    "note": "note",
    "find": "find",
    "export": "export",
    "import": "import_entries",
    "breathe": "breathe",
    "contact": "contact",
    "dnd": "dnd",
    "passphrase": "passphrase",
    "wipe": "wipe",
    "stats": "stats",
}
