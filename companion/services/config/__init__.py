"""Settings <-> ``config.toml``.

Each setting is declared once (``fields.FIELDS``) with its parser (``parse``;
``patterns`` for [[breathing.pattern]], ``keys`` for [keys]); ``load`` reads the file
and collects every problem, ``save`` writes a changed setting back keeping the person's
comments. What callers use is here.
"""

from companion.services.config.load import (
    ConfigNotWritable,
    ConfigProblem,
    LoadedConfig,
    load_config,
)
from companion.services.config.parse import BadValue
from companion.services.config.parse import duration as read_duration
from companion.services.config.save import save_settings
from companion.services.config.settings import Settings

__all__ = [
    "BadValue",
    "ConfigNotWritable",
    "ConfigProblem",
    "LoadedConfig",
    "Settings",
    "load_config",
    "read_duration",
    "save_settings",
]
