"""What every service needs, built in one place: configuration, engine, clock and user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from app.config import AppConfig
from app.services.security.accounts import attach_guard
from app.services.security.audit import attach_audit
from app.services.security.audit_anchor import AuditAnchor


@dataclass
class ServiceContext:
    config: AppConfig
    engine: Engine
    today: Callable[[], date] = field(default=date.today)
    user: str = "system"
    # None = no accounts yet (first run) or a maintenance context: nothing to enforce.
    role: str | None = None
    # A data folder this process cannot write (app/db.py is_read_only): viewing only.
    read_only: bool = False
    # The audit log's key and head file (outside the database), shared by every session.
    audit_anchor: AuditAnchor = field(init=False)

    def __post_init__(self) -> None:
        self.audit_anchor = AuditAnchor(self.config)

    def session(self, bind: Connection | None = None) -> Session:
        """A short session for one use case; changes are permission-checked before they are
        flushed and audited in the same transaction. `bind`: on that connection (a bulk load
        that sets per-connection pragmas around the transaction), else the engine's pool."""
        session = attach_audit(Session(bind or self.engine, expire_on_commit=False), self.user,
                               self.audit_anchor)
        return attach_guard(session, self.role, read_only=self.read_only,
                            where=str(self.config.data_dir))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"
