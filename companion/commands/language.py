"""The language a command speaks: the user's, known before the parser is built so that
``--help`` and every message use it. Shared by the command line and its sub-commands."""

from __future__ import annotations

from companion.services.config.language import configured_language
from companion.system.content import keep_packs_in
from companion.system.i18n import Strings, choose_language
from companion.system.paths import resolve_paths


def strings_for(data_dir: str | None) -> Strings:
    """The user's language from config.toml (or the environment), for ``data_dir``.
    From here on, what config.toml and the packs parse to is kept in its cache folder
    (system/parsed_toml.py), for this run and the next, once companion has been used
    there."""
    paths = resolve_paths(data_dir)
    used = paths.data_dir.is_dir()  # (a first run, `--help`: no folder made for a cache)
    keep_packs_in(paths.cache_dir if used else None)
    language = configured_language(paths.config_file, paths.parsed_config if used else None)
    return Strings(choose_language(language).lang)
