"""The shape of the house, checked: the import-linter contracts in pyproject.toml (the
layers, Textual only in ui, features independent), no mixins on the app, small
modules, and only the command line at the top of the package."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "companion"
MAX_LINES = 420  # "no module over ~400 lines"


def test_the_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    from importlinter.cli import lint_imports

    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "KEPT" in report and "BROKEN" not in report


def test_the_contracts_cover_every_feature() -> None:
    """A new feature package must join the independence contracts, not slip past them."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    contracts = {c["id"]: c for c in config["contracts"]}
    services = {
        m.removeprefix("companion.services.") for m in contracts["services-independent"]["modules"]
    }
    ui_features = {
        name.strip()
        for layer in contracts["ui-layers"]["layers"]
        if "|" in layer
        for name in layer.split("|")
    }
    shared_services = {"container", "config", "messages", "intent", "wipe", "doctor", "drafts"}
    on_disk = {p.stem for p in (PACKAGE / "services").iterdir() if p.suffix == ".py" or p.is_dir()}
    on_disk -= {"__init__", "__pycache__"}
    assert on_disk - shared_services <= services
    ui_shared = {"app", "actions", "shell", "widgets", "privacy", "app.tcss", "__init__"}
    ui_on_disk = {
        p.stem
        for p in (PACKAGE / "ui").iterdir()
        if p.suffix != ".tcss" and p.name != "__pycache__"
    }
    assert ui_on_disk - ui_shared - {"app"} == ui_features


def test_only_the_command_line_sits_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py"]


def test_no_module_is_long() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def _ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE / "ui")], prefix="companion.ui."):
        names.append(info.name)
    return names


def test_no_class_in_ui_has_more_than_one_base_of_ours() -> None:
    """No mixins: a screen may be one of ours plus Textual's, never a stack of ours."""
    crowded = []
    for name in _ui_modules():
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name:
                continue
            ours = [
                b
                for b in cls.__bases__
                if not b.__module__.startswith(("textual", "builtins", "typing"))
            ]
            if len(ours) > 1:
                crowded.append(f"{name}.{cls_name}: {[b.__name__ for b in ours]}")
    assert crowded == []


def test_features_talk_without_probing_each_other() -> None:
    """Parts talk with messages and typed attributes, never ``getattr`` on a screen or
    the app to see whether some hook exists."""
    probes = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                "getattr",
                "hasattr",
            ):
                target = ast.unparse(node.args[0]) if node.args else ""
                if "app" in target or "screen" in target:
                    probes.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert probes == []


def test_the_code_is_lint_clean() -> None:
    """ruff, as configured in pyproject.toml: lint rules and formatting."""
    import subprocess
    import sys

    for args in (["check", "."], ["format", "--check", "."]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
