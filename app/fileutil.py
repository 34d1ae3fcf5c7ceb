"""Writing files so that a crash never leaves a half-written one (used by every layer)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Temporary name in the same folder, fsync, then rename over the target."""
    atomic_write_stream(target, lambda fh: fh.write(data))


def atomic_write_stream(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write` streams into a temporary file in the same folder; fsync, then rename over the
    target (a file too large to hold in memory never is)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "w+b") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
