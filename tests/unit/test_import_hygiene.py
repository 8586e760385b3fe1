"""The core and the store never import Textual; commands that don't open the app don't
either, so they start fast."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import companion

PACKAGE = Path(companion.__file__).parent
TEXTUAL_FREE = ("core", "store")


def loaded_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(result.stdout.split())


def test_core_and_store_load_no_textual() -> None:
    modules = loaded_modules(
        "import pkgutil, importlib, companion.core, companion.store\n"
        "for pkg in (companion.core, companion.store):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')"
    )
    assert "companion.store.storage" in modules
    assert not {m for m in modules if m == "textual" or m.startswith(("textual.", "companion.ui"))}


def test_sources_of_core_and_store_do_not_import_textual_or_ui() -> None:
    offenders = []
    for folder in TEXTUAL_FREE:
        for source in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text("utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    if name.split(".")[0] == "textual" or name.startswith("companion.ui"):
                        offenders.append(f"{source.name}: {name}")
    assert offenders == []


def test_version_and_doctor_do_not_import_textual(tmp_path: Path) -> None:
    for argv in (["--version"], ["doctor"], ["--help"]):
        modules = loaded_modules(
            "from companion.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass",
            env={"COMPANION_HOME": str(tmp_path / "h")},
        )
        assert "companion.cli" in modules
        assert "textual" not in modules, argv


def test_no_import_time_side_effects(tmp_path: Path) -> None:
    home = tmp_path / "h"
    loaded_modules(
        "import companion.cli, companion.ui.app, companion.services.doctor.report",
        env={"COMPANION_HOME": str(home)},
    )
    assert not home.exists()


def command_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("companion.commands.")}


@pytest.mark.parametrize(
    ("argv", "commands"),
    [
        (["note", "a hard chat"], {"note", "common", "unlocking", "language", "parsing"}),
        (["find", "chat"], {"find", "common", "unlocking", "language", "parsing"}),
    ],
)
def test_note_and_find_import_only_what_they_use(
    tmp_path: Path, argv: list[str], commands: set[str]
) -> None:
    """The import list of the two commands typed between chats: their own module and
    its helpers, never the other sub-commands, the UI, encryption or the importers."""
    modules = loaded_modules(
        f"from companion.cli import main\nmain({argv!r})",
        env={"COMPANION_HOME": str(tmp_path / "h")},
    )
    assert command_modules(modules) == {f"companion.commands.{c}" for c in commands}
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich", "plyer")}
    unused = ("companion.ui", "companion.store.encryption", "companion.store.crypto")
    unused += ("companion.packs", "companion.services.journal.export")  # practice packs
    # Neither builds the record types of breaks, breathing or practice, nor the intent
    # of a command that opens the app.
    unused += ("companion.store.activity_records", "companion.store.practice_records")
    unused += ("companion.services.intent",)
    assert not {m for m in modules if m.startswith(unused)}
    assert "companion.services.journal.importing" not in modules
    # Only the language is read from config.toml, not every setting's parser.
    config = {m for m in modules if m.startswith("companion.services.config.")}
    assert config == {"companion.services.config.language"}
    # Standard modules that cost milliseconds and that neither needs (issue 17): temp
    # files are named by atomic.py, ids made from os.urandom, argparse measures the
    # terminal with os, small stores go through json (orjson imports uuid and platform).
    assert {"tempfile", "shutil", "uuid", "platform", "random"} & modules == set()
    # A plain journal is never asked for its passphrase: getpass (and termios) stay out;
    # a search file is labelled with zlib's checksums, not hashlib's (OpenSSL, ~5 ms).
    assert {"getpass", "hashlib"} & modules == set()
    if argv[0] == "find":  # reads search files: no store to encode
        assert "orjson" not in modules
        # It lists its hits from their search rows: no entry is decoded, so neither the
        # record types nor dataclasses (with inspect, ~10 ms) are loaded, nor drafts'.
        records = {"companion.store.records", "companion.store.schema", "dataclasses"}
        assert records & modules == set()
        # Nor TinyDB: no store's tables are used (importing it is ~3 ms).
        assert not {m for m in modules if m.split(".")[0] == "tinydb"}


def test_the_app_starts_without_the_sub_commands_or_the_screens(tmp_path: Path) -> None:
    """Plain ``companion``, up to the app's first frame: no sub-command is imported, and
    of each feature only its flow (its screens load when first opened)."""
    modules = loaded_modules(
        "import companion.ui.app as app\n"
        "app.CompanionApp.run = lambda self, *args, **kwargs: None\n"
        "from companion.cli import main\nmain([])",
        env={"COMPANION_HOME": str(tmp_path / "h")},
    )
    assert "companion.services.container" in modules  # it did get as far as the app
    assert command_modules(modules) == {"companion.commands.language", "companion.commands.parsing"}
    shared = ("shell", "widgets", "privacy", "breaks", "actions", "app")  # from the start
    screens = {
        m
        for m in modules
        if m.startswith("companion.ui.")
        and m.split(".")[2] not in shared
        and m.count(".") > 2
        and not m.endswith(".flow")
    }
    assert screens == set()
    assert "companion.store.encryption" not in modules  # a plain journal: no crypto
    # Home has no text field: the editor widget (TextArea and its document model, ~15
    # ms) loads with the first screen that has one.
    assert "textual.document" not in modules and "shlex" not in modules
    # The breathing rules (three dataclasses) load with the first breath, or with a
    # config.toml that has patterns of its own, not with every start.
    assert "companion.core.breathing" not in modules
    assert "companion.services.config.patterns" not in modules
    # Home's first frame reads no entry: the journal's record types and repositories
    # load after it (with today's figures) or when the journal opens.
    assert "companion.store.schema" not in modules
    assert "companion.store.entry_repo" not in modules
    # What Home does not draw loads after the first frame or when first used (issue 17):
    # the glance's services, insights, the practice room's rules, the pack library, the
    # desktop's idle readers, autostart, and the journal's search.
    later = {
        "companion.services.journal.service",
        "companion.services.practice",
        "companion.services.routine",
        "companion.core.insights",
        "companion.core.drills",
        "companion.packs.library",
        "companion.system.idle",
        "companion.system.autostart",
        "companion.store.search_cache",
    }
    assert later & modules == set()


# Counts the typing.ForwardRef made by companion's modules while the code runs: each is
# a compile() of a NamedTuple's field written as text (the first ~2 ms, see core/journal).
FORWARD_REFS = """
import sys, typing
made = []
_init = typing.ForwardRef.__init__
def counting(self, *args, **kwargs):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.endswith("typing.py"):
        frame = frame.f_back
    if frame is not None and "companion" in frame.f_globals.get("__name__", ""):
        made.append(frame.f_globals["__name__"])
    _init(self, *args, **kwargs)
typing.ForwardRef.__init__ = counting
"""


@pytest.mark.parametrize("argv", [["note", "a hard chat"], ["find", "chat"]])
def test_a_note_or_a_find_compiles_no_field_of_a_named_tuple(
    tmp_path: Path, argv: list[str]
) -> None:
    """Every NamedTuple on the way is made from real types, not text: the first
    compile() of a process costs ~2 ms (Python builds its syntax tree types), each
    further field ~20 µs."""
    code = f"from companion.cli import main\nmain({argv!r})\nprint(f'forward-refs={{len(made)}}')"
    modules = loaded_modules(FORWARD_REFS + code, {"COMPANION_HOME": str(tmp_path / "h")})
    assert "forward-refs=0" in modules


@pytest.mark.parametrize("argv", [["note", "a hard chat"], ["find", "chat"]])
def test_a_note_or_a_find_reads_no_toml_once_companion_is_used(
    tmp_path: Path, argv: list[str]
) -> None:
    """Once companion has been used in a folder, config.toml and the packs a command
    prints from come from their kept parse (system/parsed_toml.py): tomllib, ~5 ms to
    import, is not loaded."""
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n', "utf-8")
    env = {"COMPANION_HOME": str(home)}
    code = f"from companion.cli import main\nmain({argv!r})"
    assert "tomllib" in loaded_modules(code, env)  # a first run: the data folder is made
    loaded_modules(code, env)  # and its parse kept
    assert "tomllib" not in loaded_modules(code, env)
