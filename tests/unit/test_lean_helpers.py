"""What replaced a standard module on the commands' path (issue 17) does what that
module did: the JSON of small and large stores, ids, temp files, the help's width."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from companion.store import codec as codec_module
from companion.store.codec import SMALL, SMALL_DOCUMENTS, CodecError, JsonCodec, default_codec
from companion.store.ids import new_id
from companion.system.atomic import temp_files, write_atomic


def tables(count: int) -> dict:
    text = '退款 "quoted" ' * 4
    docs = {str(i): {"text": f"{text}{i}", "n": i, "ok": True} for i in range(count)}
    return {"entries": docs, "_meta": {"schema": {"schema_version": 3}}}


@pytest.mark.parametrize("count", [3, SMALL_DOCUMENTS + 10], ids=["small", "large"])
def test_small_and_large_stores_read_back_the_same(count: int) -> None:
    codec = default_codec()
    written = codec.encode(tables(count))
    assert (len(written) < SMALL) == (count < SMALL_DOCUMENTS)  # both paths are taken
    assert codec.decode(written) == tables(count) == JsonCodec().decode(written)
    assert json.loads(written) == tables(count)  # compact UTF-8 JSON either way
    assert "退款".encode() in written


@pytest.mark.parametrize("raw", [b"", b"  ", b"[1, 2]", b"\xff\xfe", b'{"entries": 1}'])
@pytest.mark.parametrize("pad", [0, SMALL], ids=["small", "large"])
def test_a_foreign_store_is_refused_whichever_decodes_it(raw: bytes, pad: int) -> None:
    with pytest.raises(CodecError):
        default_codec().decode(raw + b" " * pad if raw.strip() else raw)


def test_without_orjson_the_standard_library_does_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)  # importing it raises ImportError
    codec = default_codec()
    large = tables(SMALL_DOCUMENTS + 10)
    assert codec.decode(codec.encode(large)) == large
    assert codec_module.OrjsonCodec._orjson() is None


def test_a_small_store_read_by_a_command_does_not_import_orjson(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom companion.store.codec import default_codec\n"
        "default_codec().decode(default_codec().encode({'a': {'1': {'x': 1}}}))\n"
        "print('orjson' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_new_ids_are_random_uuid4_strings() -> None:
    made = [new_id() for _ in range(2000)]
    assert len(set(made)) == len(made)
    for given in made[:200]:
        parsed = uuid.UUID(given)
        assert str(parsed) == given
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_a_temp_file_is_private_named_as_the_sweeper_knows_and_gone_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "journal.db"
    seen: list[Path] = []
    real_write = os.write

    def spy(fd: int, data: bytes) -> int:  # the temp file as it is being written
        seen.extend(temp_files(tmp_path, lambda name: name == target.name))
        mode = os.fstat(fd).st_mode
        assert stat.S_IMODE(mode) == 0o600
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert len(seen) == 2 and seen[0] != seen[1]  # a new random name each time
    assert all(p.name.startswith(".journal.db.") and p.suffix == ".tmp" for p in seen)
    assert list(temp_files(tmp_path)) == []


@pytest.mark.parametrize("columns", ["40", "120"])
def test_the_help_wraps_at_the_terminals_width(tmp_path: Path, columns: str) -> None:
    env = {**os.environ, "COMPANION_HOME": str(tmp_path / "h"), "COLUMNS": columns}
    env["COMPANION_LANG"] = "en"
    done = subprocess.run(
        [sys.executable, "-m", "companion", "find", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    widest = max(len(line) for line in done.stdout.splitlines())
    assert widest <= int(columns) - 2
    assert widest > int(columns) - 20  # it uses the room it has
