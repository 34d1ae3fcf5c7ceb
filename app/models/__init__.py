"""SQLModel tables and enums; this layer imports nothing from services or views."""

from app.models.admin import (
    AuditEntry,
    Holiday,
    HolidayYear,
    LocalParameter,
    MinimumWage,
    Setting,
    User,
)
from app.models.base import Money, utcnow
from app.models.case import Agent, Case, Claim, Party
from app.models.forum import Forum
from app.models.organisation import CaseCounter, CommitteeMember, Mediator, Organisation
from app.models.records import (
    CaseAnswers,
    CaseDeadlineRow,
    CaseEvent,
    Evidence,
    Filing,
    GeneratedDocument,
    MediationAgreement,
    MediationSession,
    PerformanceTerm,
    StoredFile,
)
from app.models.witness import ServiceAddress, ServiceRecord, Witness

__all__ = [
    "Agent", "AuditEntry", "Case", "CaseAnswers", "CaseCounter", "CaseDeadlineRow", "CaseEvent", "Claim", "CommitteeMember",
    "Evidence", "Filing", "Forum", "GeneratedDocument", "Holiday", "HolidayYear", "LocalParameter", "Mediator",
    "MediationAgreement", "MediationSession", "MinimumWage", "Money", "Organisation", "Party",
    "PerformanceTerm", "ServiceAddress", "ServiceRecord", "Setting", "StoredFile", "User",
    "Witness", "utcnow",
]
