"""Service of documents (送达): who was served which document, how, when, by whom, signed
for by whom; and each party's confirmed address for service (送达地址确认书). Each change
is one transaction under the case's version, audited, and recomputes the deadlines, since a
served award, payment order or copy of the application starts that party's own period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.errors import FieldError
from app.models import Case, GeneratedDocument, Party, ServiceAddress, ServiceRecord
from app.models.enums import ServedDocument, ServiceMethod, label
from app.services.cases import field_checks as v
from app.services.cases.witnesses import (
    CaseGuard,
    _row,
    check_length,
    check_line,
    next_seq,
    party_by_seq,
)
from app.services.context import ServiceContext
from app.services.workflow import deadline_store
from app.workflow.service_deadlines import PUBLIC_NOTICE_DAYS

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class ServiceInput:
    party_seq: int
    document_kind: str
    served_on: date
    method: str = ServiceMethod.DIRECT
    document: str = ""  # the title on the receipt; the kind's label when empty
    tracking_no: str = ""  # 邮寄单号, or the e-mail / number of 电子送达
    address: str = ""  # 送达地点
    server: str = ""
    signed_by: str = ""
    note: str = ""


@dataclass(frozen=True)
class ServiceView:
    id: int
    seq: int
    party_seq: int
    party_name: str
    document_kind: str
    document: str
    method: str
    method_label: str
    tracking_no: str
    address: str
    served_on: date
    deemed_served_on: date  # 公告送达: 30 days after publication
    server: str
    signed_by: str
    note: str


@dataclass
class AddressInput:
    address: str
    recipient: str = ""
    phone: str = ""
    email: str = ""
    electronic_consent: bool = False
    confirmed_on: date | None = None


@dataclass(frozen=True)
class AddressView:
    party_seq: int
    party_name: str
    role: str
    address: str
    recipient: str
    phone: str
    email: str
    electronic_consent: bool
    confirmed_on: date | None


def service_problems(data: ServiceInput, today: date) -> list[FieldError]:
    problems = v.check_choice(data.document_kind, ServedDocument, "document_kind", "送达文书")
    problems += v.check_choice(data.method, ServiceMethod, "method", "送达方式")
    if data.document_kind == ServedDocument.OTHER:
        problems += v.require(data.document, "document", "送达文书名称")
    if data.method == ServiceMethod.POST:
        problems += v.require(data.tracking_no, "tracking_no", "邮寄单号")
    if data.method == ServiceMethod.ELECTRONIC:
        problems += v.require(data.tracking_no, "tracking_no", "电子送达地址（邮箱或号码）")
    if data.served_on is None:
        problems.append(FieldError("served_on", "请填写送达日期"))
    else:
        what = "公告发出日期" if data.method == ServiceMethod.PUBLIC_NOTICE else "送达日期"
        problems += v.check_not_future(data.served_on, "served_on", what, today)
    for key, name, limit in (("document", "送达文书名称", 200), ("tracking_no", "单号", 60),
                             ("address", "送达地点", 300), ("server", "送达人", 100),
                             ("signed_by", "签收人", 100), ("note", "备注", 500)):
        problems += check_length(getattr(data, key), limit, key, name)
        problems += check_line(getattr(data, key), key, name)
    return problems


def address_problems(data: AddressInput, today: date) -> list[FieldError]:
    problems = v.require(data.address, "address", "送达地址")
    for key, name, limit in (("address", "送达地址", 300), ("recipient", "代收人", 100),
                             ("email", "电子送达地址", 200)):
        problems += check_length(getattr(data, key), limit, key, name)
        problems += check_line(getattr(data, key), key, name)
    problems += v.check_phone(data.phone, "phone")
    if data.email.strip() and not EMAIL.fullmatch(data.email.strip()):
        problems.append(FieldError("email", "电子邮箱格式不正确，例如 zhang@example.com"))
    if data.electronic_consent and not (data.email.strip() or data.phone.strip()):
        problems.append(FieldError("email", "同意电子送达的，请填写电子邮箱或手机号码"))
    problems += v.check_not_future(data.confirmed_on, "confirmed_on", "确认日期", today)
    return problems


def document_title(kind: str, document: str) -> str:
    if document.strip():
        return document.strip()
    try:
        return label(ServedDocument(kind))
    except ValueError:
        return kind


def method_label(method: str) -> str:
    try:
        return label(ServiceMethod(method))
    except ValueError:
        return method


def deemed_served(method: str, served_on: date) -> date:
    """公告送达 counts as served 30 days after publication (民事诉讼法 art 95)."""
    if method == ServiceMethod.PUBLIC_NOTICE:
        return served_on + timedelta(days=PUBLIC_NOTICE_DAYS)
    return served_on


class ServiceRecordService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.guard = CaseGuard(ctx)

    # --- reads ---------------------------------------------------------------------------
    def case_version(self, case_no: str) -> int:
        """The version a screen shows; its next save is guarded by it."""
        with self.ctx.session() as s:
            version = s.exec(select(Case.version).where(Case.case_no == case_no.strip())).first()
            return int(version or 0)

    def document_titles(self, case_no: str) -> list[str]:
        """The documents generated for the case and not voided, by title (the 送达文书 a clerk
        picks from)."""
        with self.ctx.session() as s:
            case_id = s.exec(select(Case.id).where(Case.case_no == case_no.strip())).first()
            names = s.exec(select(GeneratedDocument.file_name).where(
                GeneratedDocument.case_id == case_id, col(GeneratedDocument.draft).is_(False),
                col(GeneratedDocument.withdrawn_on).is_(None))  # a voided one is not served
                .order_by(col(GeneratedDocument.id)))
            prefix = case_no.strip() + "-"
            titles = (n.rsplit(".", 1)[0].split("-", 1)[-1] if n.startswith(prefix) else
                      n.rsplit(".", 1)[0] for n in names)
            return list(dict.fromkeys(t.lstrip("0123456789-") for t in titles if t))

    def services(self, case_no: str) -> list[ServiceView]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                return []
            rows = s.exec(select(ServiceRecord, Party)
                          .join(Party, col(Party.id) == ServiceRecord.party_id)
                          .where(ServiceRecord.case_id == case.id)
                          .order_by(col(ServiceRecord.seq)))
            return [ServiceView(r.id or 0, r.seq, p.seq, p.name, r.document_kind, r.document,
                                r.method, method_label(r.method), r.tracking_no, r.address,
                                r.served_on, deemed_served(r.method, r.served_on), r.server,
                                r.signed_by, r.note) for r, p in rows]

    def addresses(self, case_no: str) -> list[AddressView]:
        """Every party with its confirmed address (an empty one when not yet confirmed)."""
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                return []
            parties = s.exec(select(Party).where(Party.case_id == case.id)
                             .order_by(col(Party.seq)))
            kept = {a.party_id: a for a in s.exec(select(ServiceAddress).where(
                ServiceAddress.case_id == case.id))}
            out = []
            for p in parties:
                a = kept.get(p.id or 0)
                out.append(AddressView(p.seq, p.name, p.role, a.address if a else "",
                                       a.recipient if a else "", a.phone if a else "",
                                       a.email if a else "",
                                       a.electronic_consent if a else False,
                                       a.confirmed_on if a else None))
            return out

    # --- writes --------------------------------------------------------------------------
    def add_service(self, case_no: str, data: ServiceInput, expected_version: int
                    ) -> tuple[int, int]:
        """Record one service; returns (its id, the case's new version)."""
        v.raise_if_errors(service_problems(data, self.ctx.today()))

        def change(s: Session, case: Case) -> int:
            party = self._party(s, case, data)
            assert case.id is not None and party.id is not None
            row = ServiceRecord(case_id=case.id, seq=next_seq(s, ServiceRecord, case.id),
                                party_id=party.id, **self._values(data))
            s.add(row)
            s.flush()
            deadline_store.recompute(s, case, self.ctx.today())
            assert row.id is not None
            return row.id

        return self.guard.write(case_no, expected_version, change)

    def update_service(self, case_no: str, service_id: int, data: ServiceInput,
                       expected_version: int) -> int:
        v.raise_if_errors(service_problems(data, self.ctx.today()))

        def change(s: Session, case: Case) -> None:
            row = _row(s, ServiceRecord, service_id, case, "送达记录")
            party = self._party(s, case, data)
            assert party.id is not None
            row.party_id = party.id
            for key, value in self._values(data).items():
                setattr(row, key, value)
            deadline_store.recompute(s, case, self.ctx.today())

        return self.guard.write(case_no, expected_version, change)[1]

    def delete_service(self, case_no: str, service_id: int, expected_version: int) -> int:
        def change(s: Session, case: Case) -> None:
            s.delete(_row(s, ServiceRecord, service_id, case, "送达记录"))
            deadline_store.recompute(s, case, self.ctx.today())

        return self.guard.write(case_no, expected_version, change)[1]

    def confirm_address(self, case_no: str, party_seq: int, data: AddressInput,
                        expected_version: int) -> int:
        """Keep (or correct) a party's confirmed address for service."""
        v.raise_if_errors(address_problems(data, self.ctx.today()))

        def change(s: Session, case: Case) -> None:
            party, problems = party_by_seq(s, case, party_seq)
            v.raise_if_errors(problems)
            assert party is not None and party.id is not None and case.id is not None
            row = s.exec(select(ServiceAddress).where(ServiceAddress.party_id == party.id)).first()
            if row is None:
                row = ServiceAddress(case_id=case.id, party_id=party.id)
                s.add(row)
            row.address, row.recipient = data.address.strip(), data.recipient.strip()
            row.phone, row.email = data.phone.strip(), data.email.strip()
            row.electronic_consent = data.electronic_consent
            row.confirmed_on = data.confirmed_on or self.ctx.today()

        return self.guard.write(case_no, expected_version, change)[1]

    @staticmethod
    def _party(s: Session, case: Case, data: ServiceInput) -> Party:
        party, problems = party_by_seq(s, case, data.party_seq)
        if party is not None:
            problems += v.check_not_before(data.served_on, case.received_on, "served_on",
                                           "送达日期", "收到申请日期")
        v.raise_if_errors(problems)
        assert party is not None
        return party

    @staticmethod
    def _values(data: ServiceInput) -> dict[str, object]:
        return {"document_kind": data.document_kind,
                "document": document_title(data.document_kind, data.document),
                "method": data.method, "tracking_no": data.tracking_no.strip(),
                "address": data.address.strip(), "served_on": data.served_on,
                "server": data.server.strip(), "signed_by": data.signed_by.strip(),
                "note": data.note.strip()}
