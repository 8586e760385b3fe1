"""Settings <-> ``config.toml``.

Each setting is declared once (``fields.FIELDS``) with its parser (``parse``;
``patterns`` for [[breathing.pattern]], ``keys`` for [keys]); ``load`` reads the file
and collects every problem, ``save`` writes a changed setting back keeping the person's
comments; ``language`` reads only the language (what ``companion note`` needs). What
callers use is here, each module imported when one of its names is first asked for:
building every setting's parser costs more than a short command's whole work.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "BadValue": ("parse", "BadValue"),
    "ConfigNotWritable": ("load", "ConfigNotWritable"),
    "ConfigProblem": ("load", "ConfigProblem"),
    "LoadedConfig": ("load", "LoadedConfig"),
    "Settings": ("settings", "Settings"),
    "load_config": ("load", "load_config"),
    "read_duration": ("parse", "duration"),
    "save_settings": ("save", "save_settings"),
}

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


def __getattr__(name: str) -> Any:
    try:
        module, attr = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value
    return value
