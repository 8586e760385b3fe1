"""Where companion keeps things. The one place that knows about folders.

With ``COMPANION_HOME`` (or ``--data-dir``) everything lives under that one folder:
``config.toml``, ``data/``, ``backups/``, ``logs/``. Without it, the platform's usual
places are used (platformdirs). Nothing is resolved or created at import time.

Folders companion creates are 0700, and its own folders are kept so. The folder a
person names is theirs: it is created if missing, but an existing one is never chmod-ed
(``--data-dir ~`` must not lock the home folder); ``open_to_others`` says whether it
lets others look in, so companion can warn.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from companion.core.journal import shown

APP_NAME = "companion"
DIR_MODE = 0o700
FILE_MODE = 0o600


class Paths(NamedTuple):
    config_dir: Path
    data_dir: Path
    backup_dir: Path
    log_dir: Path
    given: Path | None = None  # the folder the person named (COMPANION_HOME, --data-dir)

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
    def export_dir(self) -> Path:
        """Where the app's Export writes (inside the data folder: private, and wiped)."""
        return self.data_dir / "exports"

    @property
    def packs_dir(self) -> Path:
        """The person's own content packs: ``packs/<lang>/<pack>.toml`` (not created
        until something is put there)."""
        return self.data_dir / "packs"

    @property
    def cache_dir(self) -> Path:
        """What is made again when it is missing (parsed TOML: system/parsed_toml.py),
        never the person's words: ``cache`` in the folder named, else the system's
        cache folder. Made when first written to, once the data folder is there."""
        if self.given is not None:
            return self.given / "cache"
        import platformdirs

        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))

    @property
    def parsed_config(self) -> Path:
        return self.cache_dir / "config.json"

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
        expanded = os.path.expanduser(chosen)
        if expanded.startswith("~"):  # ~name of no user here (pathlib would raise)
            raise FolderProblem(Path(chosen), "unknown_home")
        root = Path(expanded).absolute()
        return Paths(
            config_dir=root,
            data_dir=root / "data",
            backup_dir=root / "backups",
            log_dir=root / "logs",
            given=root,
        )
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=data,
        backup_dir=data / "backups",
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


class FolderProblem(OSError):
    """A folder companion needs could not be had: something that is not a folder is in
    its place ("not_a_folder"), it could not be created ("cannot_create"), or it was
    named after the home of a user this computer does not have ("unknown_home": ~name)."""

    def __init__(self, path: Path, what: str, reason: str = "") -> None:
        super().__init__(errno.ENOTDIR if what == "not_a_folder" else errno.EACCES, reason)
        self.path = path
        self.what = what
        self.reason = reason


def ensure_dir(path: Path, own: bool = True) -> Path:
    """Create a folder (and its parents), readable by the owner only. An ``own`` folder
    (one of companion's) that exists is made private again; another (the folder the
    person named) is left as it is. Raises FolderProblem."""
    created = _make(path)
    if (own or created) and os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def _make(path: Path) -> list[Path]:
    """Create ``path`` and any missing parents, 0700; returns those created."""
    missing = []
    probe = path
    while not _is_folder(probe):
        if probe.exists() or probe.is_symlink() or probe.parent == probe:
            raise FolderProblem(probe, "not_a_folder")
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise FolderProblem(folder, "not_a_folder") from None
            continue  # made by another process meanwhile
        except OSError as error:
            raise FolderProblem(folder, "cannot_create", error.strerror or str(error)) from error
        if os.name == "posix":
            folder.chmod(DIR_MODE)  # the umask may have taken bits off
    return missing


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as error:  # a parent that may not be looked in (EACCES)
        raise FolderProblem(path, "cannot_create", error.strerror or str(error)) from error


def ensure_dirs(paths: Paths) -> Paths:
    for folder in paths.all_dirs():
        ensure_dir(folder, own=folder != paths.given)
    return paths


def open_to_others(folder: Path) -> int | None:
    """The mode of ``folder`` if others (group or world) may look in it, else None."""
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def display_path(path: Path) -> str:
    """A path as a person reads it: the home folder shortened to ``~``, and any control
    character in a name shown as a symbol (a name may hold an escape sequence)."""
    try:
        return shown("~/" + path.relative_to(Path.home()).as_posix())
    except ValueError:
        return shown(str(path))
