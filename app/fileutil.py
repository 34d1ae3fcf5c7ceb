"""Writing files so that a crash never leaves a half-written one (used by every layer)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.errors import FileInUse


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Temporary name in the same folder, fsync, then rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_file(source: str | Path, target: Path) -> None:
    """os.replace, but a target another program holds open (Windows: PermissionError) becomes
    FileInUse, which asks in Chinese to close that program."""
    try:
        os.replace(source, target)
    except PermissionError as exc:
        raise FileInUse(target) from exc
