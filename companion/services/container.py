"""Everything a running companion needs, built once and handed to the UI or a command."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from companion.store.stores import Stores, open_stores
from companion.system.clock import Clock, SystemClock
from companion.system.i18n import LanguageChoice, Strings, choose_language
from companion.system.leftovers import clean_leftovers
from companion.system.paths import Paths, ensure_dirs, resolve_paths

if TYPE_CHECKING:
    from companion.packs.library import Library
    from companion.services.calm import Calm
    from companion.services.care import Care
    from companion.services.config import LoadedConfig, Settings
    from companion.services.config.language import LanguageSetting
    from companion.services.drafts import Drafts
    from companion.services.incident import Incidents
    from companion.services.insights.service import InsightsService
    from companion.services.journal.service import Journal
    from companion.services.practice import Practice
    from companion.services.routine import ShiftRoutine


class Services:
    # A plain class: defining a dataclass costs a millisecond of every start.
    def __init__(
        self,
        paths: Paths,
        clock: Clock,
        stores: Stores,
        env: Mapping[str, str] | None = None,
        forced_lang: str | None = None,
        loaded_config: LoadedConfig | None = None,
    ) -> None:
        self.paths, self.clock, self.stores = paths, clock, stores
        self.env: Mapping[str, str] = {} if env is None else env
        self.forced_lang = forced_lang
        self.loaded_config = loaded_config  # config.toml, once read (see config)
        self._language_setting: LanguageSetting | None = None  # its language alone, once read

    @property
    def config(self) -> LoadedConfig:
        """config.toml, read on first use: ``companion note`` needs only the language,
        and building every setting's parser would cost more than the note."""
        if self.loaded_config is None:
            from companion.services.config import load_config

            self.loaded_config = load_config(self.paths.config_file, self.paths.parsed_config)
        return self.loaded_config

    @config.setter
    def config(self, value: LoadedConfig) -> None:
        self.loaded_config = value

    def language_setting(self) -> LanguageSetting:
        """config.toml's language, read alone (and once: a command asks for its words
        several times), and whether the file let the reader down."""
        if self._language_setting is None:
            from companion.services.config.language import language_setting

            self._language_setting = language_setting(
                self.paths.config_file, self.paths.parsed_config
            )
        return self._language_setting

    def language(self) -> LanguageChoice:
        if self.forced_lang:
            return LanguageChoice(self.forced_lang, "test")
        if self.loaded_config is None:  # the same answer, without reading every setting
            return choose_language(self.language_setting().value, self.env)
        return choose_language(self.loaded_config.settings.language, self.env)

    def strings(self) -> Strings:
        return Strings(self.language().lang)

    @functools.cached_property
    def journal(self) -> Journal:
        """Private writing: checked writes, search, drafts (built on first use)."""
        from companion.services.journal.service import Journal

        return Journal(self.stores, self.clock)

    @functools.cached_property
    def drafts(self) -> Drafts:
        """Unsaved input of any screen, kept under its stable origin name."""
        from companion.services.drafts import Drafts

        return Drafts(self.stores, self.clock)

    @functools.cached_property
    def calm(self) -> Calm:
        """What breathing and SOS keep (built on first use)."""
        from companion.services.calm import Calm

        return Calm(self.stores)

    @functools.cached_property
    def care(self) -> Care:
        """When to offer the help lines (at most once a day)."""
        from companion.services.care import Care

        return Care(self.stores, self.clock, self.journal)

    @functools.cached_property
    def incidents(self) -> Incidents:
        """Private notes of abusive contacts (in the journal) and their reports."""
        from companion.services.incident import Incidents

        return Incidents(self.journal, self.clock, self.paths.reports_dir)

    @functools.cached_property
    def routine(self) -> ShiftRoutine:
        """The energy station and release: when to offer them; answers to the journal."""
        from companion.services.routine import ShiftRoutine

        return ShiftRoutine(self.stores, self.clock, self.settings, self.journal)

    @functools.cached_property
    def insights(self) -> InsightsService:
        """What helps, in figures (the app's Insights and ``companion stats``)."""
        from companion.services.insights.service import insights_for

        return insights_for(self)

    @functools.cached_property
    def practice(self) -> Practice:
        """Reframes and the practice room (built on first use: not needed at start-up)."""
        from companion.services.practice import Practice

        return Practice(self.stores, self.clock, journal=self.journal)

    @functools.cached_property
    def library(self) -> Library:
        """The content screens show: the built-in packs and the person's own after them."""
        from companion.packs.library import Library

        return Library(self.paths.packs_dir)

    def settings(self) -> Settings:
        """The settings as they are now (the app replaces its config when they change)."""
        return self.config.settings


def build_services(
    home: str | os.PathLike[str] | None = None,
    clock: Clock | None = None,
    env: Mapping[str, str] | None = None,
    lang: str | None = None,
    move_damaged: bool = True,
    activity_when_used: bool = False,
) -> Services:
    """``move_damaged=False`` for commands: a damaged store is left where it is;
    ``activity_when_used``: see open_stores."""
    env = dict(os.environ if env is None else env)
    paths = ensure_dirs(resolve_paths(home, env))
    clean_leftovers(paths)  # a killed write's temp file may hold a plain copy
    clock = clock or SystemClock()
    return Services(
        paths=paths,
        clock=clock,
        stores=open_stores(
            paths, clock, move_damaged=move_damaged, activity_when_used=activity_when_used
        ),
        env=env,
        forced_lang=lang,
    )
