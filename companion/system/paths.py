"""Where companion keeps things. The one place that knows about folders.

With ``COMPANION_HOME`` (or ``--data-dir``) everything lives under that one folder:
``config.toml``, ``data/``, ``backups/``, ``logs/``. Without it, the platform's usual
places are used (platformdirs). Nothing is resolved or created at import time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "companion"
DIR_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    backup_dir: Path
    log_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def journal_db(self) -> Path:
        return self.data_dir / "journal.db"

    @property
    def activity_db(self) -> Path:
        return self.data_dir / "activity.db"

    @property
    def packs_dir(self) -> Path:
        """The person's own content packs: ``packs/<lang>/<pack>.toml`` (not created
        until something is put there)."""
        return self.data_dir / "packs"

    @property
    def reports_dir(self) -> Path:
        """Incident reports saved as files (plain text, never overwritten)."""
        return self.data_dir / "reports"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "companion.log"

    @property
    def instance_lock(self) -> Path:
        """Held by the running app (one per data folder); it records the app's pid."""
        return self.data_dir / "instance.lock"

    def all_dirs(self) -> tuple[Path, ...]:
        return (self.config_dir, self.data_dir, self.backup_dir, self.log_dir)


def resolve_paths(
    home: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Paths:
    """Work out the folders: an explicit home, then COMPANION_HOME, then platformdirs."""
    env = os.environ if env is None else env
    chosen = home if home is not None else env.get("COMPANION_HOME") or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return Paths(
            config_dir=root,
            data_dir=root / "data",
            backup_dir=root / "backups",
            log_dir=root / "logs",
        )
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=data,
        backup_dir=data / "backups",
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def ensure_dir(path: Path) -> Path:
    """Create a folder (and parents) readable by the owner only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def ensure_dirs(paths: Paths) -> Paths:
    for folder in paths.all_dirs():
        ensure_dir(folder)
    return paths


def display_path(path: Path) -> str:
    """A path as a person reads it: the home folder shortened to ``~``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)
