"""Committee members (and the side each represents) and the mediator roster."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from app.errors import FieldError, ValidationFailed
from app.models import CommitteeMember, Mediator, Organisation
from app.models.enums import MediatorKind, MemberSide, OrgKind
from app.services.cases.field_checks import check_choice, check_phone, require
from app.services.context import ServiceContext


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    side: str
    title: str
    phone: str


@dataclass(frozen=True)
class MediatorRow:
    id: int
    name: str
    kind: str
    phone: str
    speciality: str
    court_roster_no: str


class RosterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add_member(self, organisation_id: int, name: str, side: str, *, title: str = "",
                   phone: str = "") -> int:
        problems = require(name, "name", "委员姓名") + check_choice(side, MemberSide, "side", "代表方")
        problems += check_phone(phone, "phone")
        with self.ctx.session() as s:
            org = s.get(Organisation, organisation_id)
            if org is None:
                problems.append(FieldError("organisation_id", "所选组织不存在"))
            elif org.kind != OrgKind.ENTERPRISE_COMMITTEE and side != MemberSide.NONE:
                problems.append(FieldError("side", "只有企业劳动争议调解委员会的委员区分工会、职工、企业代表"))
            if problems:
                raise ValidationFailed(problems)
            member = CommitteeMember(organisation_id=organisation_id, name=name.strip(),
                                     side=side, title=title.strip(), phone=phone.strip())
            s.add(member)
            s.commit()
            assert member.id is not None
            return member.id

    def members(self, organisation_id: int) -> list[MemberRow]:
        with self.ctx.session() as s:
            rows = s.exec(select(CommitteeMember)
                          .where(CommitteeMember.organisation_id == organisation_id,
                                 col(CommitteeMember.active))
                          .order_by(col(CommitteeMember.id)))
            return [MemberRow(m.id or 0, m.name, m.side, m.title, m.phone) for m in rows]

    def add_mediator(self, name: str, *, kind: str = MediatorKind.STAFF,
                     organisation_id: int | None = None, phone: str = "",
                     speciality: str = "", court_roster_no: str = "") -> int:
        problems = require(name, "name", "调解员姓名")
        problems += check_choice(kind, MediatorKind, "kind", "调解员类型")
        problems += check_phone(phone, "phone")
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            mediator = Mediator(name=name.strip(), kind=kind, organisation_id=organisation_id,
                                phone=phone.strip(), speciality=speciality.strip(),
                                court_roster_no=court_roster_no.strip())
            s.add(mediator)
            s.commit()
            assert mediator.id is not None
            return mediator.id

    def mediators(self, *, invited_only: bool = False) -> list[MediatorRow]:
        with self.ctx.session() as s:
            query = select(Mediator).where(col(Mediator.active)).order_by(col(Mediator.name))
            if invited_only:
                query = query.where(Mediator.kind == MediatorKind.INVITED)
            return [MediatorRow(m.id or 0, m.name, m.kind, m.phone, m.speciality,
                                m.court_roster_no) for m in s.exec(query)]

    def committee_balance(self, organisation_id: int) -> dict[str, int]:
        """How many members each side has: a committee needs union, worker and enterprise seats."""
        counts = {side.value: 0 for side in (MemberSide.UNION, MemberSide.WORKER,
                                             MemberSide.ENTERPRISE)}
        for member in self.members(organisation_id):
            if member.side in counts:
                counts[member.side] += 1
        return counts
