"""What every service needs, built in one place: configuration, engine, clock and user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from app.config import AppConfig
from app.services.audit import attach_audit


@dataclass
class ServiceContext:
    config: AppConfig
    engine: Engine
    today: Callable[[], date] = field(default=date.today)
    user: str = "system"

    def session(self) -> Session:
        """A short session for one use case; its changes are audited in the same transaction."""
        return attach_audit(Session(self.engine, expire_on_commit=False), self.user)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"
