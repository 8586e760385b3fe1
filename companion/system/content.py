"""Content packs: every sentence a user reads, per language, in ``content/<lang>/*.toml``.

The packs live at the repository root and are copied into the wheel as
``companion/content``; ``content_root`` finds them in either place. Loading validates:
a broken file is reported with its path and the key at fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from companion.system.parsed_toml import parse_toml

DEFAULT_LANGUAGE = "en"
_kept_in: Path | None = None  # see keep_packs_in


class ContentError(Exception):
    def __init__(self, file: Path, key: str, reason: str) -> None:
        where = f"{file}: {key}" if key else str(file)
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.key = key
        self.reason = reason


@cache
def content_root() -> Path:
    """The content folder of an installed wheel, or of a source checkout (found once:
    every pack and string lookup asks)."""
    package = Path(__file__).resolve().parent.parent  # companion/
    for candidate in (package / "content", package.parent / "content"):
        if (candidate / DEFAULT_LANGUAGE / "ui.toml").is_file():
            return candidate
    raise ContentError(package / "content", "", "content packs are missing from this install")


def available_languages(root: Path | None = None) -> tuple[str, ...]:
    """Languages with a ui.toml, English first."""
    root = root or content_root()
    found = sorted(p.name for p in root.iterdir() if (p / "ui.toml").is_file())
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE))


def iter_leaves(node: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from iter_leaves(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_leaves(value, f"{prefix}[{index}]")
    else:
        yield prefix, node


def keep_packs_in(folder: Path | None) -> None:
    """Keep each pack's parse in ``folder`` (Paths.cache_dir), so the next
    command reads it as JSON (system/parsed_toml.py); None, the default: parse each
    time. The installed packs only: a pack from another ``root`` is parsed each time."""
    global _kept_in
    _kept_in = folder


@cache
def load_pack(lang: str, name: str, root: Path | None = None) -> dict[str, Any]:
    """Parse ``content/<lang>/<name>.toml``; every text in it must be non-empty."""
    path = (root or content_root()) / lang / f"{name}.toml"
    kept = None
    if root is None and _kept_in is not None:
        kept = _kept_in / f"content.{lang}.{name.replace('/', '.')}.json"
    try:
        data = parse_toml(path.read_text("utf-8"), kept)
    except FileNotFoundError as error:
        raise ContentError(path, "", "file not found") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, "", f"cannot read: {error}") from error
    except (ValueError, RecursionError) as error:  # (tomllib.TOMLDecodeError is a ValueError)
        raise ContentError(path, "", f"not valid TOML: {error}") from error
    for key, value in iter_leaves(data, ""):
        if isinstance(value, str) and not value.strip():
            raise ContentError(path, key, "empty text")
    return data


def pack_names(lang: str = DEFAULT_LANGUAGE, root: Path | None = None) -> list[str]:
    """Every pack of a language, as names for load_pack: "ui", "ui/breaks", "activities"."""
    folder = (root or content_root()) / lang
    return sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.toml"))


def _flat_texts(lang: str, name: str, prefix: str, root: Path | None) -> dict[str, str]:
    """One UI file's sentences as dotted keys; every entry must be text."""
    folder = (root or content_root()) / lang
    flat: dict[str, str] = {}
    for key, value in iter_leaves(load_pack(lang, name, root), prefix):
        if not isinstance(value, str):
            raise ContentError(folder / f"{name}.toml", key, "every UI entry must be text")
        flat[key] = value
    return flat


def section_of(key: str) -> str:
    """The first part of a dotted key: "breaks.screen.title" -> "breaks"."""
    return key.split(".", 1)[0]


@cache
def _shell_sections(lang: str, root: Path | None = None) -> dict[str, dict[str, str]]:
    """``ui.toml``'s sentences, grouped by the first part of their key."""
    groups: dict[str, dict[str, str]] = {}
    for key, value in _flat_texts(lang, "ui", "", root).items():
        groups.setdefault(section_of(key), {})[key] = value
    return groups


@cache
def _feature_names(lang: str, root: Path | None = None) -> frozenset[str]:
    folder = (root or content_root()) / lang / "ui"
    return frozenset(p.stem for p in folder.glob("*.toml"))


def check_language(lang: str, root: Path | None = None) -> None:
    """A language's folder must hold ``ui.toml`` (what ``available_languages`` looks
    for): told when Strings are made, not at the first sentence."""
    path = (root or content_root()) / lang / "ui.toml"
    if not path.is_file():
        raise ContentError(path, "", "file not found")


@cache
def strings_in(lang: str, section: str, root: Path | None = None) -> dict[str, str]:
    """The UI sentences whose key starts with ``section`` ("breaks" -> "breaks.…"), as
    ``load_strings`` has them, reading only the one file that holds them:
    ``ui/<section>.toml`` when there is one (a section with a file of its own is only
    there), else ``ui.toml``. A lookup needs one section, so a command that prints a
    sentence does not parse every pack."""
    if section in _feature_names(lang, root):
        return _flat_texts(lang, f"ui/{section}", section, root)
    return _shell_sections(lang, root).get(section, {})


@cache
def load_strings(lang: str, root: Path | None = None) -> dict[str, str]:
    """The UI's sentences flattened to dotted keys.

    ``ui.toml`` holds the shell's strings ({"home.title": "…"}); each feature keeps its
    own in ``ui/<feature>.toml``, whose keys get the feature's name in front
    (``ui/breaks.toml`` [screen] title -> "breaks.screen.title"), and ui.toml holds
    none of that feature's keys (so a lookup reads one file: ``strings_in``).
    """
    folder = (root or content_root()) / lang
    files = [("ui", "")] + [
        (f"ui/{p.stem}", p.stem) for p in sorted((folder / "ui").glob("*.toml"))
    ]
    features = _feature_names(lang, root)
    flat: dict[str, str] = {}
    for name, prefix in files:
        for key, value in _flat_texts(lang, name, prefix, root).items():
            if not prefix and section_of(key) in features:  # (strings_in reads one file)
                reason = f"{section_of(key)}'s strings belong in ui/{section_of(key)}.toml"
                raise ContentError(folder / f"{name}.toml", key, reason)
            if key in flat:
                raise ContentError(folder / f"{name}.toml", key, "this key is defined twice")
            flat[key] = value
    return flat
