"""The language setting read alone (what a short command needs) agrees with the full
load of config.toml, whatever the file holds; and the config package imports each of
its modules only when one of its names is asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import companion.services.config as config
from companion.services.config import load_config
from companion.services.config.language import configured_language
from companion.services.container import build_services
from tests.unit.test_import_hygiene import loaded_modules

FILES = [
    'language = "zh"\n',
    'language = "en"\n',
    'language = "auto"\n',
    'language = "fr"\n',
    'language = "ZH"\n',
    "language = 3\n",
    '\ufefflanguage = "zh"\n',
    'language = "zh"\ntheme = "nope"\n[breaks]\nevery = "forever"\n',
    'language = "zh"\nbreaks = 5\nunknown = 1\n',
    'language = "zh"\n[[breaks\n',
    'language = "zh"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
    "[language]\nvalue = 'zh'\n",
    "",
]


@pytest.mark.parametrize("text", FILES)
def test_the_language_alone_is_what_the_whole_load_says(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    assert configured_language(path) == load_config(path).settings.language


def test_no_file_a_folder_or_bytes_that_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert configured_language(path) == load_config(path).settings.language == "auto"
    path.write_bytes(b'language = "zh"\n\xff\xfe')
    assert configured_language(path) == load_config(path).settings.language
    path.unlink()
    path.mkdir()
    assert configured_language(path) == load_config(path).settings.language == "auto"


def test_the_package_names_every_module_lazily() -> None:
    for name in config.__all__:
        assert getattr(config, name) is not None, name
    with pytest.raises(AttributeError):
        config.no_such_name  # noqa: B018
    modules = loaded_modules("import companion.services.config.language")
    assert "companion.services.config.load" not in modules
    assert "companion.services.config.fields" not in modules


def test_services_read_config_toml_on_first_use(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('language = "zh"\ntheme = "light"\n', "utf-8")
    services = build_services(home=home, env={})
    assert services.loaded_config is None
    assert services.language().lang == "zh" and services.loaded_config is None
    assert services.config.settings.theme == "light"
    (home / "config.toml").write_text('language = "en"\n', "utf-8")
    assert services.language().lang == "zh"  # one answer once the file was read
    services.config = load_config(home / "config.toml")
    assert services.language().lang == "en" and os.fspath(services.config.path)
