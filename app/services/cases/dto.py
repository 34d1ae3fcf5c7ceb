"""Plain data going into and out of the services (no ORM objects leave a service)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class PartyInput:
    """An applicant, respondent or third party as entered in a form or an import."""

    role: str
    name: str
    party_type: str = "person"
    kind: str = "worker"
    sex: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    id_type: str = ""
    id_number: str = ""
    domicile: str = ""
    mailing_address: str = ""
    phone: str = ""
    occupation: str = ""
    workplace: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    representative_title: str = ""


@dataclass
class ClaimInput:
    claim_type: str
    description: str = ""
    amount: Decimal | str | None = None
    period_start: date | None = None
    period_end: date | None = None
    party_index: int | None = None  # which party (index into CaseInput.parties) claims it


@dataclass
class CaseInput:
    received_on: date
    parties: list[PartyInput] = field(default_factory=list)
    claims: list[ClaimInput] = field(default_factory=list)
    organisation_id: int | None = None
    intake_channel: str = "written"
    accepted_on: date | None = None
    province: str = ""
    city: str = ""
    district: str = ""
    category: str = "undetermined"
    category_reason: str = ""
    # The classification questions as answered (key → True/False/None), kept with the case.
    classification_answers: dict[str, bool | None] = field(default_factory=dict)
    occupation: str = ""
    platform: str = ""
    collective: bool = False
    representatives: str = ""
    summary: str = ""
    facts: str = ""


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: int
    case_no: str
    received_on: date
    applicants: str
    respondents: str
    city: str
    occupation: str
    platform: str
    category: str
    stage: str
    status: str
    collective: bool
    summary: str


@dataclass(frozen=True)
class CaseQuery:
    search: str = ""
    stage: str | None = None
    status: str | None = None
    city: str | None = None
    occupation: str | None = None
    platform: str | None = None
    category: str | None = None
    collective: bool | None = None
    organisation_id: int | None = None
    received_from: date | None = None  # the statistics screen's click-through: a period,
    received_to: date | None = None    # a claim type
    claim_type: str | None = None
    sort: str = "received_on"
    descending: bool = True
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    total: int  # a search's count stops at search.COUNT_CAP: then `capped`
    capped: bool = False  # more than `total` cases match (the rows are still all of them)


@dataclass(frozen=True)
class CreatedCase:
    id: int
    case_no: str
    warnings: list[str]
