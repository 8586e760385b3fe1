"""The crash log helps troubleshooting and never holds what the user wrote."""

from __future__ import annotations

import errno
import stat
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from companion.system.crashlog import describe, write_crash

SECRET = "my customer called me useless 客户骂我"


def failing() -> None:
    text = SECRET  # a local that a traceback with locals would print
    raise ValueError(f"could not parse {text}")


def test_log_has_type_and_place_but_no_message_or_locals(tmp_path: Path) -> None:
    try:
        try:
            failing()
        except ValueError as inner:
            raise RuntimeError(SECRET) from inner
    except RuntimeError as error:
        log = write_crash(
            tmp_path / "logs" / "companion.log",
            error,
            datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            "0.1.0",
        )
    text = log.read_text("utf-8")
    assert "builtins.RuntimeError" in text and "builtins.ValueError" in text
    assert "in failing" in text and "test_crashlog.py" in text
    assert "2026-11-23T10:00:00+08:00" in text
    assert "useless" not in text and "客户" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_os_errors_keep_their_reason() -> None:
    lines = describe(OSError(errno.ENOSPC, "No space left on device", "/secret/name"))
    assert "errno 28: No space left on device" in lines[0]
    assert "/secret/name" not in "\n".join(lines)


def test_log_is_capped(tmp_path: Path) -> None:
    log = tmp_path / "companion.log"
    log.write_bytes(b"x" * (600 * 1024))
    write_crash(log, ValueError("x"), datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")), "0")
    assert log.stat().st_size < 1024
    assert (tmp_path / "companion.log.1").exists()
