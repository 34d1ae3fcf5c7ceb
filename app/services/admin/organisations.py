"""Organisations and their case-number patterns."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, col, select, update

from app.errors import FieldError, NotFound, ValidationFailed
from app.models import Case, CaseCounter, Organisation
from app.models.enums import OrgKind
from app.services.cases.field_checks import check_choice, check_credit_code, check_phone, require
from app.services.context import ServiceContext
from app.services.security.audit import PG_AUDIT_LOCK

DEFAULT_ORG_NAME = "本单位劳动争议调解委员会"


def format_case_no(pattern: str, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def preview_case_numbers(pattern: str, year: int) -> tuple[list[FieldError], str]:
    """What a pattern makes of the year's first two numbers (绍调〔2026〕001号、… ), or why not."""
    problems = check_pattern(pattern)
    if problems:
        return problems, ""
    return [], "、".join(format_case_no(pattern, year, n) for n in (1, 2)) + " …"


def check_pattern(pattern: str) -> list[FieldError]:
    """A pattern must contain {seq} so numbers differ, and must format cleanly."""
    if "{seq" not in pattern:
        return [FieldError("case_no_pattern", "案号格式必须包含 {seq}（序号），例如 企调〔{year}〕{seq:04d}号")]
    try:
        format_case_no(pattern, 2026, 1)
    except (KeyError, ValueError, IndexError) as exc:
        return [FieldError("case_no_pattern", f"案号格式无法使用（{exc}），可用占位符为 {{year}} 和 {{seq}}")]
    return []


def next_case_no(session: Session, organisation: Organisation, year: int) -> str:
    """Take the next number for the year inside the caller's transaction (row locked on PostgreSQL)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # FOR UPDATE locks nothing while the year's counter row does not exist yet: two clerks
        # registering the year's first cases at once would both insert it and one would fail.
        # The audit log's lock orders them: every writing transaction takes it at its first
        # flush anyway, so taking it earlier here adds no wait and no lock order to deadlock on
        # (the counter row itself stays an audited write).
        session.exec(text("SELECT pg_advisory_xact_lock(:k)")  # type: ignore[call-overload]
                     .bindparams(k=PG_AUDIT_LOCK))
    if dialect == "sqlite":
        # SQLite has no FOR UPDATE, and the driver runs a SELECT outside the transaction: a
        # write that changes nothing takes the database's write lock first, so two clerks
        # cannot both read the same last number (the audit log would record both steps).
        session.exec(update(CaseCounter)  # type: ignore[call-overload]
                     .where(col(CaseCounter.organisation_id) == organisation.id,
                            col(CaseCounter.year) == year)
                     .values(last_seq=CaseCounter.last_seq))
    counter = session.exec(
        select(CaseCounter)
        .where(CaseCounter.organisation_id == organisation.id, CaseCounter.year == year)
        .with_for_update()
    ).first()
    if counter is None:
        assert organisation.id is not None
        counter = CaseCounter(organisation_id=organisation.id, year=year, last_seq=0)
    # A number may already be taken by a case imported from another system's register:
    # skip over it rather than fail on the unique case number.
    while True:
        counter.last_seq += 1
        case_no = format_case_no(organisation.case_no_pattern, year, counter.last_seq)
        if session.exec(select(Case.id).where(Case.case_no == case_no)).first() is None:
            break
    session.add(counter)
    return case_no


@dataclass(frozen=True)
class OrganisationDetails:
    """An organisation as its settings page and its documents show it."""

    id: int
    name: str
    short_name: str
    kind: str
    province: str
    city: str
    address: str
    phone: str
    credit_code: str
    case_no_pattern: str
    version: int
    district: str = ""
    seal_holder: str = ""


class OrganisationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def default_id(self) -> int:
        """The organisation new cases belong to unless another is named; created on first use."""
        with self.ctx.session() as s:
            org = s.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]
            if org is None:
                org = Organisation(name=DEFAULT_ORG_NAME, short_name="调委会",
                                   kind=OrgKind.ENTERPRISE_COMMITTEE,
                                   case_no_pattern="企调〔{year}〕{seq:04d}号")
                s.add(org)
                s.commit()
            assert org.id is not None
            return org.id

    def create(self, name: str, kind: str, *, city: str = "", province: str = "",
               case_no_pattern: str = "调〔{year}〕{seq:04d}号", short_name: str = "") -> int:
        problems = require(name, "name", "组织名称") + check_choice(kind, OrgKind, "kind", "组织类型")
        problems += check_pattern(case_no_pattern)
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            if s.exec(select(Organisation).where(Organisation.name == name.strip())).first():
                raise ValidationFailed([FieldError("name", f"组织“{name}”已存在")])
            org = Organisation(name=name.strip(), kind=kind, city=city, province=province,
                               case_no_pattern=case_no_pattern, short_name=short_name)
            s.add(org)
            s.commit()
            assert org.id is not None
            return org.id

    def get(self, organisation_id: int) -> Organisation:
        with self.ctx.session() as s:
            org = s.get(Organisation, organisation_id)
            if org is None:
                raise NotFound(f"找不到编号为 {organisation_id} 的组织")
            return org

    def names(self) -> list[tuple[int, str]]:
        """Every organisation's id and name, for choosers (statistics by organisation)."""
        with self.ctx.session() as s:
            return [(i, n) for i, n in s.exec(select(Organisation.id, Organisation.name)
                                               .order_by(Organisation.id)) if i is not None]

    def find_by_name(self, name: str) -> Organisation | None:
        with self.ctx.session() as s:
            return s.exec(select(Organisation).where(Organisation.name == name)).first()

    def details(self, organisation_id: int | None = None) -> OrganisationDetails:
        org = self.get(organisation_id or self.default_id())
        assert org.id is not None
        return OrganisationDetails(org.id, org.name, org.short_name, org.kind, org.province,
                                   org.city, org.address, org.phone, org.credit_code,
                                   org.case_no_pattern, org.version, org.district,
                                   org.seal_holder)

    def update(self, organisation_id: int, *, name: str, address: str = "", phone: str = "",
               case_no_pattern: str, short_name: str = "", credit_code: str = "",
               province: str = "", city: str = "", district: str = "", seal_holder: str = "",
               kind: str | None = None) -> OrganisationDetails:
        """Change the particulars printed on documents; validated, one transaction."""
        problems = require(name, "name", "组织名称") + check_pattern(case_no_pattern)
        if kind is not None:
            problems += check_choice(kind, OrgKind, "kind", "组织类型")
        problems += check_phone(phone, "phone") + check_credit_code(credit_code, "credit_code")
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            org = s.get(Organisation, organisation_id)
            if org is None:
                raise NotFound(f"找不到编号为 {organisation_id} 的组织")
            clash = s.exec(select(Organisation).where(Organisation.name == name.strip(),
                                                      Organisation.id != organisation_id)).first()
            if clash is not None:
                raise ValidationFailed([FieldError("name", f"组织“{name.strip()}”已存在")])
            org.name, org.short_name = name.strip(), short_name.strip()
            org.address, org.phone = address.strip(), phone.strip()
            org.credit_code, org.case_no_pattern = credit_code.strip().upper(), case_no_pattern
            org.province, org.city = province.strip(), city.strip()
            org.district, org.seal_holder = district.strip(), seal_holder.strip()
            if kind is not None:
                org.kind = kind
            s.commit()
        return self.details(organisation_id)
