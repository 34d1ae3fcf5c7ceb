"""Statistics over a period, computed by the database (SQL aggregates), never by loading cases.

Definitions (docs/statistics.md): a case is in the period when it was received in it; amounts
are summed in fen by the database; percentiles use the nearest-rank method over a histogram of
whole days that the database counts. Every per-case query reads the covering index
`ix_dispute_case_stats` (migration 0004), never the wide case rows.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, distinct, func, select
from sqlalchemy.orm import Session

from app.models import (
    Case,
    CaseDeadlineRow,
    Claim,
    MediationAgreement,
    MediationSession,
    Mediator,
    Party,
    PerformanceTerm,
)
from app.services.context import ServiceContext


@dataclass(frozen=True)
class Duration:
    count: int
    median_days: float | None
    p90_days: float | None


@dataclass
class Statistics:
    period_from: date
    period_to: date
    received: int = 0
    accepted: int = 0
    refused: int = 0
    withdrawn: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_claim_type: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_occupation: dict[str, int] = field(default_factory=dict)
    by_platform: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_city: dict[str, int] = field(default_factory=dict)
    by_cooperation_kind: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, int] = field(default_factory=dict)  # "2026-11" → cases received
    by_outcome: dict[str, int] = field(default_factory=dict)  # closed cases by final state
    deadlines: dict[str, int] = field(default_factory=dict)  # duties due in the period: met…
    collective_cases: int = 0
    collective_workers: int = 0
    mediated: int = 0
    with_agreement: int = 0
    mediation_success_rate: float | None = None
    amount_claimed: Decimal = Decimal("0.00")
    amount_agreed: Decimal = Decimal("0.00")
    amount_paid: Decimal = Decimal("0.00")
    days_to_accept: Duration | None = None
    days_to_agreement: Duration | None = None
    mediator_workload: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("period_from", "period_to"):
            data[key] = data[key].isoformat()
        for key in ("amount_claimed", "amount_agreed", "amount_paid"):
            data[key] = format(data[key], "f")
        for item in data["by_claim_type"].values():
            item["amount"] = format(item["amount"], "f")
        return data


def _months(first: date, last: date) -> list[str]:
    year, month, out = first.year, first.month, []
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _money(total: Any) -> Decimal:
    # SUM over a Money column keeps the column's type, so the database's fen come back as yuan.
    return Decimal(total or 0).quantize(Decimal("0.01"))


class StatisticsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def compute(self, period_from: date, period_to: date,
                organisation_id: int | None = None) -> Statistics:
        scope: list[ColumnElement[bool]] = [Case.received_on >= period_from,
                                            Case.received_on <= period_to]
        if organisation_id is not None:
            scope.append(Case.organisation_id == organisation_id)
        in_scope = select(Case.id).where(*scope)
        result = Statistics(period_from, period_to)

        def claims(s: Session) -> None:
            for claim_type, n, fen in s.execute(
                    select(Claim.claim_type, func.count(), func.sum(Claim.__table__.c.amount))  # type: ignore[attr-defined]
                    .where(Claim.case_id.in_(in_scope)).group_by(Claim.claim_type)):  # type: ignore[attr-defined]
                result.by_claim_type[claim_type] = {"count": n, "amount": _money(fen)}

        def kinds(s: Session) -> None:
            result.by_cooperation_kind = dict(s.execute(
                select(Party.kind, func.count(distinct(Party.case_id)))
                .where(Party.case_id.in_(in_scope), Party.role == "respondent")  # type: ignore[attr-defined]
                .group_by(Party.kind)).all())

        def agreements(s: Session) -> None:
            result.with_agreement = self._count(s, select(func.count(distinct(
                MediationAgreement.case_id))).where(MediationAgreement.case_id.in_(in_scope)))  # type: ignore[attr-defined]
            self._amounts(s, result, in_scope)

        def deadlines(s: Session) -> None:
            result.deadlines = self._deadlines(s, period_from, period_to, organisation_id)
            collective = select(Case.id).where(*scope, Case.collective.is_(True))  # type: ignore[attr-defined]
            result.collective_workers = self._count(s, select(func.count()).select_from(
                Party).where(Party.case_id.in_(collective), Party.role == "applicant"))  # type: ignore[attr-defined]

        def workload(s: Session) -> None:
            result.mediator_workload = self._workload(s, scope, in_scope)

        # Independent groups of queries, the costliest first, on two connections at once:
        # SQLite and PostgreSQL run a query outside Python's lock, so on two cores a year at
        # 100,000 cases takes about half the time. Each statement reads its own snapshot, as
        # it did in one session (SQLite's driver opens no transaction for a SELECT;
        # PostgreSQL reads committed). Each group fills its own fields; the figures that need
        # two groups are set after all are done.
        self._parallel([lambda s: self._case_counts(s, result, scope), claims, kinds,
                        lambda s: self._days_to_agreement(s, result, scope), workload,
                        agreements, lambda s: self._days_to_accept(s, result, scope),
                        deadlines])
        # Every month of the period, empty ones too: a trend chart needs the zeros.
        result.by_month = {m: result.by_month.get(m, 0) for m in _months(period_from, period_to)}
        result.refused = result.by_status.get("refused", 0)
        result.withdrawn = result.by_status.get("withdrawn", 0)
        result.mediated = result.accepted
        if result.mediated:
            result.mediation_success_rate = round(result.with_agreement / result.mediated, 4)
        # Every claim has a type, so the claimed total is the sum of the per-type totals.
        result.amount_claimed = sum((v["amount"] for v in result.by_claim_type.values()),
                                    Decimal("0.00"))
        return result

    def _parallel(self, tasks: list[Callable[[Session], None]]) -> None:
        """Each task in its own session, two at a time; the first error is raised."""
        def run(task: Callable[[Session], None]) -> None:
            with Session(self.ctx.engine) as s:
                task(s)

        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in [pool.submit(run, task) for task in tasks]:
                done.result()

    @staticmethod
    def _count(s: Session, query: Select[Any]) -> int:
        return int(s.execute(query).scalar() or 0)

    def _case_counts(self, s: Session, result: Statistics,
                     scope: list[ColumnElement[bool]]) -> None:
        """Totals and the counts by stage, status, outcome, category, month, occupation,
        platform and city in two passes over the covering index instead of ten: one GROUP BY
        over the few-valued fields together (a few hundred groups), one over occupation,
        platform and city together; the groups are summed per field here. At 100,000 cases a
        pass costs some 60 ms whatever its grouping, so fewer passes is what counts."""
        collective = case((Case.collective.is_(True), 1), else_=0)  # type: ignore[attr-defined]
        month = self._month(Case.received_on)
        few = s.execute(select(Case.stage, Case.status, Case.state, Case.category, month,
                               func.count(), func.count(Case.accepted_on), func.sum(collective))
                        .where(*scope)
                        .group_by(Case.stage, Case.status, Case.state, Case.category, month))
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for stage, status, state, category, in_month, n, accepted, collectives in few:
            n = int(n)
            result.received += n
            result.accepted += int(accepted)
            result.collective_cases += int(collectives or 0)
            counts["stage"][str(stage)] += n
            counts["status"][str(status)] += n
            counts["category"][str(category)] += n
            counts["month"][str(in_month)] += n
            if stage == "closed":
                counts["outcome"][str(state)] += n
        many = s.execute(select(Case.occupation, Case.platform, Case.city, func.count())
                         .where(*scope).group_by(Case.occupation, Case.platform, Case.city))
        for occupation, platform, city, n in many:
            counts["occupation"][str(occupation)] += int(n)
            counts["platform"][str(platform)] += int(n)
            counts["city"][str(city)] += int(n)
        for key, target in (("stage", result.by_stage), ("status", result.by_status),
                            ("category", result.by_category), ("month", result.by_month),
                            ("outcome", result.by_outcome),
                            ("occupation", result.by_occupation),
                            ("platform", result.by_platform), ("city", result.by_city)):
            # Most cases first, ties by value: the order the reports list them in.
            target.update(sorted(counts[key].items(), key=lambda kv: (-kv[1], kv[0])))

    @staticmethod
    def _amounts(s: Session, result: Statistics, in_scope: Select[Any]) -> None:
        term_amount = PerformanceTerm.__table__.c.amount  # type: ignore[attr-defined]
        agreements = select(MediationAgreement.id).where(MediationAgreement.case_id.in_(in_scope))  # type: ignore[attr-defined]
        agreed, paid = s.execute(select(
            func.sum(term_amount),
            func.sum(case((PerformanceTerm.performed.is_(True), term_amount), else_=0)))  # type: ignore[attr-defined]
            .where(PerformanceTerm.agreement_id.in_(agreements))).one()  # type: ignore[attr-defined]
        result.amount_agreed, result.amount_paid = _money(agreed), _money(paid)

    def _days(self, later: Any, earlier: Any) -> Any:
        if self.ctx.is_sqlite:
            return func.julianday(later) - func.julianday(earlier)
        return later - earlier  # date - date is an integer number of days on PostgreSQL

    def _month(self, day: Any) -> Any:
        if self.ctx.is_sqlite:
            return func.strftime("%Y-%m", day)
        return func.to_char(day, "YYYY-MM")

    @staticmethod
    def _percentiles(s: Session, days: Any, where: list[Any]) -> Duration:
        # Durations are whole days, so the database returns a histogram of a few hundred
        # rows at most, and the nearest-rank percentiles are read off its running total.
        histogram = [(float(d), int(n)) for d, n in s.execute(
            select(days, func.count()).where(*where).group_by(days).order_by(days))]
        n = sum(count for _, count in histogram)
        if n == 0:
            return Duration(0, None, None)

        def rank(p: float) -> float:
            wanted, seen = max(math.ceil(p * n), 1), 0  # nearest-rank percentile
            for value, count in histogram:
                seen += count
                if seen >= wanted:
                    return value
            return histogram[-1][0]

        return Duration(n, rank(0.5), rank(0.9))

    @staticmethod
    def _deadlines(s: Session, period_from: date, period_to: date,
                   organisation_id: int | None) -> dict[str, int]:
        """The statutory duties that fell due in the period (whatever the case's receipt
        date): met in time, missed, or still open. Read through the index on `due`."""
        query = (select(CaseDeadlineRow.state, func.count())
                 .where(CaseDeadlineRow.due >= period_from, CaseDeadlineRow.due <= period_to,  # type: ignore[operator]
                        CaseDeadlineRow.kind == "duty",
                        CaseDeadlineRow.state.in_(["met", "missed", "open"]))  # type: ignore[attr-defined]
                 .group_by(CaseDeadlineRow.state))
        if organisation_id is not None:
            query = query.join(Case, Case.id == CaseDeadlineRow.case_id).where(  # type: ignore[arg-type]
                Case.organisation_id == organisation_id)
        counts = {"met": 0, "missed": 0, "open": 0}
        counts.update({str(k): int(v) for k, v in s.execute(query)})
        return counts

    def _days_to_accept(self, s: Session, result: Statistics,
                        scope: list[ColumnElement[bool]]) -> None:
        result.days_to_accept = self._percentiles(
            s, self._days(Case.accepted_on, Case.received_on),
            [*scope, Case.accepted_on.is_not(None)])  # type: ignore[union-attr]

    def _days_to_agreement(self, s: Session, result: Statistics,
                           scope: list[ColumnElement[bool]]) -> None:
        # Only the agreements of the period's cases: grouping the whole table made a month's
        # statistics grow with the database's history (2 s of 2.1 at 1,000,000 cases).
        in_scope = select(Case.id).where(*scope).correlate(None)
        signed = (select(MediationAgreement.case_id,
                         func.min(MediationAgreement.signed_on).label("signed"))
                  .where(MediationAgreement.case_id.in_(in_scope))  # type: ignore[attr-defined]
                  .group_by(MediationAgreement.case_id).subquery())
        days = self._days(signed.c.signed, Case.accepted_on)
        result.days_to_agreement = self._percentiles(
            s, days, [*scope, Case.id == signed.c.case_id, Case.accepted_on.is_not(None)])  # type: ignore[union-attr]

    @staticmethod
    def _workload(s: Session, scope: list[ColumnElement[bool]],
                  in_scope: Select[Any]) -> list[dict[str, Any]]:
        """Cases, sessions and agreements per assigned mediator (basis for case subsidies)."""
        cases = dict(s.execute(select(Case.mediator_id, func.count()).where(
            *scope, Case.mediator_id.is_not(None)).group_by(Case.mediator_id)).all())  # type: ignore[union-attr]
        if not cases:
            return []
        sessions = dict(s.execute(
            select(Case.mediator_id, func.count(MediationSession.id))
            .join(MediationSession, MediationSession.case_id == Case.id)
            .where(*scope, Case.mediator_id.is_not(None)).group_by(Case.mediator_id)).all())  # type: ignore[union-attr,arg-type]
        agreements = dict(s.execute(
            select(Case.mediator_id, func.count(MediationAgreement.id))
            .join(MediationAgreement, MediationAgreement.case_id == Case.id)
            .where(*scope, Case.mediator_id.is_not(None)).group_by(Case.mediator_id)).all())  # type: ignore[union-attr,arg-type]
        names = dict(s.execute(select(Mediator.id, Mediator.name)
                               .where(Mediator.id.in_(list(cases)))).all())  # type: ignore[union-attr]
        return [{"mediator": names.get(mid, str(mid)), "cases": int(n),
                 "sessions": int(sessions.get(mid, 0)), "agreements": int(agreements.get(mid, 0))}
                for mid, n in sorted(cases.items(), key=lambda kv: (-kv[1], str(kv[0])))]
