"""The deadline calculator (民诉法 art 85; 民诉解释 art 125; 民法典 arts 201-203).

- The start day is not counted.
- Months and years end on the corresponding day, or the month's last day if there is none.
- A period that ends on a rest day ends on the next working day instead.
- Working-day periods count working days only.
- "Before" periods (the hearing notice) count back from the event and are not moved: moving the
  latest serving day forward would shorten the notice the law guarantees.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadline_rules import DEFAULT_RULES, DeadlineRule, Direction, Unit
from app.workflow.errors import WorkflowError

MAX_AMOUNT = {Unit.CALENDAR_DAY: 3660, Unit.WORKING_DAY: 2500, Unit.MONTH: 120, Unit.YEAR: 10}


@dataclass(frozen=True)
class DeadlineResult:
    rule_id: str
    trigger: date
    due: date
    basis: str
    warnings: tuple[str, ...] = ()
    rolled_from: date | None = None  # the nominal end date when it fell on a rest day


def add_months(start: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day (Jan 31 + 1 → Feb 28/29)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, month_calendar.monthrange(year, month)[1]))


def compute_due(rule: DeadlineRule, trigger: date, calendar: HolidayCalendar) -> DeadlineResult:
    warnings: list[str] = []

    def note(day: date) -> None:
        text = calendar.warning_for(day)
        if text and text not in warnings:
            warnings.append(text)

    if rule.direction == Direction.BEFORE:
        due = trigger - timedelta(days=rule.amount)
        return DeadlineResult(rule.id, trigger, due, rule.basis)
    rolled_from = None
    if rule.unit == Unit.WORKING_DAY:
        due, counted = trigger, 0
        while counted < rule.amount:
            due += timedelta(days=1)
            note(due)
            if calendar.is_working_day(due):
                counted += 1
    else:
        if rule.unit == Unit.CALENDAR_DAY:
            due = trigger + timedelta(days=rule.amount)
        else:
            due = add_months(trigger, rule.amount * (12 if rule.unit == Unit.YEAR else 1))
        note(due)
        if not calendar.is_working_day(due):
            rolled_from = due
            while not calendar.is_working_day(due):
                due += timedelta(days=1)
                note(due)
    return DeadlineResult(rule.id, trigger, due, rule.basis, tuple(warnings), rolled_from)


class RuleTable:
    """The default rules with an administrator's changes to the editable ones."""

    def __init__(self, overrides: Mapping[str, int] | None = None) -> None:
        self._rules = {rule.id: rule for rule in DEFAULT_RULES}
        for rule_id, amount in (overrides or {}).items():
            self._rules[rule_id] = self._changed(rule_id, amount)

    def _changed(self, rule_id: str, amount: int) -> DeadlineRule:
        rule = self._rules.get(rule_id)
        if rule is None:
            raise WorkflowError("unknown_rule", f"没有编号为“{rule_id}”的期限规则")
        if not rule.editable:
            raise WorkflowError("rule_fixed", f"“{rule.title}”的期限由法律明确规定"
                                              f"（{rule.basis}），不能修改")
        if not 0 < amount <= MAX_AMOUNT[rule.unit]:
            raise WorkflowError("bad_amount", f"期限天数应为 1 到 {MAX_AMOUNT[rule.unit]} 之间的整数")
        return replace(rule, amount=amount)

    def get(self, rule_id: str) -> DeadlineRule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise WorkflowError("unknown_rule", f"没有编号为“{rule_id}”的期限规则，"
                                                "可用 deadline --list 查看") from None

    def all(self) -> list[DeadlineRule]:
        return list(self._rules.values())
