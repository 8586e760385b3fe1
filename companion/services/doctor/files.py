"""Doctor's look at the files inside companion's folders: each one should be readable
by its owner only (0600). A file that others or the group can read is a problem, with
the ``chmod`` that fixes it; many files of one kind share one line.

Read-only, one ``stat`` per file. On systems without POSIX modes (Windows) nothing is
checked, as for the folders.
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from companion.store.health import QUARANTINE_MARK
from companion.store.segments import FOLDER
from companion.system.atomic import real_target
from companion.system.i18n import Strings
from companion.system.paths import Paths

LIST_AT_MOST = 2  # more open files of one kind than this get one folder-wide fix


@dataclass(frozen=True)
class Kind:
    """Files of one kind: ``pattern`` in ``folder`` (None: list each file in the fix)."""

    name: str  # doctor.kind_<name> is its plural in the user's language
    folder: Path
    pattern: str | None


@dataclass
class FileModes:
    checked: int = 0
    open: dict[Kind, list[tuple[Path, int]]] = field(default_factory=dict)  # kind -> files


def kinds(paths: Paths) -> list[Kind]:
    """The kinds of file companion keeps, folder by folder (the journal's own folder and
    its backups' too); the settings file is checked with the folders."""
    journal, journal_backups = paths.data_dir / FOLDER, paths.backup_dir / FOLDER
    return [
        Kind("data", paths.data_dir, None),
        Kind("set_aside", paths.data_dir, f"*{QUARANTINE_MARK}*"),
        Kind("data", journal, None),
        Kind("set_aside", journal, f"*{QUARANTINE_MARK}*"),
        Kind("backups", paths.backup_dir, "*.db"),
        Kind("backups", journal_backups, "*.db"),
        Kind("logs", paths.log_dir, "*"),
    ]


def kind_of(name: str, folder: Path, paths: Paths) -> Kind:
    here = [k for k in kinds(paths) if k.folder == folder]
    if any(k.name == "set_aside" for k in here):
        return here[1] if QUARANTINE_MARK in name else here[0]
    return here[0]


def entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:  # missing, or not ours to list: the folder line says so
        return []


def file_modes(paths: Paths) -> FileModes:
    """Every file in companion's folders and, by kind, those others can read."""
    result = FileModes()
    folders = dict.fromkeys(k.folder for k in kinds(paths))
    for folder in folders:
        for entry in entries(folder):
            try:
                if not entry.is_file():
                    continue
                mode = stat.S_IMODE(entry.stat().st_mode)
            except OSError:
                continue
            result.checked += 1
            if mode & 0o077:
                kind = kind_of(entry.name, folder, paths)
                # A link's fix names where it points: chmod through a link is unseen.
                path = real_target(Path(entry.path))
                result.open.setdefault(kind, []).append((path, mode))
    return result


def glob_fits(kind: Kind, files: list[Path]) -> bool:
    """True when ``chmod 600 folder/pattern`` reaches every one of ``files`` (the shell
    leaves out names starting with a dot) and touches files only, never a folder."""
    if kind.pattern is None or any(path.name.startswith(".") for path in files):
        return False
    return all(
        entry.is_file() for entry in entries(kind.folder) if fnmatch(entry.name, kind.pattern)
    )


def fix_targets(kind: Kind, files: list[Path]) -> str:
    if len(files) > LIST_AT_MOST and glob_fits(kind, files):
        return f"{shlex.quote(str(kind.folder))}/{kind.pattern}"
    return shlex.join(str(path) for path in sorted(files))


def file_lines(paths: Paths, t: Strings, posix: bool | None = None) -> tuple[list[str], int]:
    """Doctor's lines about the files (marked "!" when open) and how many need action."""
    if not (os.name == "posix" if posix is None else posix):
        return [], 0
    modes = file_modes(paths)
    if not modes.checked:
        return [], 0
    if not modes.open:
        return [f"  {t('doctor.files_ok', count=str(modes.checked))}"], 0
    lines = []
    for kind in kinds(paths):
        found = modes.open.get(kind)
        if not found:
            continue
        files = [path for path, _ in found]
        shown = ", ".join(sorted({oct(mode)[2:] for _, mode in found}))
        if len(found) == 1:
            note = t(
                "doctor.permissions_open", mode=shown, fix="600", path=fix_targets(kind, files)
            )
            lines.append(f"! {files[0]}  {note}")
            continue
        text = t(
            "doctor.files_open",
            count=str(len(found)),
            kind=t(f"doctor.kind_{kind.name}"),
            mode=shown,
            paths=fix_targets(kind, files),
        )
        lines.append(f"! {text}")
    return lines, len(lines)
