"""Writing a changed setting back into config.toml with tomlkit, so a person's comments
and layout survive. A file that could not be read is never written over: saving
refuses and says why."""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.services.config.fields import FIELDS
from companion.services.config.load import ConfigNotWritable, ConfigProblem, LoadedConfig
from companion.system.atomic import write_atomic
from companion.system.paths import ensure_dir


def save_settings(loaded: LoadedConfig, **changes: Any) -> LoadedConfig:
    """Write only the changed keys into the user's file, keeping everything else."""
    import tomlkit

    if not loaded.readable:
        raise ConfigNotWritable(loaded.problems[0])
    specs = {spec.attr: spec for spec in FIELDS}
    path = loaded.path
    try:
        doc = tomlkit.parse(path.read_text("utf-8-sig")) if path.exists() else tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        # Someone edited it since we loaded it, and it no longer parses: leave it alone.
        line = getattr(error, "line", None)
        raise ConfigNotWritable(
            ConfigProblem(path, "syntax", line=line, detail={"reason": str(error)})
        ) from error
    except (RecursionError, ValueError) as error:  # nested too deeply for the writer
        raise ConfigNotWritable(ConfigProblem(path, "too_complex")) from error
    for attr, value in changes.items():
        spec = specs[attr]
        spec.parse(spec.dump(value))  # refuse to write what we could not read back
        *parents, leaf = spec.key.split(".")
        node = doc
        for part in parents:
            if part not in node:
                node[part] = tomlkit.table()
            node = node[part]
        node[leaf] = spec.dump(value)
    ensure_dir(path.parent, own=False)  # the settings folder may be one the person named
    write_atomic(path, tomlkit.dumps(doc).encode("utf-8"))
    settings = dataclasses.replace(loaded.settings, **changes)
    fixed = {specs[a].key for a in changes}
    problems = tuple(p for p in loaded.problems if p.key not in fixed)
    return LoadedConfig(path, settings, problems, readable=True)
