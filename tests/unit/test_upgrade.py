"""An upgrade keeps all data: the wheel of the release before issue 19 is installed,
used (a journal entry, a break, settings), and the wheel of this tree is installed over
it, as `pipx upgrade` or `uv tool install` would; everything written before is read back
and the rhythm carries on from its saved state."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The last commit before issue 19's contacts, micro-pauses and new break state.
BEFORE = "b5d3d93f96387d5a3de6d4ada1bf4bf9945c1971"

OLD_USE = """
from companion.services.breaks import BreakKeeper
from companion.services.container import build_services

services = build_services()
keeper = BreakKeeper(services.stores, services.clock, services.settings)
keeper.open()
keeper.start_break()
keeper.end_break()
keeper.set_dnd(services.clock.now().replace(year=services.clock.now().year + 1))
keeper.close()
"""
NEW_READ = """
import json
from companion.services.breaks import BreakKeeper
from companion.services.container import build_services

services = build_services()
keeper = BreakKeeper(services.stores, services.clock, services.settings)
keeper.open()
view = keeper.view()
print(json.dumps({"dnd": view.dnd_until is not None, "phase": str(view.phase),
                  "every": services.settings().break_every.total_seconds()}))
"""


def old_source(target: Path) -> Path:
    """The tree at BEFORE, from git; skipped where there is no such history."""
    git = shutil.which("git")
    if (
        git is None
        or subprocess.run(
            [git, "-C", str(ROOT), "cat-file", "-e", f"{BEFORE}^{{commit}}"], capture_output=True
        ).returncode
    ):
        reason = f"needs git and the commit {BEFORE[:10]} (a full clone)"
        if os.environ.get("COMPANION_E2E_REQUIRED"):
            pytest.fail(reason)
        pytest.skip(reason)
    archive = subprocess.run(
        [git, "-C", str(ROOT), "archive", "--format=tar", BEFORE], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    init = target / "companion" / "__init__.py"  # an older release: a lower version
    init.write_text(init.read_text("utf-8").replace('"0.1.0"', '"0.0.9"'), "utf-8")
    return target


def wheel(source: Path, dist: Path) -> Path:
    dist.mkdir(exist_ok=True)
    before = set(dist.glob("*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(dist), str(source)],
        check=True,
    )  # fmt: skip
    (built,) = set(dist.glob("*.whl")) - before
    return built


@pytest.mark.slow
def test_installing_over_an_older_wheel_keeps_every_record(tmp_path: Path) -> None:
    old = wheel(old_source(tmp_path / "old"), tmp_path / "dist")
    new = wheel(ROOT, tmp_path / "dist")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    script = venv / ("Scripts/companion.exe" if os.name == "nt" else "bin/companion")
    # The dependencies come from the test's own environment (no network, no mirror).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = tmp_path / "home"
    env = {**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8"}

    def pip_install(found: Path) -> None:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
             str(found)],
            check=True, env=env,
        )  # fmt: skip

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
        )

    pip_install(old)
    assert run(str(script), "--version").stdout.strip() == "companion 0.0.9"
    home.mkdir()
    (home / "config.toml").write_text('[breaks]\nevery = "1h30m"  # mine\n', "utf-8")
    (home / "config.toml").chmod(0o600)
    assert run(str(script), "note", "before the upgrade #kept").returncode == 0
    used = run(str(python), "-c", OLD_USE)
    assert used.returncode == 0, used.stderr
    journal = (home / "data" / "journal.db").read_bytes()

    pip_install(new)  # over it, as an upgrade does
    assert run(str(script), "--version").stdout.strip() == "companion 0.1.0"
    found = run(str(script), "find", "upgrade", "--json")
    assert found.returncode == 0, found.stderr
    assert [e["text"] for e in json.loads(found.stdout)] == ["before the upgrade #kept"]
    figures = json.loads(run(str(script), "stats", "--json").stdout)
    # The old release's break ended the moment it began: kept, and counted as what it
    # was (too short to be a break taken), as breaks are counted now.
    (today,) = [d for d in figures["days"] if d["date"] == figures["today"]["date"]]
    assert (today["breaks_taken"], today["breaks_short"]) == (0, 1)
    read = run(str(python), "-c", NEW_READ)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == {"dnd": True, "phase": "working", "every": 5400.0}
    assert run(str(script), "contact").returncode == 0  # the new store works beside the old
    # The old journal.db was split into data/journal/ and kept, moved into the backups
    # exactly as it was (the new files were read back first).
    assert not (home / "data" / "journal.db").exists()
    assert [p.read_bytes() for p in (home / "backups").glob("journal-*.db")] == [journal]
    assert any((home / "data" / "journal").glob("entries-*.db"))
    assert "# mine" in (home / "config.toml").read_text("utf-8")
    doctor = run(str(script), "doctor")
    assert doctor.returncode == 0, doctor.stdout
