"""What happens on a case: evidence, sessions, agreements, filings, events and documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.models.base import Money, optimistic_lock, utcnow


class StoredFile(SQLModel, table=True):
    """A file kept in the data folder under its SHA-256 (content-addressed, stored once)."""

    __tablename__ = "stored_file"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    original_name: str = Field(default="", max_length=300)
    media_type: str = Field(default="", max_length=100)
    stored_at: datetime = Field(default_factory=utcnow)


class Evidence(SQLModel, table=True):
    """An evidence item (证据) in the case's evidence list, optionally with its file."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    seq: int = Field(default=1)
    name: str = Field(max_length=200)
    source: str = Field(default="", max_length=200)
    proves: str = Field(default="", max_length=500)
    pages: int | None = None
    form: str = Field(default="copy", max_length=20)
    submitted_by_party_id: int | None = Field(default=None, foreign_key="party.id")
    file_sha256: str | None = Field(default=None, foreign_key="stored_file.sha256")
    received_on: date | None = None


class MediationSession(SQLModel, table=True):
    """A mediation session and its record (调解笔录)."""

    __tablename__ = "mediation_session"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    # Local wall-clock time of the session as the clerk enters it (no time zone).
    held_at: datetime = Field(sa_type=DateTime)
    place: str = Field(default="", max_length=200)
    mediators: str = Field(default="", max_length=300)
    attendees: str = Field(default="", max_length=500)
    record: str = Field(default="")
    result: str = Field(default="", max_length=500)


class MediationAgreement(SQLModel, table=True):
    """A mediation agreement (调解协议书); effective when signed, sealed and the mediator signs."""

    __tablename__ = "mediation_agreement"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    signed_on: date
    effective_on: date | None = None
    facts: str = Field(default="")
    responsibility: str = Field(default="")
    content: str = Field(default="")
    copies: int = Field(default=3)
    # An agreement a court or commission already received is voided (作废), never erased.
    withdrawn_on: date | None = None
    withdrawn_reason: str = Field(default="", max_length=500,
                                  sa_column_kwargs={"server_default": ""})
    version: int = Field(default=1)

    __mapper_args__ = optimistic_lock()


class PerformanceTerm(SQLModel, table=True):
    """One performance term of an agreement: who pays whom, how much, by when, how."""

    __tablename__ = "performance_term"

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="mediation_agreement.id", index=True)
    seq: int = Field(default=1)
    payer: str = Field(max_length=200)
    payee: str = Field(max_length=200)
    amount: Decimal | None = Field(default=None, sa_type=Money)
    due_on: date | None = None
    method: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=500)
    performed: bool = Field(default=False)
    performed_on: date | None = None


class Filing(SQLModel, table=True):
    """A filing with another forum: review, confirmation, payment order, arbitration, court…"""

    __tablename__ = "filing"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    kind: str = Field(max_length=30)
    forum: str = Field(default="", max_length=200)
    filed_on: date | None = None
    accepted_on: date | None = None
    decided_on: date | None = None
    external_no: str = Field(default="", max_length=100)
    status: str = Field(default="draft", max_length=20)
    result: str = Field(default="", max_length=1000)
    # A filing that was submitted is withdrawn (撤回, status "withdrawn"), never erased.
    withdrawn_on: date | None = None
    withdrawn_reason: str = Field(default="", max_length=500,
                                  sa_column_kwargs={"server_default": ""})
    version: int = Field(default=1)

    __mapper_args__ = optimistic_lock()


class CaseEvent(SQLModel, table=True):
    """An entry of the case timeline; workflow events drive the stage and the deadlines."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    kind: str = Field(max_length=60)
    occurred_on: date
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    note: str = Field(default="", max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=60)


class GeneratedDocument(SQLModel, table=True):
    """A document produced for a case, registered with its template version and hash."""

    __tablename__ = "generated_document"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    kind: str = Field(max_length=60)
    file_format: str = Field(max_length=10)
    template_version: str = Field(default="", max_length=40)
    sha256: str = Field(max_length=64)
    file_name: str = Field(default="", max_length=300)
    # A PDF's page count for the 卷内目录's page ranges; 0 unknown (a DOCX, or made before
    # 0009 — the server default tells the audit replay what older rows hold).
    pages: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    draft: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=60)
    # 作废 (0014): a document issued in error is voided with a reason, never erased; one a
    # party or a forum received stays voided (withdrawn) in the list and out of the 卷内目录.
    withdrawn_on: date | None = None
    withdrawn_reason: str = Field(default="", max_length=500,
                                  sa_column_kwargs={"server_default": ""})


# A deadline still to be done: the condition of the partial index ix_case_deadline_open_due.
OPEN_DEADLINE = "state IN ('open', 'missed') AND completed_on IS NULL"


class CaseDeadlineRow(SQLModel, table=True):
    """A deadline of a case as last derived from its events (recomputed on every event change),
    stored so that "due this week" and "overdue" across all cases are plain SQL queries."""

    __tablename__ = "case_deadline"
    # The second index answers the statistics' duties and the due lists from the index alone
    # (migration 0013): kind = duty, a few states, a range of due dates.
    # The third holds only the deadlines still to be done, in due order: the due list and the
    # calendar read their first rows along it and stop (migration 0016), however many
    # finished deadlines the table holds. Queries name OPEN_DEADLINE as literal SQL so that
    # SQLite sees the index's condition in them.
    __table_args__ = (Index("ix_case_deadline_case_kind_state", "case_id", "kind", "state"),
                      Index("ix_case_deadline_kind_state_due", "kind", "state", "due",
                            "completed_on", "case_id"),
                      Index("ix_case_deadline_open_due", "due", "kind", "case_id",
                            sqlite_where=text(OPEN_DEADLINE), postgresql_where=text(OPEN_DEADLINE)))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    rule_id: str = Field(max_length=60)
    title: str = Field(max_length=200)
    kind: str = Field(default="duty", max_length=10)
    trigger_kind: str = Field(max_length=60)
    trigger_date: date
    due: date | None = Field(default=None, index=True)
    basis: str = Field(default="", max_length=300)
    state: str = Field(max_length=20, index=True)
    completed_on: date | None = None
    warnings: list[str] = Field(default_factory=list, sa_type=JSON)
    note: str = Field(default="", max_length=500)


class CaseAnswers(SQLModel, table=True):
    """A questionnaire's answers kept with a case: the rights check (权益核查) and the
    relationship classification. Raw answers as entered; app/knowledge validates them."""

    __tablename__ = "case_answers"
    __table_args__ = (UniqueConstraint("case_id", "kind", name="uq_case_answers_case_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    kind: str = Field(max_length=20)  # "rights", "classification" or "worktime" (order figures)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))  # type: ignore[call-overload]
    updated_by: str = Field(default="", max_length=60)
