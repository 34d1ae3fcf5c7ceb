"""Cases: create, find, list and search (one transaction per use case)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.errors import FieldError, NotFound, ValidationFailed
from app.models import Case, CaseAnswers, CaseEvent, Claim, Organisation, Party, utcnow
from app.models.enums import PartyRole, PartyType
from app.services.admin.organisations import OrganisationService, next_case_no
from app.services.cases.dto import CaseInput, CasePage, CaseQuery, CaseRow, CreatedCase, PartyInput
from app.services.cases.field_checks import parse_amount, raise_if_errors
from app.services.cases.search import among, build_search_text, capped_count, plan_search
from app.services.cases.validation import validate_case
from app.services.context import ServiceContext
from app.services.knowledge.classification import CLASSIFICATION
from app.services.workflow import deadline_store
from app.workflow.routing import CaseFacts, civil_forum_note

SORTABLE = {"received_on", "case_no", "city", "stage", "status", "occupation", "platform",
            "category"}


def party_from_input(p: PartyInput, case_id: int, seq: int) -> Party:
    return Party(**party_values(p, case_id, seq))


def party_values(p: PartyInput, case_id: int, seq: int) -> dict[str, Any]:
    """A party's columns as entered (names trimmed, ID numbers in upper case); bulk writers
    insert them without building the ORM object."""
    person = p.party_type == PartyType.PERSON
    return dict(
        case_id=case_id, seq=seq, role=p.role, party_type=p.party_type, kind=p.kind,
        name=p.name.strip(), sex=p.sex, birth_date=p.birth_date, ethnicity=p.ethnicity.strip(),
        id_type=(p.id_type or "resident_id") if person and p.id_number else p.id_type,
        id_number=p.id_number.strip().upper(), domicile=p.domicile.strip(),
        mailing_address=p.mailing_address.strip(), phone=p.phone.strip(),
        occupation=p.occupation.strip(), workplace=p.workplace.strip(),
        credit_code=p.credit_code.strip().upper(),
        legal_representative=p.legal_representative.strip(),
        representative_title=p.representative_title.strip(),
    )


def case_by_no(s: Session, case_no: str, *, lock: bool = False) -> Case:
    """The case in the caller's session (row-locked when `lock`, for numbering its parties)."""
    query = select(Case).where(Case.case_no == case_no.strip())
    case = s.exec(query.with_for_update() if lock else query).first()
    if case is None:
        raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号（可用 cases --search 查找）")
    return case


def answers_row(s: Session, case: Case, kind: str) -> CaseAnswers | None:
    """The case's kept questionnaire answers of one kind (rights, classification, worktime)."""
    return s.exec(select(CaseAnswers).where(CaseAnswers.case_id == case.id,
                                            CaseAnswers.kind == kind)).first()


def keep_answers(s: Session, case: Case, kind: str, answers: dict[str, Any], user: str) -> None:
    """Replace the case's answers of one kind (one row per case and kind), in the caller's
    transaction."""
    row = answers_row(s, case, kind)
    if row is None:
        assert case.id is not None
        row = CaseAnswers(case_id=case.id, kind=kind)
        s.add(row)
    row.answers, row.updated_at, row.updated_by = answers, utcnow(), user


def insert_case(s: Session, case: Case, parties: list[PartyInput]) -> list[Party]:
    """Insert a new case with its parties (seq in order). The search text is known before the
    insert, so the case is written once (version 1)."""
    rows = [party_from_input(p, 0, i + 1) for i, p in enumerate(parties)]
    case.search_text = build_search_text(case, rows)
    s.add(case)
    s.flush()
    assert case.id is not None
    for party in rows:
        party.case_id = case.id
    s.add_all(rows)
    s.flush()
    return rows


LIST_COLUMNS = (Case.id, Case.case_no, Case.received_on, Case.city, Case.occupation,
                Case.platform, Case.category, Case.stage, Case.status, Case.collective,
                Case.summary)


class CaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.organisations = OrganisationService(ctx)

    # --- writing ---------------------------------------------------------------------------
    def create_case(self, data: CaseInput) -> CreatedCase:
        """Validate everything first; then write the case, parties and claims in one transaction."""
        warnings = raise_if_errors(validate_case(data, self.ctx.today()))
        org_id = data.organisation_id or self.organisations.default_id()
        with self.ctx.session() as s:
            org = s.get(Organisation, org_id)
            if org is None:
                raise ValidationFailed([FieldError("organisation_id", "所选组织不存在")])
            case = Case(
                case_no=next_case_no(s, org, data.received_on.year), organisation_id=org_id,
                intake_channel=data.intake_channel, received_on=data.received_on,
                accepted_on=data.accepted_on, province=data.province.strip(),
                city=data.city.strip(), district=data.district.strip(), category=data.category,
                category_reason=data.category_reason, occupation=data.occupation.strip(),
                platform=data.platform.strip(), collective=data.collective,
                representatives=data.representatives.strip(), summary=data.summary.strip(),
                facts=data.facts.strip(),
            )
            if data.accepted_on is not None:
                case.state, case.stage = "mediation.accepted", "mediation"
            parties = insert_case(s, case, data.parties)
            assert case.id is not None
            for i, c in enumerate(data.claims):
                amount, _ = parse_amount(c.amount, f"claims[{i}].amount")
                owner = parties[c.party_index].id if c.party_index is not None else None
                s.add(Claim(case_id=case.id, party_id=owner, seq=i + 1, claim_type=c.claim_type,
                            description=c.description.strip(), amount=amount,
                            period_start=c.period_start, period_end=c.period_end))
            if data.classification_answers:  # the answers behind the category, for later review
                s.add(CaseAnswers(case_id=case.id, kind=CLASSIFICATION,
                                  answers=dict(data.classification_answers),
                                  updated_by=self.ctx.user))
            # The timeline starts with the application; its deadlines follow from it.
            s.add(CaseEvent(case_id=case.id, kind="application.received",
                            occurred_on=data.received_on, created_by=self.ctx.user))
            if data.accepted_on is not None:
                s.add(CaseEvent(case_id=case.id, kind="mediation.accepted",
                                occurred_on=data.accepted_on, created_by=self.ctx.user))
            deadline_store.recompute(s, case, self.ctx.today())
            s.commit()
            # 调解仲裁法 art 10: an enterprise committee registering a civil (③) case is told.
            forum = civil_forum_note(CaseFacts(category=case.category, org_kind=org.kind))
            return CreatedCase(case.id, case.case_no,
                               [w.message for w in warnings] + ([forum] if forum else []))

    def refresh_search_text(self, session: Session, case: Case) -> None:
        parties = list(session.exec(select(Party).where(Party.case_id == case.id)))
        case.search_text = build_search_text(case, parties)
        case.updated_at = utcnow()

    # --- reading ---------------------------------------------------------------------------
    def case_id(self, case_no: str) -> int:
        with self.ctx.session() as s:
            found = s.exec(select(Case.id).where(Case.case_no == case_no.strip())).first()
            if found is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号（可用 cases --search 查找）")
            return found

    def get(self, case_no: str) -> Case:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号（可用 cases --search 查找）")
            return case

    def count(self) -> int:
        with self.ctx.session() as s:
            return s.exec(select(func.count()).select_from(Case)).one()

    def list_cases(self, query: CaseQuery) -> CasePage:
        """One page of cases with the total, filtered and sorted in the database."""
        conditions = []
        for name in ("stage", "status", "city", "occupation", "platform", "category",
                     "organisation_id", "collective"):
            value = getattr(query, name)
            if value is not None and value != "":
                conditions.append(getattr(Case, name) == value)
        if query.received_from is not None:
            conditions.append(col(Case.received_on) >= query.received_from)
        if query.received_to is not None:
            conditions.append(col(Case.received_on) <= query.received_to)
        if query.claim_type:
            conditions.append(col(Case.id).in_(
                select(Claim.case_id).where(Claim.claim_type == query.claim_type)))
        sort_name = query.sort if query.sort in SORTABLE else "received_on"
        sort_col = getattr(Case, sort_name)
        order = [sort_col.desc() if query.descending else sort_col.asc(),
                 col(Case.id).desc() if query.descending else col(Case.id).asc()]
        offset, limit = max(query.offset, 0), max(query.limit, 0)
        dialect = self.ctx.engine.dialect.name
        with self.ctx.session() as s:
            search = plan_search(s, query.search, dialect,
                                 alone=not conditions, date_order=sort_name == "received_on",
                                 descending=query.descending, offset=offset, limit=limit)
            total, capped = search.total, search.capped
            if search.condition is not None:
                conditions.append(search.condition)
                if total is None:  # a search among other filters: its count stops too
                    total, capped = capped_count(s, conditions)
            if total is None:
                total = s.exec(select(func.count()).select_from(Case).where(*conditions)).one()
            # Only the listed columns: facts and search text would be loaded for nothing.
            if search.page is not None:  # the page's ids, already read off the index in order
                listed = select(*LIST_COLUMNS).where(among(Case.id, search.page, dialect))
            else:
                listed = select(*LIST_COLUMNS).where(*conditions).offset(offset).limit(limit)
            cases = list(s.exec(listed.order_by(*order)))
            names = self._party_names(s, [c.id for c in cases if c.id is not None], dialect)
        rows = [CaseRow(
            id=c.id or 0, case_no=c.case_no, received_on=c.received_on,
            applicants="、".join(names[(c.id, PartyRole.APPLICANT)]),
            respondents="、".join(names[(c.id, PartyRole.RESPONDENT)]),
            city=c.city, occupation=c.occupation, platform=c.platform, category=c.category,
            stage=c.stage, status=c.status, collective=c.collective, summary=c.summary,
        ) for c in cases]
        return CasePage(rows, total, capped)

    @staticmethod
    def _party_names(s: Session, case_ids: list[int],
                     dialect: str) -> dict[tuple[int | None, str], list[str]]:
        names: dict[tuple[int | None, str], list[str]] = defaultdict(list)
        if not case_ids:
            return names
        # Core rows, not the ORM's, and in (case, seq) order, which ix_party_register holds, so
        # no sort: a page of a name search gathers the collective cases (60 of 王伟's 200 at
        # a million cases: 1,730 parties), each row of it counts (3.0 → 2.2 ms).
        rows = s.connection().execute(select(Party.case_id, Party.role, Party.name)
                                      .where(among(Party.case_id, case_ids, dialect))
                                      .order_by(Party.case_id, Party.seq))
        for case_id, role, name in rows:
            names[(case_id, role)].append(name)
        return names
