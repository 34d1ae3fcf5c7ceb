"""Where the data lives: platformdirs paths, --data-dir and the database URL override."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_path, user_documents_path

from app.fileutil import network_share, reserved_part

APP_NAME = "MediationDesk"
ENV_DATA_DIR = "MEDIATION_DESK_DATA_DIR"
ENV_DATABASE_URL = "MEDIATION_DESK_DATABASE_URL"
ENV_DOCUMENTS_DIR = "MEDIATION_DESK_DOCUMENTS_DIR"
ENV_DB_KEY = "MEDIATION_DESK_DB_KEY"  # the SQLCipher key of an encrypted SQLite database
ENV_PASSPHRASE = "MEDIATION_DESK_PASSPHRASE"  # backups' and bundles' (security/archive.py)
DOCUMENTS_FOLDER = "调解工作台"  # under 文档 (Documents), where a clerk looks for files
DB_FILE_NAME = "mediation-desk.sqlite3"


@dataclass(frozen=True)
class AppConfig:
    """Paths and database URL of one running instance."""

    data_dir: Path
    database_url: str | None = None
    # Generated documents, one folder per case: a visible folder, not the hidden data folder.
    documents_dir: Path | None = None
    # The SQLCipher key when the office encrypts its SQLite database (never printed).
    db_key: str | None = field(default=None, repr=False)

    @property
    def documents_root(self) -> Path:
        return self.documents_dir if self.documents_dir is not None else self.data_dir / "文书"

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def templates_dir(self) -> Path:
        """An organisation's own copies of document templates (override the shipped ones)."""
        return self.data_dir / "templates"

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.db_path.as_posix()}"

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def load_config(data_dir: str | Path | None = None, database_url: str | None = None,
                db_key: str | None = None) -> AppConfig:
    """Command-line values win over environment variables, which win over the defaults."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen).expanduser() if chosen else user_data_path(APP_NAME, appauthor=False)
    url = database_url or os.environ.get(ENV_DATABASE_URL) or None
    documents = os.environ.get(ENV_DOCUMENTS_DIR)
    if documents:
        folder: Path | None = Path(documents).expanduser().resolve()
    elif chosen:  # a data folder of its own (a test, a portable copy): its documents beside it
        folder = None
    else:  # 文档\调解工作台\案号 on Windows, ~/Documents/调解工作台 elsewhere
        folder = user_documents_path() / DOCUMENTS_FOLDER
    key = db_key or os.environ.get(ENV_DB_KEY) or None
    return AppConfig(data_dir=path.resolve(), database_url=url, documents_dir=folder, db_key=key)


def data_location_problem(config: AppConfig) -> str | None:
    """Why the data folder cannot hold this database, in Chinese (None: it can): a name Windows
    reserves (CON, AUX, NUL…), or SQLite on a network share, where its WAL journal and locks do
    not work and two PCs writing at once corrupt the file."""
    part = reserved_part(config.data_dir)
    if part is not None:
        return (f"数据文件夹路径中的“{part}”是 Windows 保留的名称（CON、PRN、AUX、NUL、COM1…、LPT1…，"
                f"或以点、空格结尾），不能用作文件夹名：{config.data_dir}。请换一个文件夹名。")
    if not config.is_sqlite:
        return None
    share = network_share(config.data_dir)
    if share is not None:
        return (f"数据文件夹在{share}上：{config.data_dir}。内置的 SQLite 数据库不能放在网络共享上"
                "（其日志与文件锁在网络共享上不起作用，多台电脑同时写入会损坏数据）。"
                "请把数据文件夹放在本机磁盘上（--data-dir）；多台电脑共用一个数据库时，请改用 "
                "PostgreSQL 服务器（--database-url postgresql+psycopg://用户@服务器/数据库）。")
    return None
