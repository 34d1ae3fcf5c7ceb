"""The deadline calculator (民诉法 art 85; 民诉解释 art 125; 民法典 arts 201-203) and rule table."""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.workflow.calendar import HolidayCalendar, date_zh
from app.workflow.deadline_rules import (
    DEFAULT_RULES,
    RULES_BY_ID,
    DeadlineRule,
    Direction,
    Kind,
    Tag,
    Unit,
)
from app.workflow.errors import BadRuleAmount, RuleNotEditable, UnknownRule

__all__ = ["DEFAULT_RULES", "RULES_BY_ID", "DeadlineResult", "DeadlineRule", "Direction", "Kind",
           "RuleTable", "Tag", "Unit", "add_months", "compute_due"]

MAX_AMOUNT = {Unit.CALENDAR_DAY: 3660, Unit.WORKING_DAY: 2500, Unit.MONTH: 120, Unit.YEAR: 10}
UNIT_LABELS = {Unit.CALENDAR_DAY: "日", Unit.WORKING_DAY: "个工作日", Unit.MONTH: "个月",
               Unit.YEAR: "年"}
# A search for the next working day never needs this many days; past it the data is broken.
MAX_ROLL_DAYS = 60


@dataclass(frozen=True)
class DeadlineResult:
    rule_id: str
    trigger: date
    due: date
    basis: str
    warnings: tuple[str, ...] = ()
    rolled_from: date | None = None  # the nominal end date when it fell on a rest day


class Notes:
    """Collects warnings once each, in the order they arose."""

    def __init__(self, calendar: HolidayCalendar) -> None:
        self.calendar = calendar
        self.items: list[str] = []

    def add(self, text: str | None) -> None:
        if text and text not in self.items:
            self.items.append(text)

    def touch(self, day: date) -> None:
        self.add(self.calendar.warning_for(day))


def add_months(start: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day (Jan 31 + 1 → Feb 28/29)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, month_calendar.monthrange(year, month)[1]))


def roll_forward(day: date, calendar: HolidayCalendar, notes: Notes) -> date:
    """The first day from `day` on which a period may end (民诉法 art 85 ¶3)."""
    notes.touch(day)
    for _ in range(MAX_ROLL_DAYS):
        if calendar.ends_period(day):
            return day
        day += timedelta(days=1)
        notes.touch(day)
    raise BadRuleAmount(f"{date_zh(day)}前连续{MAX_ROLL_DAYS}日均为休息日，节假日数据有误，请检查")


def _count_working_days(start: date, amount: int, step: int, calendar: HolidayCalendar,
                        notes: Notes) -> date:
    day, counted = start, 0
    while counted < amount:
        day += timedelta(days=step)
        notes.touch(day)  # every day counted or skipped depends on the holiday data
        if calendar.is_working_day(day):
            counted += 1
    return day


def compute_due(rule: DeadlineRule, trigger: date, calendar: HolidayCalendar, *,
                amount_override: int | None = None) -> DeadlineResult:
    """The last day of `rule`'s period started (or, for "before" rules, ended) by `trigger`."""
    amount = rule.amount if amount_override is None else _checked_amount(rule, amount_override)
    notes = Notes(calendar)
    if rule.direction == Direction.BEFORE:
        return _before(rule, trigger, amount, calendar, notes)
    rolled_from = None
    if rule.unit == Unit.WORKING_DAY:
        due = _count_working_days(trigger, amount, 1, calendar, notes)
    else:
        if rule.unit == Unit.CALENDAR_DAY:
            nominal = trigger + timedelta(days=amount)  # the start day itself is not counted
        else:
            nominal = add_months(trigger, amount * (12 if rule.unit == Unit.YEAR else 1))
        due = roll_forward(nominal, calendar, notes)
        rolled_from = nominal if due != nominal else None
    return DeadlineResult(rule.id, trigger, due, rule.basis, tuple(notes.items), rolled_from)


def _before(rule: DeadlineRule, event: date, amount: int, calendar: HolidayCalendar,
            notes: Notes) -> DeadlineResult:
    # "Served at least 5 days before the hearing" guarantees the party 5 clear days to prepare.
    # The result is the latest day the act may be done. Rolling it forward to a working day,
    # as art 85 does for a party's own period, would eat into those guaranteed days and hand
    # the party a ground to object to the hearing. So the date stays, and when it is a rest day
    # the clerk is told the last working day before it instead (service on a rest day is valid,
    # but offices are closed).
    if rule.unit == Unit.WORKING_DAY:
        due = _count_working_days(event, amount, -1, calendar, notes)
    elif rule.unit == Unit.CALENDAR_DAY:
        due = event - timedelta(days=amount)
    else:
        due = add_months(event, -amount * (12 if rule.unit == Unit.YEAR else 1))
    if not calendar.is_working_day(due):
        earlier = due
        for _ in range(MAX_ROLL_DAYS):
            earlier -= timedelta(days=1)
            if calendar.is_working_day(earlier):
                break
        notes.touch(due)
        notes.touch(earlier)
        notes.add(f"最迟日{date_zh(due)}为休息日，期限不顺延；"
                  f"如需在工作日办理，应不晚于{date_zh(earlier)}")
    return DeadlineResult(rule.id, event, due, rule.basis, tuple(notes.items))


def _checked_amount(rule: DeadlineRule, amount: object) -> int:
    # bool is an int in Python; True days is a data error, not one day.
    if isinstance(amount, bool) or not isinstance(amount, int) \
            or not 0 < amount <= MAX_AMOUNT[rule.unit]:
        raise BadRuleAmount(f"“{rule.title_zh}”的期限应为 1 到 {MAX_AMOUNT[rule.unit]} 之间的整数"
                            f"（单位：{UNIT_LABELS[rule.unit]}），收到的是“{amount}”")
    return amount


class RuleTable:
    """The default rules with an administrator's changes to the editable ([U]/[S]/local) ones."""

    def __init__(self, overrides: Mapping[str, int] | None = None,
                 rules: tuple[DeadlineRule, ...] = DEFAULT_RULES) -> None:
        self._rules = {rule.id: rule for rule in rules}
        self.overrides = dict(overrides or {})
        for rule_id, amount in self.overrides.items():
            self._rules[rule_id] = self._changed(rule_id, amount)

    def _changed(self, rule_id: str, amount: int) -> DeadlineRule:
        rule = self._rules.get(rule_id)
        if rule is None:
            raise UnknownRule(rule_id)
        if not rule.editable:
            raise RuleNotEditable(f"“{rule.title_zh}”的期限由法律明确规定（{rule.basis}），"
                                  "已核实原文，不能修改")
        return replace(rule, amount=_checked_amount(rule, amount))

    def get(self, rule_id: str) -> DeadlineRule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise UnknownRule(rule_id) from None

    def all(self) -> list[DeadlineRule]:
        return list(self._rules.values())

    def __iter__(self) -> Iterator[DeadlineRule]:
        return iter(self._rules.values())

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def compute(self, rule_id: str, trigger: date, calendar: HolidayCalendar) -> DeadlineResult:
        return compute_due(self.get(rule_id), trigger, calendar)
