"""Content-addressed file store: files/ab/abcdef… named by SHA-256, written atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from app.errors import StorageError
from app.fileutil import atomic_write_bytes

__all__ = ["FileStore", "atomic_write_bytes", "sha256_of"]

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


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

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in self.root.iterdir():
            if sub.is_dir():
                for f in sub.iterdir():
                    if f.is_file() and not f.name.startswith(".tmp-"):
                        yield f.name
