"""The MA1 statistics table (劳动人事争议调解情况, 人社统MA1号) of a month, a quarter or a year.

A case counts by its dates, not by when it was registered in this program: accepted when its
受理日期 (`accepted_on`) falls in the period, closed when its mediation ended in the period (the
first ending event of ma1_form.END_KINDS on or after acceptance), carried over when accepted
before the period and not ended before it. The database narrows the cases to those in hand
during the period and groups parties and claims; the columns are then added up per
organisation. Definitions: docs/statistics.md.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from app.errors import AppError, StorageError
from app.fileutil import atomic_write_bytes
from app.models import Case, CaseEvent, Claim, Organisation, Party
from app.models.enums import PartyRole
from app.services.admin.preferences import DOCUMENT_FONT
from app.services.context import ServiceContext
from app.services.reports.ma1_form import (
    COLLECTIVE_WORKERS,
    END_KINDS,
    OUTCOMES,
    Ma1Row,
    Ma1Table,
    Period,
    leaves,
    make_period,
    org_column,
    type_column,
)
from app.services.workflow import deadline_store

__all__ = ["Ma1Row", "Ma1Service", "Ma1Table", "Period", "make_period"]

TEN_THOUSAND = Decimal("10000")


def _empty() -> dict[str, Any]:
    values: dict[str, Any] = {leaf.key: 0 for leaf in leaves()}
    values["amount"] = Decimal("0")
    return values


def _wan(yuan: Decimal) -> Decimal:
    """Yuan to 万元 with two decimals (half up), as the form's amounts are kept."""
    return (yuan / TEN_THOUSAND).quantize(Decimal("0.01"), ROUND_HALF_UP)


class Ma1Service:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def compute(self, period: Period, organisation_id: int | None = None) -> Ma1Table:
        first, last = period.bounds
        with self.ctx.session() as s:
            orgs = {oid: (name, kind) for oid, name, kind in s.execute(
                select(Organisation.id, Organisation.name, Organisation.kind))}
            if organisation_id is not None and organisation_id not in orgs:
                raise AppError(f"找不到编号为 {organisation_id} 的组织，请核对组织名称")
            cases = self._cases_in_hand(s, first, last, organisation_id)
            ids = select(cases.c.id)
            outcomes: dict[int, set[str]] = defaultdict(set)
            for case_id, kind in s.execute(
                    select(CaseEvent.case_id, CaseEvent.kind)
                    .join(cases, cases.c.id == CaseEvent.case_id)  # type: ignore[arg-type]
                    .where(CaseEvent.occurred_on == cases.c.ended,  # type: ignore[arg-type]
                           CaseEvent.kind.in_(list(END_KINDS)))):  # type: ignore[attr-defined]
                outcomes[case_id].add(END_KINDS[kind])
            applicants = dict(s.execute(
                select(Party.case_id, func.count())
                .where(Party.case_id.in_(ids), Party.role == PartyRole.APPLICANT)  # type: ignore[attr-defined]
                .group_by(Party.case_id)).all())
            first_claim: dict[int, str] = {}
            for case_id, claim_type in s.execute(
                    select(Claim.case_id, Claim.claim_type).where(Claim.case_id.in_(ids))  # type: ignore[attr-defined]
                    .order_by(Claim.case_id, Claim.seq, Claim.id)):
                first_claim.setdefault(case_id, claim_type)
            # SUM over the Money column keeps its type: the fen come back as yuan.
            claimed = {cid: Decimal(yuan or 0) for cid, yuan in s.execute(
                select(Claim.case_id, func.sum(Claim.__table__.c.amount))  # type: ignore[attr-defined]
                .where(Claim.case_id.in_(ids)).group_by(Claim.case_id))}  # type: ignore[attr-defined]
            rows = s.execute(select(cases)).all()
        per_org: dict[int, dict[str, Any]] = defaultdict(_empty)
        yuan: dict[int, Decimal] = defaultdict(Decimal)
        for case_id, org_id, accepted_on, ended in rows:
            v = per_org[org_id]
            if accepted_on < first:
                v["carried"] += 1
            else:
                workers = int(applicants.get(case_id, 0))
                v["accepted"] += 1
                v["workers"] += workers
                if workers >= COLLECTIVE_WORKERS:
                    v["collective"] += 1
                    v["collective_workers"] += workers
                v[type_column(first_claim.get(case_id))] += 1
                v[org_column(orgs[org_id][1])] += 1
            if ended is not None and ended <= last:
                v["closed"] += 1
                found = outcomes.get(case_id, set())
                v[next((o for o in OUTCOMES if o in found), "other_outcome")] += 1
                yuan[org_id] += claimed.get(case_id, Decimal(0))
            else:
                v["open_end"] += 1
        table_rows: list[Ma1Row] = []
        total = _empty()
        total_yuan = Decimal(0)
        for org_id in sorted(per_org, key=lambda o: orgs[o][0]):
            values = per_org[org_id]
            values["amount"] = _wan(yuan[org_id])
            total_yuan += yuan[org_id]
            for key, value in values.items():
                if key != "amount":
                    total[key] += value
            table_rows.append(Ma1Row(orgs[org_id][0], values))
        total["amount"] = _wan(total_yuan)
        table_rows.append(Ma1Row("合计", total))
        unit = orgs[organisation_id][0] if organisation_id is not None else "全部组织"
        return Ma1Table(period, unit, table_rows, self.ctx.today())

    @staticmethod
    def _cases_in_hand(s: Any, first: date, last: date, organisation_id: int | None) -> Any:
        """(id, organisation, accepted_on, ended) of every case accepted by the period's last
        day whose mediation had not ended before its first day."""
        ended = (select(CaseEvent.case_id.label("case_id"),  # type: ignore[attr-defined]
                        func.min(CaseEvent.occurred_on).label("ended"))
                 .join(Case, Case.id == CaseEvent.case_id)  # type: ignore[arg-type]
                 .where(CaseEvent.kind.in_(list(END_KINDS)),  # type: ignore[attr-defined]
                        Case.accepted_on.is_not(None),  # type: ignore[union-attr]
                        CaseEvent.occurred_on >= Case.accepted_on)  # type: ignore[operator]
                 .group_by(CaseEvent.case_id).subquery())
        query = (select(Case.id, Case.organisation_id, Case.accepted_on, ended.c.ended)
                 .outerjoin(ended, ended.c.case_id == Case.id)  # type: ignore[arg-type]
                 .where(Case.accepted_on.is_not(None), Case.accepted_on <= last,  # type: ignore[union-attr,operator]
                        or_(ended.c.ended.is_(None), ended.c.ended >= first)))
        if organisation_id is not None:
            query = query.where(Case.organisation_id == organisation_id)  # type: ignore[arg-type]
        return query.subquery()

    def write(self, period: Period, out_path: Path,
              organisation_id: int | None = None) -> tuple[Path, Ma1Table]:
        """The table as .xlsx or .pdf in the form's layout; the file is replaced atomically."""
        from app.documents.fonts import choose_fonts
        from app.services.reports import ma1_writer
        from app.services.reports.report_service import (
            check_suffix,
            report_write_error,
            write_error,
        )

        suffix = check_suffix(out_path)
        table = self.compute(period, organisation_id)
        if suffix == ".pdf":
            with self.ctx.session() as s:
                font = deadline_store.setting(s, DOCUMENT_FONT, "") or None
            data = ma1_writer.write_pdf(table, choose_fonts(font))
        else:
            data = ma1_writer.write_xlsx(table)
        try:
            atomic_write_bytes(out_path, data)
        except StorageError as exc:
            raise report_write_error(exc, out_path) from exc
        except OSError as exc:
            raise write_error(exc, out_path) from exc
        return out_path, table
