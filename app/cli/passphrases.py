"""Where the command line gets passphrases and keys: a file, an environment variable, or a prompt.

Backups and case bundles: `--passphrase-file FILE` (its first line), else MEDIATION_DESK_PASSPHRASE
(for scripts), else a prompt (asked twice when a new archive is written). The database key:
`--db-key-file FILE`, else MEDIATION_DESK_DB_KEY, else a prompt when the database is encrypted.
A user's password (`--user`, `user add`): MEDIATION_DESK_PASSWORD, else a prompt.
Nothing here is ever printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.config import ENV_PASSPHRASE
from app.errors import AppError

if TYPE_CHECKING:
    from app.bootstrap import Services

# The archive module (pyzipper, Cryptodome) loads with a command that writes or opens one, not
# with every start (the GUI's included).

ENV_NEW_DB_KEY = "MEDIATION_DESK_NEW_DB_KEY"
PASSWORD_ENV = "MEDIATION_DESK_PASSWORD"
T = TypeVar("T")


def add_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", help=f"口令文件（取第一行）；也可用环境变量 {ENV_PASSPHRASE}，"
                   "都没有时提示输入")


def read_first_line(path: str, what: str) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AppError(f"无法读取{what}文件 {path}（{getattr(exc, 'strerror', None) or exc}）") from exc
    if not lines or not lines[0].strip():
        raise AppError(f"{what}文件 {path} 是空的")
    return lines[0].strip()


def _prompt(prompt: str, what: str, env: str) -> str:
    if not sys.stdin.isatty():
        raise AppError(f"需要{what}：请用 --passphrase-file 或环境变量 {env} 给出，或在终端中运行以输入")
    return getpass.getpass(prompt)


def given(args: argparse.Namespace) -> str | None:
    if getattr(args, "passphrase_file", None):
        return read_first_line(args.passphrase_file, "口令")
    return os.environ.get(ENV_PASSPHRASE) or None


def new_passphrase(args: argparse.Namespace) -> str:
    """For an archive about to be written: checked for strength; typed twice at a prompt."""
    from app.services.security import archive

    found = given(args)
    if found is None:
        found = _prompt("设置口令（至少8个字符）：", "口令", ENV_PASSPHRASE)
        archive.check_strength(found)
        if _prompt("再输入一次口令：", "口令", ENV_PASSPHRASE) != found:
            raise AppError("两次输入的口令不一致，未写入任何文件")
    return archive.check_strength(found)


def opening(args: argparse.Namespace, run: Callable[[str | None], T]) -> T:
    """Open an archive: with the given passphrase, else without (a plain one, or a scheduled
    backup opened with the data folder's key), and at a terminal ask once when it is needed."""
    from app.services.security import archive

    passphrase = given(args)
    try:
        return run(passphrase)
    except archive.PassphraseNeeded:
        if passphrase is not None or not sys.stdin.isatty():
            raise
    return run(getpass.getpass("口令："))


def new_db_key(path: str | None) -> str:
    if path:
        return read_first_line(path, "密钥")
    found = os.environ.get(ENV_NEW_DB_KEY)
    if found:
        return found
    key = _prompt("新的数据库密钥（至少8个字符，请另行妥善保存）：", "数据库密钥", ENV_NEW_DB_KEY)
    if _prompt("再输入一次：", "数据库密钥", ENV_NEW_DB_KEY) != key:
        raise AppError("两次输入的密钥不一致，数据库未作任何改动")
    return key


def db_key(path: str | None, data_file: Path, encrypted: bool | None) -> str | None:
    """The key to open the database with: the file, the environment (load_config reads it), or
    — only for an encrypted file and at a terminal — a prompt."""
    if path:
        return read_first_line(path, "密钥")
    if os.environ.get("MEDIATION_DESK_DB_KEY"):
        return None  # load_config takes it
    if encrypted and sys.stdin.isatty():
        return getpass.getpass(f"数据库 {data_file.name} 已加密，请输入数据库密钥：")
    return None


def password(prompt: str) -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise AppError(f"需要密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行以输入密码")
    return getpass.getpass(prompt)


def sign_in(services: Services, username: str | None) -> None:
    """Who runs this command: --user (with a password), the auto-login user, or — before any
    account exists — the first-run maintenance identity that may create the administrator."""
    accounts = services.accounts
    if username:
        identity = accounts.login(username, password(f"{username} 的密码："))
    else:
        identity = accounts.auto_login()
        if identity is None:
            if accounts.has_users():
                raise AppError("已启用用户账户：请用 --user 用户名 登录（密码取自 "
                               f"{PASSWORD_ENV} 或提示输入）")
            return
    services.ctx.user, services.ctx.role = identity.username, identity.role
