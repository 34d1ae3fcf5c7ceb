"""Users, the audit log and the administrator's tables (holidays, minimum wages, local figures,
settings)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.models.base import Money, utcnow


class User(SQLModel, table=True):
    """A local user account with a role."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    display_name: str = Field(default="", max_length=60)
    role: str = Field(max_length=30)
    password_hash: str = Field(default="", max_length=200)
    active: bool = Field(default=True)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    # Shared PostgreSQL: this user's own database login (pg-login --for); `check` verifies
    # that the entries naming this user were written through it. An administrator's column.
    db_login: str | None = Field(default=None, max_length=63, unique=True, index=True)


class AuditEntry(SQLModel, table=True):
    """One changed field (who, when, entity, field, old, new); each entry hashes the previous."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(default="", max_length=60)
    action: str = Field(max_length=10)
    entity: str = Field(max_length=40)
    entity_id: str = Field(default="", max_length=80)
    case_id: int | None = Field(default=None, index=True)
    field: str = Field(default="", max_length=60)
    old_value: str | None = None
    new_value: str | None = None
    prev_hash: str = Field(default="", max_length=64)
    entry_hash: str = Field(default="", max_length=64)
    # PostgreSQL: the database login that inserted the entry, set by the server (a BEFORE
    # INSERT trigger overwrites whatever the client sends); NULL on SQLite and before 0015.
    db_login: str | None = Field(default=None, max_length=63)


class Holiday(SQLModel, table=True):
    """An official holiday or make-up working day (调休) entered by an administrator."""

    __tablename__ = "holiday"

    day: date = Field(primary_key=True)
    is_workday: bool = Field(default=False)
    name: str = Field(default="", max_length=60)
    source: str = Field(default="", max_length=300)


class HolidayYear(SQLModel, table=True):
    """A year whose official holiday arrangement has been entered completely."""

    __tablename__ = "holiday_year"

    year: int = Field(primary_key=True)
    source: str = Field(default="", max_length=300)


class MinimumWage(SQLModel, table=True):
    """A local minimum wage (monthly and hourly) with its effective date and source."""

    __tablename__ = "minimum_wage"

    id: int | None = Field(default=None, primary_key=True)
    province: str = Field(default="", max_length=40)
    city: str = Field(max_length=40, index=True)
    monthly: Decimal = Field(sa_type=Money)
    hourly: Decimal = Field(sa_type=Money)
    effective_on: date
    source: str = Field(default="", max_length=500)
    verified: bool = Field(default=False)


class LocalParameter(SQLModel, table=True):
    """A local figure the claim calculators use (地方参数): the previous year's average monthly
    wage of a city, or a province's one-off injury subsidy of a grade, with its source."""

    __tablename__ = "local_parameter"

    id: int | None = Field(default=None, primary_key=True)
    province: str = Field(default="", max_length=40)
    city: str = Field(max_length=40, index=True)
    kind: str = Field(max_length=40)
    year: int
    grade: int | None = None
    value: Decimal = Field(sa_type=Money)  # yuan, or months (two decimals) as `unit` says
    unit: str = Field(default="yuan", max_length=30)
    source: str = Field(default="", max_length=500)
    verified: bool = Field(default=False)


class Setting(SQLModel, table=True):
    """A named setting stored as JSON (fonts, backup folder, roll-over-weekends, …)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=80)
    value: Any = Field(default=None, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow)
