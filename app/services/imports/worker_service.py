"""Adding a collective dispute's workers from a spreadsheet to an existing case, all or nothing.

Each accepted row becomes an applicant (a worker) and, when it has an amount, that worker's
claim. Either every row is good and all are written, or the user chose to write the accepted
rows only; a half-imported list would leave the clerk guessing who is on the case.

A row naming a worker who is already an applicant of the case (the wizard's first worker, or a
list imported again) is recognised: no second party, and no second claim of a type that worker
already holds (a claim the wizard stored without a party belongs to the first applicant), so
the case's total stays right; a claim of a new type is added for that worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select
from stdnum.cn import ric

from app.errors import FieldError, ValidationFailed
from app.knowledge.table_file import RowProblem
from app.models import Case, Claim, Party, utcnow
from app.models.enums import LABELS, ClaimType, PartyKind, PartyRole, PartyType, Sex
from app.services.cases.case_service import case_by_no, party_from_input
from app.services.cases.dto import PartyInput
from app.services.cases.search import build_search_text
from app.services.cases.validation import COLLECTIVE_MINIMUM
from app.services.context import ServiceContext
from app.services.imports.tables import ColumnMappings
from app.services.imports.worker_reader import WorkerFile, WorkerRow, read_worker_file

MAPPING_FILE = "worker-import-mapping.json"
WAGES_DESCRIPTION = "支付拖欠的劳动报酬"


@dataclass(frozen=True)
class WorkerImportReport:
    case_no: str
    accepted: tuple[WorkerRow, ...]
    refused: tuple[RowProblem, ...]
    columns: dict[str, str]  # our field → header text used
    encoding: str | None
    parties_added: int = 0
    claims_added: int = 0
    collective: bool = False  # the case after the import
    recognised: int = 0  # rows naming workers already on the case
    notes: tuple[str, ...] = ()  # "第N行：…" what was not added again, and why
    total_claimed: Decimal = Decimal("0.00")  # the case's claims after the import

    @property
    def written(self) -> bool:
        return self.parties_added > 0 or self.claims_added > 0

    def summary(self) -> str:
        """What was done, in Chinese, for the CLI and the import dialog."""
        text = f"导入劳动者 {self.parties_added} 名、请求 {self.claims_added} 项"
        if self.recognised:
            text += f"；名单中 {self.recognised} 名已是本案申请人，未重复添加"
        text += f"；本案请求金额合计 {self.total_claimed:,.2f} 元"
        return text + ("，已标记为集体争议" if self.collective else "")

    @property
    def refused_lines(self) -> list[str]:
        return [str(p) for p in self.refused]


class WorkerImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.mappings = ColumnMappings(ctx.config.data_dir, MAPPING_FILE)

    def preview(self, case_no: str, path: Path | str,
                mapping: Mapping[str, str] | None = None) -> WorkerImportReport:
        """What `apply` would accept and refuse; writes nothing."""
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            parties = self._parties(s, case)
            claims = self._claims(s, case)
        found = self._read(path, mapping, case, parties)
        plan = _plan(found, parties, claims)
        return self._report(case, found, plan, claims)

    def apply(self, case_no: str, path: Path | str, mapping: Mapping[str, str] | None = None,
              *, accepted_only: bool = False) -> WorkerImportReport:
        """Write the workers in one transaction. With refused rows nothing is written, unless
        `accepted_only`: then the accepted rows are written and the refused ones reported.

        The file is read and checked before the write transaction opens, so the case is
        locked (PostgreSQL) only while the rows are written, not while a long list is parsed."""
        with self.ctx.session() as s:
            case = case_by_no(s, case_no)
            parties = self._parties(s, case)
        found = self._read(path, mapping, case, parties)  # no transaction is open here
        if mapping:  # the columns resolved, so the mapping is right: keep it for next time
            self.mappings.remember(case.organisation_id, mapping)
        _refuse(found, accepted_only)
        with self.ctx.session() as s:
            # Locked: two clerks importing into one case must not take the same seq numbers.
            case = case_by_no(s, case_no, lock=True)
            before = {(p.id, p.id_number) for p in parties}
            parties = self._parties(s, case)
            held = self._claims(s, case)
            if {(p.id, p.id_number) for p in parties} != before:  # changed meanwhile: again
                found = self._read(path, mapping, case, parties)
                _refuse(found, accepted_only)
            plan = _plan(found, parties, held)
            if not plan.new and not plan.claims and not plan.addresses:
                return self._report(case, found, plan, held)
            # Read before changing the case: a query would autoflush it and bump its version twice.
            claim_seq = s.exec(select(func.max(Claim.seq))
                               .where(Claim.case_id == case.id)).one() or 0
            first_seq = max((p.seq for p in parties), default=0) + 1
            assert case.id is not None
            added = [party_from_input(_party_input(w), case.id, first_seq + i)
                     for i, w in enumerate(plan.new)]
            s.add_all(added)
            s.flush()  # the new parties' ids, for their claims
            owners = [*zip(added, plan.new, strict=True), *plan.claims]
            claims = []
            for party, worker in owners:
                if worker.amount is None:
                    continue
                claim_seq += 1
                claims.append(Claim(
                    case_id=case.id, party_id=party.id, seq=claim_seq,
                    claim_type=worker.claim_type, description=_description(worker.claim_type),
                    amount=worker.amount, period_start=worker.period_start,
                    period_end=worker.period_end))
            s.add_all(claims)
            for party, worker in plan.addresses:  # the wizard's worker typed without one
                domicile, mailing = worker.addresses()
                party.domicile = party.domicile or domicile
                party.mailing_address = party.mailing_address or mailing
            everyone = parties + added
            case.search_text = build_search_text(case, everyone)
            case.updated_at = utcnow()
            workers = sum(1 for p in everyone
                          if p.role == PartyRole.APPLICANT and p.kind == PartyKind.WORKER)
            if workers >= COLLECTIVE_MINIMUM:  # 调解仲裁法 art 7: ten or more workers
                case.collective = True
            s.commit()
            return self._report(case, found, plan, [*held, *claims],
                                parties_added=len(added), claims_added=len(claims))

    def remembered_mapping(self, organisation_id: int) -> dict[str, str]:
        return self.mappings.remembered(organisation_id)

    # --- helpers -------------------------------------------------------------------------
    def _read(self, path: Path | str, mapping: Mapping[str, str] | None, case: Case,
              parties: list[Party]) -> WorkerFile:
        known = {p.id_number.upper(): p.name for p in parties if p.id_number}
        applicants = {p.id_number.upper(): p.name for p in parties
                      if p.id_number and _is_worker_applicant(p)}
        return read_worker_file(path, mapping,
                                remembered=self.remembered_mapping(case.organisation_id),
                                today=self.ctx.today(), known_ids=known,
                                known_applicants=applicants)

    @staticmethod
    def _parties(s: Session, case: Case) -> list[Party]:
        return list(s.exec(select(Party).where(Party.case_id == case.id).order_by(Party.seq)))

    @staticmethod
    def _claims(s: Session, case: Case) -> list[Claim]:
        return list(s.exec(select(Claim).where(Claim.case_id == case.id).order_by(Claim.seq)))

    @staticmethod
    def _report(case: Case, found: WorkerFile, plan: _Plan, claims: list[Claim], *,
                parties_added: int = 0, claims_added: int = 0) -> WorkerImportReport:
        total = sum((c.amount for c in claims if c.amount is not None), Decimal("0.00"))
        if not parties_added and not claims_added:  # a preview: what the import would add
            total += sum((w.amount for _p, w in plan.claims if w.amount is not None),
                         Decimal("0.00"))
            total += sum((w.amount for w in plan.new if w.amount is not None), Decimal("0.00"))
        return WorkerImportReport(case.case_no, found.accepted, found.refused, found.columns,
                                  found.encoding, parties_added, claims_added, case.collective,
                                  recognised=len(found.accepted) - len(plan.new),
                                  notes=tuple(plan.notes), total_claimed=total)


@dataclass(frozen=True)
class _Plan:
    new: list[WorkerRow]  # rows that become applicants
    claims: list[tuple[Party, WorkerRow]]  # claims of a new type for workers already on the case
    notes: list[str]
    addresses: list[tuple[Party, WorkerRow]]  # workers on the case whose address the list adds


def _is_worker_applicant(party: Party) -> bool:
    return party.role == PartyRole.APPLICANT and party.kind == PartyKind.WORKER


def _plan(found: WorkerFile, parties: list[Party], claims: list[Claim]) -> _Plan:
    """Which rows add a worker, which add a claim to a worker already on the case, and which
    add nothing because the case already holds that worker's claim of that type."""
    applicants = [p for p in parties if _is_worker_applicant(p)]
    by_id = {p.id_number.upper(): p for p in applicants if p.id_number}
    first = min(applicants, key=lambda p: p.seq, default=None)
    new: list[WorkerRow] = []
    more: list[tuple[Party, WorkerRow]] = []
    notes: list[str] = []
    addresses: list[tuple[Party, WorkerRow]] = []
    for worker in found.accepted:
        if not worker.existing:
            new.append(worker)
            continue
        party = by_id[worker.id_number]
        domicile, mailing = worker.addresses()
        if (domicile and not party.domicile) or (mailing and not party.mailing_address):
            addresses.append((party, worker))
        if worker.amount is None:
            continue
        held = [c for c in claims if c.claim_type == worker.claim_type and (
            c.party_id == party.id or (c.party_id is None and first is not None
                                       and party.id == first.id))]
        if not held:
            more.append((party, worker))
            continue
        amount = sum((c.amount for c in held if c.amount is not None), Decimal("0.00"))
        note = (f"第{worker.line}行：{party.name}已是本案申请人，本案已有其“{_description(worker.claim_type)}”"
                f"请求（{amount:,.2f}元），未重复添加")
        if amount != worker.amount:
            note += f"；名单中的金额为{worker.amount:,.2f}元，如需更正请在请求事项中修改"
        notes.append(note)
    return _Plan(new, more, notes, addresses)


def _refuse(found: WorkerFile, accepted_only: bool) -> None:
    if found.refused and not accepted_only:
        raise ValidationFailed([FieldError(f"rows[{p.line}]", str(p)) for p in found.refused])


def _party_input(worker: WorkerRow) -> PartyInput:
    # Sex and birth date are part of the resident ID (GB 11643): fill them for the documents.
    sex = Sex.MALE if int(worker.id_number[16]) % 2 else Sex.FEMALE
    return PartyInput(role=PartyRole.APPLICANT, name=worker.name, party_type=PartyType.PERSON,
                      kind=PartyKind.WORKER, sex=sex, birth_date=ric.get_birth_date(worker.id_number),
                      id_type="resident_id", id_number=worker.id_number, phone=worker.phone,
                      domicile=worker.addresses()[0], mailing_address=worker.addresses()[1])


def _description(claim_type: str) -> str:
    if claim_type == ClaimType.WAGES:
        return WAGES_DESCRIPTION
    return LABELS[(ClaimType, claim_type)]
