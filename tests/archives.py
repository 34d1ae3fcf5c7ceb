"""The passphrase the tests encrypt backups and bundles with, and zip files opened or written
with it (WinZip AES-256 through pyzipper, as the product writes them)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pyzipper

PASS = "测试口令-passphrase-1"


def ZipFile(path: Path | Any, mode: str = "r", compression: int = zipfile.ZIP_STORED,  # noqa: N802
            passphrase: str = PASS) -> pyzipper.AESZipFile:
    """Like zipfile.ZipFile, but reading and writing AES-encrypted entries with `passphrase`."""
    if mode == "r":
        zf = pyzipper.AESZipFile(path)
    else:
        zf = pyzipper.AESZipFile(path, mode, compression=compression, encryption=pyzipper.WZ_AES)
        zf.setencryption(pyzipper.WZ_AES, nbits=256)
    zf.setpassword(passphrase.encode("utf-8"))
    return zf
# What a test types into a passphrase field (QTest.keyClicks cannot type Chinese characters).
TYPED_PASS = "typed-passphrase-42"
