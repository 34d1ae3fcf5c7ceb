"""The forums filings go to (受理机关): arbitration commissions, courts, legal-aid centres and
labour inspection, with their full official names — an administrator's table."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Forum(SQLModel, table=True):
    """One forum with its official name, where it sits, its address and whether an
    administrator checked the name and address against an official source."""

    __tablename__ = "forum"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30, index=True)  # app.workflow.filing.forums.ForumKind
    name: str = Field(max_length=120, unique=True)
    province: str = Field(default="", max_length=40)
    city: str = Field(default="", max_length=40, index=True)
    district: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=60)
    source: str = Field(default="", max_length=500)
    verified: bool = Field(default=False)
