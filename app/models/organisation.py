"""Organisations (mediation committees, arbitration commissions, courts…) and their people."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from app.models.base import optimistic_lock, utcnow

DEFAULT_CASE_NO_PATTERN = "调〔{year}〕{seq:04d}号"


class Organisation(SQLModel, table=True):
    """An organisation using or named by the product (调解委员会, 仲裁委员会, 法院, 法律援助中心)."""

    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=60)
    kind: str = Field(max_length=40)
    province: str = Field(default="", max_length=40)
    city: str = Field(default="", max_length=40)
    # Added in 0009: a server default, so the audit replay knows what older rows hold.
    district: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=40)
    credit_code: str = Field(default="", max_length=18)
    # Case numbers like 企调〔2026〕0001号: {year} and {seq} are filled in (Python format syntax).
    case_no_pattern: str = Field(default=DEFAULT_CASE_NO_PATTERN, max_length=80)
    # Who keeps the committee's seal (印章保管人), asked at the first run (0009).
    seal_holder: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})
    # Route for category-② disputes (DOMAIN §4 [U]): "arbitration" or "civil".
    category2_route: str = Field(default="arbitration", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)

    __mapper_args__ = optimistic_lock()


class CommitteeMember(SQLModel, table=True):
    """A member of an enterprise mediation committee and the side they represent."""

    __tablename__ = "committee_member"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=60)
    side: str = Field(max_length=20)
    title: str = Field(default="", max_length=60)
    phone: str = Field(default="", max_length=40)
    active: bool = Field(default=True)


class Mediator(SQLModel, table=True):
    """A mediator on the roster; invited mediators (特邀调解员) may be linked to a court's roster."""

    __tablename__ = "mediator"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    name: str = Field(max_length=60)
    kind: str = Field(default="staff", max_length=20)
    phone: str = Field(default="", max_length=40)
    speciality: str = Field(default="", max_length=200)
    court_roster_no: str = Field(default="", max_length=60)
    active: bool = Field(default=True)


class CaseCounter(SQLModel, table=True):
    """Last sequence number issued per organisation and year (numbers are never reused)."""

    __tablename__ = "case_counter"
    __table_args__ = (UniqueConstraint("organisation_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    year: int
    last_seq: int = Field(default=0)
