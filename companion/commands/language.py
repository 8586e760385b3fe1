"""The language a command speaks: the user's, known before the parser is built so that
``--help`` and every message use it. Shared by the command line and its sub-commands."""

from __future__ import annotations

from companion.services.config.language import configured_language
from companion.system.i18n import Strings, choose_language
from companion.system.paths import resolve_paths


def strings_for(data_dir: str | None) -> Strings:
    """The user's language from config.toml (or the environment), for ``data_dir``."""
    paths = resolve_paths(data_dir)
    return Strings(choose_language(configured_language(paths.config_file)).lang)
