"""Witnesses of a case and the service of documents (送达) on its parties."""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Witness(SQLModel, table=True):
    """A witness named in an application (证人姓名、住所、证明内容; 调解仲裁法 art 28)."""

    __tablename__ = "witness"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    seq: int = Field(default=1)
    name: str = Field(max_length=60)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=40)
    relation: str = Field(default="", max_length=100)  # relation to the parties
    proves: str = Field(default="", max_length=1000)  # what the witness saw / will prove
    party_id: int | None = Field(default=None, foreign_key="party.id")  # called by this party


class ServiceRecord(SQLModel, table=True):
    """One document served on one party: what, how, when, by whom, signed for by whom."""

    __tablename__ = "service_record"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    seq: int = Field(default=1)
    party_id: int = Field(foreign_key="party.id", index=True)
    document_kind: str = Field(default="other", max_length=30)
    document: str = Field(max_length=200)  # the title as printed on the receipt
    method: str = Field(default="direct", max_length=20)
    tracking_no: str = Field(default="", max_length=60)  # 邮寄单号 / 电子送达的地址
    address: str = Field(default="", max_length=300)  # 送达地点
    served_on: date  # the day served; for 公告送达 the day the notice was published
    server: str = Field(default="", max_length=100)  # 送达人
    signed_by: str = Field(default="", max_length=100)  # 签收人 (本人、代收人及理由)
    note: str = Field(default="", max_length=500)


class ServiceAddress(SQLModel, table=True):
    """A party's confirmed address for service (送达地址确认书, 民诉法 art 90)."""

    __tablename__ = "service_address"
    __table_args__ = (UniqueConstraint("party_id", name="uq_service_address_party_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    party_id: int = Field(foreign_key="party.id")
    address: str = Field(default="", max_length=300)
    recipient: str = Field(default="", max_length=100)  # 代收人
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)  # 电子送达: e-mail or another channel
    electronic_consent: bool = Field(default=False)  # agrees to electronic service (art 90)
    confirmed_on: date | None = None
