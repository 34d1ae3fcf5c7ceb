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
    Organisation,
    Setting,
)
from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import CaseDeadline, EventRecord, derive_deadlines
from app.workflow.deadline_rules import RULES_BY_ID
from app.workflow.deadlines import RuleTable
from app.workflow.routing import CaseFacts, arbitrable

# Arbitration review (办案规则 arts 74-78) is for labour disputes: no review period runs for a
# dispute labour arbitration does not take (category ③, or ② where set to the civil route).
REVIEW_RULES = frozenset({"review.apply", "review.decide"})
RULE_OVERRIDES_KEY = "deadline_rule_overrides"
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
    rows = s.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)
                  .order_by(col(CaseEvent.occurred_on), col(CaseEvent.id)))
    return [EventRecord(e.kind, e.occurred_on, e.data or {}) for e in rows]


def excluded_rules(s: Session, case: Case) -> frozenset[str]:
    """The rules that do not apply to this case."""
    org = s.get(Organisation, case.organisation_id)
    route = org.category2_route if org else "arbitration"
    if arbitrable(CaseFacts(category=case.category, category2_route=route)) is not None:
        return REVIEW_RULES
    return frozenset()


def derive_for(s: Session, case: Case, today: date, calendar: HolidayCalendar | None = None,
               rules: RuleTable | None = None) -> list[CaseDeadline]:
    assert case.id is not None
    return derive_deadlines(events_of(s, case.id), rules or rules_for(s),
                            calendar or calendar_for(s), today,
                            excluded=excluded_rules(s, case))


def store(s: Session, case_id: int, deadlines: list[CaseDeadline]) -> None:
    """Replace the stored deadlines of a case (inside the caller's transaction).

    Row by row through the session, not a bulk DELETE: the audit hook sees only what the
    session deletes, and `check` replays the audit log against the table."""
    for row in s.exec(select(CaseDeadlineRow).where(CaseDeadlineRow.case_id == case_id)):
        s.delete(row)
    s.add_all(rows_for(case_id, deadlines))


def rows_for(case_id: int, deadlines: list[CaseDeadline]) -> list[CaseDeadlineRow]:
    """The rows that store a case's derived deadlines."""
    rows = []
    for d in deadlines:
        rule = RULES_BY_ID.get(d.rule_id)
        rows.append(CaseDeadlineRow(case_id=case_id, rule_id=d.rule_id, title=d.title,
                                    kind=rule.kind.value if rule else "duty",
                                    trigger_kind=d.trigger_kind, trigger_date=d.trigger_date,
                                    due=d.due, basis=d.basis, state=d.state.value,
                                    completed_on=d.completed_on, warnings=list(d.warnings),
                                    note=d.note))
    return rows


def recompute(s: Session, case: Case, today: date) -> list[CaseDeadline]:
    s.flush()
    deadlines = derive_for(s, case, today)
    assert case.id is not None
    store(s, case.id, deadlines)
    return deadlines
