"""Content-addressed file store: files/ab/abcdef… named by SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.errors import StorageError
from app.fileutil import (
    atomic_write_bytes,
    check_target,
    make_private_dir,
    replace_file,
    storage_error,
)

__all__ = ["FileStore", "StoreScan", "atomic_file", "atomic_write_bytes", "sha256_of",
           "sweep_stale"]

CHUNK = 1 << 20
TMP_PREFIX = ".tmp-"  # what atomic_write_bytes and atomic_file name their temporary files
HASH_NAME = re.compile(r"^[0-9a-f]{64}$")
FOLDER_NAME = re.compile(r"^[0-9a-f]{2}$")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Write `target` through a temporary file beside it: fsynced and renamed over the target
    when the block ends, deleted when it raises. A kill leaves only a `.tmp-…` file. A full
    disk or a place that cannot be written raises StorageError naming the target."""
    check_target(target)
    try:
        make_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=target.parent)
    except OSError as exc:
        raise storage_error(exc, target) from exc
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename in (None, tmp, str(target)):  # the write failed, not a source's read
            raise storage_error(exc, target) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STALE_AFTER = 3600.0  # seconds untouched before a temporary file counts as a killed run's


def sweep_data_folder(data_dir: Path, backups_dir: Path, files_dir: Path) -> list[Path]:
    """At start: temporary files and folders of backups, restores and file writes that a
    kill interrupted (only those untouched for an hour: another instance may be writing).
    Here, not in the backup service, so that a start does not import the backup stack."""
    return (sweep_stale(data_dir, STALE_AFTER) + sweep_stale(backups_dir, STALE_AFTER)
            + FileStore(files_dir).sweep_stale(STALE_AFTER))


def sweep_stale(folder: Path, older_than: float, *, now: float | None = None) -> list[Path]:
    """Delete the `.tmp-…` files and folders directly in `folder` that a killed process left
    behind: only those untouched for `older_than` seconds, so another running instance's
    write in progress is never taken away. Returns what was removed."""
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:  # unreadable: nothing to sweep now, and no reason to refuse to start
        return []
    limit = (time.time() if now is None else now) - older_than
    removed = []
    for entry in entries:
        try:
            if not entry.name.startswith(TMP_PREFIX) or entry.lstat().st_mtime > limit:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:  # held open elsewhere (Windows) or already gone: next start
            continue
    return removed


@dataclass(frozen=True)
class StoreScan:
    """What the store folder holds: files named by their hash in the right sub-folder, and
    everything else (foreign files someone put there, links, stray folders)."""

    hashes: list[str] = field(default_factory=list)
    foreign: list[Path] = field(default_factory=list)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put_bytes(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            atomic_write_bytes(target, data)
        return sha

    def put_file(self, source: Path) -> tuple[str, int]:
        """Store a copy of `source`; returns its hash and size. Refuses folders and missing files."""
        if not source.is_file():
            raise StorageError(f"找不到文件或不是普通文件：{source}")
        data = source.read_bytes()
        return self.put_bytes(data), len(data)

    def read_verified(self, sha256: str) -> bytes:
        """The stored bytes, refused if they no longer match their hash (tampering or damage)."""
        path = self.path_for(sha256)
        if not path.is_file():
            raise StorageError(f"证据文件缺失：{sha256[:12]}…，请从备份恢复")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StorageError(f"证据文件 {sha256[:12]}… 的内容与登记的哈希值不符，可能被篡改或损坏")
        return data

    def verify(self, sha256: str) -> str | None:
        """None when the file is intact, otherwise a Chinese description of the problem."""
        path = self.path_for(sha256)
        if not path.is_file():
            return f"文件缺失：{path}"
        if sha256_of(path) != sha256:
            return f"哈希不符（可能被篡改或损坏）：{path}"
        return None

    def scan(self) -> StoreScan:
        """Every entry of the store, sorted; `.tmp-…` files (writes in progress) are neither."""
        scan = StoreScan()
        if not self.root.is_dir():
            return scan
        for sub in sorted(self.root.iterdir()):
            if sub.is_symlink() or not sub.is_dir() or not FOLDER_NAME.match(sub.name):
                scan.foreign.append(sub)
                continue
            for f in sorted(sub.iterdir()):
                regular = f.is_file() and not f.is_symlink()
                if regular and f.name.startswith(TMP_PREFIX):
                    continue
                if regular and HASH_NAME.match(f.name) and f.name[:2] == sub.name:
                    scan.hashes.append(f.name)
                else:
                    scan.foreign.append(f)
        return scan

    def sweep_stale(self, older_than: float) -> list[Path]:
        """Temporary files of writes a kill interrupted, in every sub-folder."""
        if not self.root.is_dir():
            return []
        removed: list[Path] = []
        for sub in self.root.iterdir():
            if sub.is_dir() and not sub.is_symlink():
                removed += sweep_stale(sub, older_than)
        return removed
