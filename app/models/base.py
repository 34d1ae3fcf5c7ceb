"""Shared column types and the metadata naming convention (set before any table is defined)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

# Named constraints let later batch migrations on SQLite drop or alter them (TECH_NOTES).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """RMB amount stored as whole fen (BIGINT) so SQLite and PostgreSQL round-trip it exactly.

    SQLite has no decimal type: SQLAlchemy's Numeric would pass through float there.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
        return int(amount * 100)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


def optimistic_lock() -> Any:
    """Mapper arguments that make `version` an optimistic lock: an UPDATE that finds the row
    at another version matches nothing and SQLAlchemy raises StaleDataError (lost-update guard
    when several clerks share one PostgreSQL database)."""

    @declared_attr
    def mapper_args(cls: Any) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}

    return mapper_args


def utcnow() -> datetime:
    """Timezone-aware now (SQLModel stores aware datetimes as UTC on both databases)."""
    return datetime.now(UTC)
