"""Build the calendar and rule table from the database; recompute and store a case's deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from app.models import (
    Case,
    CaseDeadlineRow,
    CaseEvent,
    Holiday,
    HolidayYear,
    MediationAgreement,
    Organisation,
    Party,
    PerformanceTerm,
    ServiceRecord,
    Setting,
)
from app.models.enums import PartyKind, ServiceMethod, label
from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import CaseDeadline, EventRecord, derive_deadlines
from app.workflow.deadline_rules import RULES_BY_ID
from app.workflow.deadlines import RuleTable
from app.workflow.routing import CaseFacts, arbitrable
from app.workflow.service_deadlines import Served, award_events, with_service
from app.workflow.term_deadlines import RULE_ID as TERM_RULE
from app.workflow.term_deadlines import TermRecord, term_deadlines

# Arbitration review (办案规则 arts 74-78) is for labour disputes: no review period runs for a
# dispute labour arbitration does not take (category ③, or ② where set to the civil route).
REVIEW_RULES = frozenset({"review.apply", "review.decide"})
RULE_OVERRIDES_KEY = "deadline_rule_overrides"
# A party's duty under an agreement, not a statutory one: reminded like a duty, but left out of
# the statistics of statutory duties (docs/statistics.md), which count kind "duty".
TERM_KIND = "term"
REMINDED_KINDS = ("duty", TERM_KIND)
ROLL_WEEKENDS_KEY = "roll_weekends"


def setting(s: Session, key: str, default: Any) -> Any:
    row = s.get(Setting, key)
    return default if row is None or row.value is None else row.value


def calendar_for(s: Session) -> HolidayCalendar:
    overrides = {h.day: h.is_workday for h in s.exec(select(Holiday))}
    years = set(s.exec(select(HolidayYear.year)))
    return HolidayCalendar(overrides, years, roll_weekends=bool(setting(s, ROLL_WEEKENDS_KEY, True)))


def rules_for(s: Session) -> RuleTable:
    return RuleTable(setting(s, RULE_OVERRIDES_KEY, {}))


def events_of(s: Session, case_id: int) -> list[EventRecord]:
    """The timeline, with each served award as that party's receipt (award.served)."""
    rows = s.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)
                  .order_by(col(CaseEvent.occurred_on), col(CaseEvent.id)))
    events = [EventRecord(e.kind, e.occurred_on, e.data or {}) for e in rows]
    return events + award_events(served_of(s, case_id))


def _method_label(value: str) -> str:
    try:
        return label(ServiceMethod(value))
    except ValueError:
        return value


def served_of(s: Session, case_id: int) -> list[Served]:
    """The case's service records (送达) as the deadline rules read them."""
    rows = s.exec(select(ServiceRecord, Party).join(Party, col(Party.id) == ServiceRecord.party_id)
                  .where(ServiceRecord.case_id == case_id)
                  .order_by(col(ServiceRecord.served_on), col(ServiceRecord.id)))
    return [Served(p.name, "worker" if p.kind == PartyKind.WORKER else "employer",
                   r.document_kind, r.method, r.served_on, _method_label(r.method))
            for r, p in rows]


def excluded_rules(s: Session, case: Case) -> frozenset[str]:
    """The rules that do not apply to this case."""
    return excluded_for(s.get(Organisation, case.organisation_id), case.category)


def excluded_for(org: Organisation | None, category: str) -> frozenset[str]:
    """`excluded_rules` for a case of `category` at `org`, without the case."""
    route = org.category2_route if org else "arbitration"
    if arbitrable(CaseFacts(category=category, category2_route=route)) is not None:
        return REVIEW_RULES
    return frozenset()


def derive_for(s: Session, case: Case, today: date, calendar: HolidayCalendar | None = None,
               rules: RuleTable | None = None) -> list[CaseDeadline]:
    assert case.id is not None
    events, rules, calendar = events_of(s, case.id), rules or rules_for(s), calendar or calendar_for(s)
    derived = derive_deadlines(events, rules, calendar, today, excluded=excluded_rules(s, case))
    # Each party's own periods from the day a document was served on it (送达).
    derived = with_service(derived, served_of(s, case.id), events, rules, calendar, today)
    terms = term_deadlines(terms_of(s, case.id), events, today)
    return sorted(derived + terms, key=lambda d: (d.due or date.max, d.rule_id))


def terms_of(s: Session, case_id: int) -> list[TermRecord]:
    """The terms of the case's agreements in force (a voided one has no reminders)."""
    rows = s.exec(select(PerformanceTerm)
                  .join(MediationAgreement,
                        col(MediationAgreement.id) == col(PerformanceTerm.agreement_id))
                  .where(MediationAgreement.case_id == case_id,
                         col(MediationAgreement.withdrawn_on).is_(None))
                  .order_by(col(MediationAgreement.signed_on), col(PerformanceTerm.agreement_id),
                            col(PerformanceTerm.seq)))
    return [TermRecord(t.agreement_id, t.seq, t.payer, t.payee, t.amount, t.due_on,
                       t.performed_on, t.performed) for t in rows]


def store(s: Session, case_id: int, deadlines: list[CaseDeadline]) -> None:
    """Replace the stored deadlines of a case (inside the caller's transaction).

    Row by row through the session, not a bulk DELETE: the audit hook sees only what the
    session deletes, and `check` replays the audit log against the table."""
    for row in s.exec(select(CaseDeadlineRow).where(CaseDeadlineRow.case_id == case_id)):
        s.delete(row)
    s.add_all(rows_for(case_id, deadlines))


def rows_for(case_id: int, deadlines: list[CaseDeadline]) -> list[CaseDeadlineRow]:
    """The rows that store a case's derived deadlines."""
    return [CaseDeadlineRow(**values) for values in row_values(case_id, deadlines)]


def row_values(case_id: int, deadlines: list[CaseDeadline]) -> list[dict[str, Any]]:
    """The columns of `rows_for`'s rows, for bulk writers that insert them as they are."""
    rows = []
    for d in deadlines:
        rule = RULES_BY_ID.get(d.rule_id)
        kind = TERM_KIND if d.rule_id == TERM_RULE else rule.kind.value if rule else "duty"
        rows.append(dict(case_id=case_id, rule_id=d.rule_id, title=d.title[:200],
                         kind=kind, trigger_kind=d.trigger_kind,
                         trigger_date=d.trigger_date, due=d.due, basis=d.basis,
                         state=d.state.value, completed_on=d.completed_on,
                         warnings=list(d.warnings), note=d.note))
    return rows


def recompute(s: Session, case: Case, today: date) -> list[CaseDeadline]:
    s.flush()
    deadlines = derive_for(s, case, today)
    assert case.id is not None
    store(s, case.id, deadlines)
    return deadlines
