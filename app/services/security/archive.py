"""Passphrase-protected zip archives (WinZip AES-256, pyzipper) for backups and case bundles.

Every entry — database, manifest, evidence files — is AES-256 encrypted and authenticated
(each entry carries an HMAC-SHA1 that pyzipper checks at its end), so another office opens the
file with 7-Zip, WinRAR or Windows tools that read AES zips, and a changed byte is refused.
Zip's own encryption leaves the entry names readable: they are only `database.sqlite3`,
`manifest.json`, `case.json` and content hashes.

The scheduled backup runs without anyone at the keyboard: it is encrypted with a random key
kept in the data folder (`backup-key.txt`, owner-only), which `restore` tries when no
passphrase is given. That key protects copies of the backup folder, not the data folder itself.
"""

from __future__ import annotations

import os
import secrets
import stat
import zipfile
import zlib
from pathlib import Path
from typing import IO

import pyzipper

from app import config
from app.errors import AppError

MIN_LENGTH = 8
# MEDIATION_DESK_PASSPHRASE, with the other variables (the CLI reads it without this module).
ENV_PASSPHRASE = config.ENV_PASSPHRASE
KEY_FILE = "backup-key.txt"
AES_METHOD = 99  # the compression method WinZip AES entries declare
BAD_ZIP = (zipfile.BadZipFile, pyzipper.BadZipFile)
# What reading an entry can raise: damaged data, a failed HMAC, a wrong key, a lying header.
READ_ERRORS = BAD_ZIP + (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


class PassphraseNeeded(AppError):
    code = "passphrase_needed"


class WrongPassphrase(AppError):
    code = "wrong_passphrase"


def check_strength(passphrase: str | None) -> str:
    """A passphrase for a new archive: at least eight characters, not one character repeated."""
    if not passphrase:
        raise AppError("请设置口令：备份和案件包一律加密，对方需凭口令打开", code="weak_passphrase")
    if len(passphrase) < MIN_LENGTH:
        raise AppError(f"口令太短：至少 {MIN_LENGTH} 个字符（现为 {len(passphrase)} 个），请换一个更长的口令",
                       code="weak_passphrase")
    if len(set(passphrase)) < 3:
        raise AppError("口令太简单（几乎全是同一个字符），请换一个", code="weak_passphrase")
    return passphrase


def writer(fh: IO[bytes], passphrase: str) -> pyzipper.AESZipFile:
    """An archive writing every entry deflated and AES-256 encrypted with `passphrase`."""
    zf = pyzipper.AESZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES)
    zf.setpassword(passphrase.encode("utf-8"))
    zf.setencryption(pyzipper.WZ_AES, nbits=256)
    return zf


def encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def reader(source: Path, passphrases: list[str], what: str) -> tuple[pyzipper.AESZipFile, bool]:
    """Open `source` for reading: (archive, whether it is encrypted). The first passphrase that
    opens the first encrypted entry is kept; none given → PassphraseNeeded; none fits →
    WrongPassphrase. Plain zips (written before encryption) open as they are.
    Raises zipfile/pyzipper BadZipFile and OSError like zipfile does."""
    zf = pyzipper.AESZipFile(source)
    locked = [info for info in zf.infolist() if encrypted(info)]
    if not locked:
        return zf, False
    probe = min(locked, key=lambda i: i.compress_size)
    if not passphrases:
        zf.close()
        raise PassphraseNeeded(f"这个{what}已加密：请输入口令后再打开。当前数据未作任何改动。")
    for passphrase in passphrases:
        zf.setpassword(passphrase.encode("utf-8"))
        try:
            with zf.open(probe) as entry:
                entry.read(1)
            return zf, True
        except RuntimeError:  # "Bad password": the key check of the entry's header failed
            continue
        except READ_ERRORS:  # the password fits but the entry is damaged: reported by the caller
            return zf, True
    zf.close()
    raise WrongPassphrase(f"口令不正确，无法打开这个加密的{what}（请核对大小写和输入法）。"
                          "当前数据未作任何改动。")


def _private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def stored_key(data_dir: Path, *, create: bool = True) -> str | None:
    """The data folder's key for the scheduled backups: 43 random characters made on first use,
    in a file only its owner may read. None when absent and not to be created."""
    path = data_dir / KEY_FILE
    if path.is_file():
        text = path.read_text(encoding="utf-8").strip()
        if text:
            return text
    if not create:
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    temporary = path.with_name(f".tmp-{KEY_FILE}-{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    _private(temporary)
    try:
        if path.is_file():  # an empty file a kill left: nothing was ever encrypted with it
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # never over a key another instance just made
    except FileExistsError:
        return stored_key(data_dir, create=False)
    finally:
        temporary.unlink(missing_ok=True)
    return key
