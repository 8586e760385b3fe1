"""The built wheel carries the content packs, and an installed copy finds them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_loads_both_languages(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dist.glob("companion-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("en", "zh"):
        assert f"companion/content/{lang}/ui.toml" in names
    assert "companion/ui/app.tcss" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    probe = textwrap.dedent("""
        from companion.system.content import available_languages, content_root
        from companion.system.i18n import Strings
        print(content_root())
        print(",".join(available_languages()))
        print(Strings("en")("keys.help"), Strings("zh")("keys.help"))
    """)
    out = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.splitlines()
    assert "site-packages" in out[0] and str(ROOT) not in out[0]
    assert out[1] == "en,zh"
    assert out[2] == "Help 帮助"
