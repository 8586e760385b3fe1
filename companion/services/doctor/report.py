"""``companion doctor``: a read-only check of everything that can go wrong, in the
user's language, each problem with a one-line fix. Exit status 1 when something needs
the user's action. Never imports Textual and never changes a file.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import stat
from collections.abc import Mapping
from pathlib import Path

from rich.cells import cell_len

from companion import __version__
from companion.services.config import Settings, load_config
from companion.services.doctor.desktop import Section, desktop_sections, terminal_size
from companion.services.doctor.files import file_lines
from companion.services.doctor.idle import idle_section
from companion.services.doctor.plain_copies import plain_backups, plain_caches
from companion.services.messages import (
    config_problem,
    passphrase_setting,
    shell_command,
    store_name,
)
from companion.store.file_marks import QUARANTINE_MARK
from companion.store.health import (
    BACKUPS_IN_THE_WAY,
    SetAside,
    StoreHealth,
    backup_blocked,
    inspect_store,
    journal_health,
    journal_parts,
    set_aside_files,
)
from companion.store.segments import FOLDER as JOURNAL_FOLDER
from companion.store.stores import ACTIVITY_SCHEMA, JOURNAL_SCHEMA
from companion.store.undecided import read_undecided
from companion.system.atomic import real_target
from companion.system.clock import Clock, SystemClock
from companion.system.i18n import Strings, choose_language
from companion.system.notify import detect_channel, send_desktop
from companion.system.paths import Paths, open_to_others


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _pad(label: str, width: int) -> str:
    return label + " " * max(0, width - cell_len(label))


def _permissions(path: Path, t: Strings, folder: bool = True) -> tuple[str, bool]:
    """How a folder (or the settings file) stands, and whether it needs the person. A
    link is judged by where it points, and a fix names that place: chmod given a link
    changes whatever it points to, unseen."""
    real = real_target(path)
    link = t("doctor.link_to", target=str(real)) + "; " if real != path else ""
    try:
        st = real.stat()
    except FileNotFoundError:
        if link:
            return t("doctor.link_missing", target=str(real)), True
        return t("doctor.missing"), False
    except OSError as error:
        return t("doctor.not_readable", reason=error.strerror or str(error)), True
    is_dir = stat.S_ISDIR(st.st_mode)
    if is_dir != folder:
        return link + t("doctor.not_a_folder" if folder else "doctor.config_is_folder"), True
    mode = stat.S_IMODE(st.st_mode)
    if os.name != "posix" or not mode & 0o077:
        return link + t("doctor.permissions_ok"), False
    fix = "700" if is_dir else "600"
    shown = shlex.quote(str(real))
    return link + t("doctor.permissions_open", mode=oct(mode)[2:], fix=fix, path=shown), True


def store_line(name: str, health: StoreHealth, t: Strings) -> str:
    label = store_name(name, t)
    if health.state == "missing":
        return t("doctor.store_missing", store=label)
    if health.state == "encrypted":
        return t(
            "doctor.store_encrypted",
            store=label,
            size=human_size(health.size),
            backups=str(len(health.backups)),
        )
    if health.state == "corrupt":
        key = "doctor.store_corrupt_locked" if health.encrypted else "doctor.store_corrupt"
        return t(key, store=label, reason=health.reason)
    if health.state == "mixed":
        names = ", ".join(p.name for p in health.odd[:3]) + (" …" if len(health.odd) > 3 else "")
        number = "one" if len(health.odd) == 1 else "other"
        return t(
            f"doctor.store_mixed_{health.reason}_{number}",
            store=label,
            count=str(len(health.odd)),
            files=names,
            folder=str(health.path),
        )
    if health.state == "too_new":
        return t("doctor.store_too_new", store=label, found=str(health.version))
    if health.state == "unreadable":
        return t("doctor.store_unreadable", store=label, reason=health.reason)
    if health.state == "not_a_file":
        target = str(health.target) if health.target else ""
        return t(
            f"doctor.store_not_a_file_{health.reason}",
            store=label,
            path=str(health.path),
            target=target,
        )
    if not health.backups:
        return t(
            "doctor.store_ok_no_backup",
            store=label,
            version=str(health.version),
            size=human_size(health.size),
        )
    return t(
        "doctor.store_ok",
        store=label,
        version=str(health.version),
        size=human_size(health.size),
        backups=str(len(health.backups)),
        newest=health.backups[0].day.isoformat(),
    )


def encryption_line(name: str, health: StoreHealth, t: Strings) -> str | None:
    """For a readable journal, whether it is encrypted and what its envelope says
    without the passphrase. Information only: encryption is the user's choice."""
    if name != "journal":
        return None
    if health.state == "ok":
        return t("doctor.journal_plain", setting=passphrase_setting(t))
    if health.state == "encrypted" and health.kdf is not None:
        return t(
            "doctor.journal_envelope",
            envelope=str(health.envelope),
            log2_n=str(health.kdf.log2_n),
            r=str(health.kdf.r),
            p=str(health.kdf.p),
        )
    return None


def store_healths(paths: Paths, journal: bool = True) -> list[tuple[str, StoreHealth]]:
    """Each store by name, looked at without opening (so nothing is moved aside). Every
    file of a plain journal is read (``journal=False``: not the journal)."""
    found = [
        ("activity", inspect_store(paths.activity_db, paths.backup_dir, ACTIVITY_SCHEMA.version))
    ]
    if journal:
        found.insert(0, ("journal", journal_health(paths, JOURNAL_SCHEMA.version)))
    return found


def set_aside_everywhere(paths: Paths) -> list[SetAside]:
    """Files set aside in the data folder and in the journal's folder (those are the
    journal's, whichever of its files they were)."""
    journal = [
        dataclasses.replace(found, store="journal")
        for folder in (paths.data_dir / JOURNAL_FOLDER, paths.backup_dir / JOURNAL_FOLDER)
        for found in set_aside_files(folder)
    ]
    return set_aside_files(paths.data_dir) + journal


def undecided_parts(paths: Paths) -> list[StoreHealth]:
    """The journal's files set aside with no file in their place yet, each with its
    backups: the app offers the newest until the person chooses."""
    aside = {found.path.name.split(QUARANTINE_MARK)[0] for found in set_aside_everywhere(paths)}
    return [
        health
        for _name, health in journal_parts(paths, JOURNAL_SCHEMA.version)
        if health.state == "missing" and health.path.name in aside
    ]


def missing_after_set_aside(name: str, health: StoreHealth, t: Strings) -> str:
    """No live file because the unreadable one was moved aside (by a command, say):
    the app starts a fresh one, so say how to go back to the newest backup instead."""
    label = store_name(name, t)
    if not health.backups:
        return t("doctor.store_set_aside", store=label)
    newest = health.backups[0]
    copy = "copy" if os.name == "nt" else "cp"
    return t(
        "doctor.store_set_aside_backup",
        store=label,
        newest=newest.day.isoformat(),
        command=shell_command(copy, str(newest.path), str(health.path)),
    )


def undecided_line(name: str, health: StoreHealth, t: Strings) -> str | None:
    """The app asked "restore the backup or start fresh?" and nobody has answered yet:
    it asks again at each start (what was written since is kept either way)."""
    question = read_undecided(health.path)
    if question is None or not health.backups:
        return None
    named = [b for b in health.backups if b.path.name == question.backup]
    offered = (named or list(health.backups))[0]
    return t("doctor.store_undecided", store=store_name(name, t), date=offered.day.isoformat())


def add_set_aside(report: Section, files: list[SetAside], t: Strings) -> None:
    """Files companion moved aside: private writing, perhaps not encrypted, that
    nothing in companion reads or deletes. Each needs the user's decision."""
    report.lines.append(t("doctor.set_aside"))
    remove = "del" if os.name == "nt" else "rm"
    for found in files:
        store = store_name(found.store, t) if t.has(f"store.{found.store}") else found.store
        form = t("doctor.set_aside_encrypted" if found.encrypted else "doctor.set_aside_plain")
        line = t(
            "doctor.set_aside_file",
            path=str(found.path),
            store=store,
            size=human_size(found.size),
            form=form,
        )
        report.lines.append(f"! {line}")
        report.lines.append(
            f"  {t('doctor.set_aside_fix', command=shell_command(remove, str(found.path)))}"
        )
    report.lines.extend([f"  {t('doctor.set_aside_help')}", ""])
    report.problems += len(files)


def add_desktop_checks(
    report: Section, paths: Paths, settings: Settings, env: Mapping[str, str], t: Strings
) -> None:
    """Opening at login and this terminal (see doctor_desktop.py)."""
    for section in desktop_sections(paths, settings, env, t, terminal_size()):
        if section.lines:
            report.lines.extend([*section.lines, ""])
            report.problems += section.problems


def add_own_packs(report: Section, paths: Paths, t: Strings) -> None:
    """The person's own packs for this language: how many files, and every entry or
    file that was skipped, with its file, key and value."""
    from companion.packs.library import Library, pack_problem

    library = Library(paths.packs_dir)
    own = library.own(t.lang)
    if own.problems:
        value = t("packs.doctor.problems", count=str(len(own.problems)))
    elif own.files:
        value = t("packs.doctor.ok", count=str(len(own.files)))
    else:
        value = t("packs.doctor.none")
    report.lines.append(t("doctor.line", label=t("packs.doctor.title"), value=value))
    report.lines.extend(f"! {pack_problem(problem, t)}" for problem in own.problems)
    if own.files or own.problems:
        report.lines.append(f"  {library.language_folder(t.lang)}")
    report.problems += len(own.problems)


def notify_test_line(env: Mapping[str, str], t: Strings) -> tuple[str, bool]:
    """Send one real notification and say which channel carried it (or why none did)."""
    delivery = send_desktop(t("doctor.notify_test_title"), t("doctor.notify_test_body"), env=env)
    if delivery.ok:
        return t("doctor.notify_test_ok", channel=delivery.channel), True
    code = f"doctor.notify_{delivery.reason}"
    reason = t(code) if t.has(code) else delivery.reason
    if delivery.detail:
        reason = f"{reason}: {delivery.detail}"
    return t("doctor.notify_test_failed", channel=delivery.channel, reason=reason), False


def run_doctor(
    paths: Paths, env: Mapping[str, str], notify_test: bool = False, clock: Clock | None = None
) -> Section:
    loaded = load_config(paths.config_file)
    choice = choose_language(loaded.settings.language, env)
    t = Strings(choice.lang)
    report = Section()
    add = report.lines.append

    add(f"{t('doctor.title')}  {__version__}")
    add("")
    add(t("doctor.paths"))
    folders = [
        *([(t("doctor.given_dir"), paths.given)] if paths.given is not None else []),
        (t("doctor.config_file"), paths.config_file),
        (t("doctor.data_dir"), paths.data_dir),
        (t("doctor.backup_dir"), paths.backup_dir),
        (t("doctor.log_dir"), paths.log_dir),
    ]
    width = max(cell_len(label) for label, _ in folders)
    for label, path in folders:
        note, bad = _permissions(path, t, folder=path != paths.config_file)
        if bad and path == paths.given and (mode := open_to_others(path)) is not None:
            # The person's own folder: never chmod-ed, and no chmod of it is advised. What
            # is inside stays private, so it is said, not counted as needing action.
            suggestion = str(path / "companion")
            note = t("doctor.given_open", mode=oct(mode)[2:], suggestion=suggestion)
            bad = False
        report.problems += bad
        add(f"{'!' if bad else ' '} {_pad(label, width)}  {path}  {note}")
    lines, open_files = file_lines(paths, t)
    report.lines.extend(lines)
    report.problems += open_files
    add("")
    source = (
        t(f"doctor.source_{choice.source}")
        if t.has(f"doctor.source_{choice.source}")
        else choice.source
    )
    language = t("doctor.language_source", lang=t("meta.name"), source=source)
    add(t("doctor.line", label=t("doctor.language"), value=language))
    add("")
    add_desktop_checks(report, paths, loaded.settings, env, t)
    if loaded.problems:
        add(t("doctor.line", label=t("doctor.config"), value=""))
        for problem in loaded.problems:
            mark = " " if problem.code == "unknown_key" else "!"
            add(f"{mark} {config_problem(problem, t)}")
        report.problems += sum(p.code != "unknown_key" for p in loaded.problems)
    else:
        add(t("doctor.line", label=t("doctor.config"), value=t("doctor.config_ok")))
    add_own_packs(report, paths, t)
    add("")
    add(t("doctor.stores"))
    set_aside = set_aside_everywhere(paths) + set_aside_files(paths.backup_dir)
    for name, health in store_healths(paths):
        parts = undecided_parts(paths) if name == "journal" else []
        for part in parts:  # a file of the journal set aside, the choice not made yet
            report.problems += bool(part.backups)
            # Asked at start and not answered yet: the app asks again (no copying by hand).
            asked = undecided_line(name, part, t)
            line = asked if asked is not None else missing_after_set_aside(name, part, t)
            add(f"{'!' if part.backups else ' '} {line}")
        if parts and health.state == "missing":
            continue
        bad = health.needs_action
        line = store_line(name, health, t)
        undecided = undecided_line(name, health, t)
        if undecided is not None:
            line, bad = undecided, True  # the app asks until the person chooses
        elif health.state == "missing" and any(f.store == name for f in set_aside):
            line = missing_after_set_aside(name, health, t)
            bad = bool(health.backups)  # the app asks until the person chooses
        report.problems += bad
        add(f"{'!' if bad else ' '} {line}")
        note = encryption_line(name, health, t)
        if note:
            add(f"    {note}")
        plain = plain_backups(name, health, t) + plain_caches(name, health, t)
        report.problems += len(plain)  # (many: one problem, said once)
        report.lines.extend(f"! {line}" for line in plain)
    reason = backup_blocked(paths, (clock or SystemClock()).now().date())
    if reason == BACKUPS_IN_THE_WAY:
        report.problems += 1
        add(f"! {t(reason, path=str(paths.backup_dir / JOURNAL_FOLDER))}")
    elif reason is not None:
        report.problems += 1
        add(f"! {t('store_problem.backup.doctor', reason=t(reason), path=str(paths.backup_dir))}")
    add("")
    if set_aside:
        add_set_aside(report, set_aside, t)
    channel = detect_channel(env)
    shown = (
        channel.name
        if channel.usable
        else t("doctor.notify_none", reason=t(f"doctor.notify_{channel.reason}"))
    )
    add(t("doctor.line", label=t("doctor.notify"), value=shown))
    if notify_test:
        line, worked = notify_test_line(env, t)
        report.problems += not worked
        add(f"{' ' if worked else '!'} {line}")
    add("")
    report.lines.extend([*idle_section(env, t), ""])
    add(
        t("doctor.needs_action", count=str(report.problems))
        if report.problems
        else t("doctor.all_good")
    )
    return report
