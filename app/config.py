"""Where the data lives: platformdirs paths, --data-dir and the database URL override."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "MediationDesk"
ENV_DATA_DIR = "MEDIATION_DESK_DATA_DIR"
ENV_DATABASE_URL = "MEDIATION_DESK_DATABASE_URL"
DB_FILE_NAME = "mediation-desk.sqlite3"


@dataclass(frozen=True)
class AppConfig:
    """Paths and database URL of one running instance."""

    data_dir: Path
    database_url: str | None = None

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


def load_config(data_dir: str | Path | None = None, database_url: str | None = None) -> AppConfig:
    """Command-line values win over environment variables, which win over the defaults."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen).expanduser() if chosen else user_data_path(APP_NAME, appauthor=False)
    url = database_url or os.environ.get(ENV_DATABASE_URL) or None
    return AppConfig(data_dir=path.resolve(), database_url=url)
