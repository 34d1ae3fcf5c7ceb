"""A case's deadlines, derived from scratch from its events each time (pure, deterministic)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadline_rules import DeadlineRule, Direction, Kind
from app.workflow.deadlines import DeadlineResult, RuleTable, compute_due
from app.workflow.limitation import Suspension, compute_limitation

# A mixed award is final for some items and non-final for others: both sets of periods run.
TRIGGER_KINDS: dict[str, tuple[str, ...]] = {
    "award.final": ("award.final", "award.mixed"),
    "award.nonfinal": ("award.nonfinal", "award.mixed"),
}
AWARD_RULES = ("arbitration.award", "arbitration.award_extended")
# 办案规则 art 46: these restart the award period; suspension time is excluded.
AWARD_RESTART = "arbitration.restarted"
AWARD_SUSPEND, AWARD_RESUME = "arbitration.suspended", "arbitration.resumed"


class DeadlineState(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    ELAPSED = "elapsed"  # a window (e.g. the time to sue) that ran out
    NOT_APPLICABLE = "not_applicable"


STATE_LABELS = {DeadlineState.OPEN: "进行中", DeadlineState.MET: "已完成",
                DeadlineState.MISSED: "已逾期", DeadlineState.ELAPSED: "已届满",
                DeadlineState.NOT_APPLICABLE: "不适用"}


@dataclass(frozen=True)
class EventRecord:
    kind: str
    on: date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseDeadline:
    rule_id: str
    title: str
    trigger_kind: str
    trigger_date: date
    due: date | None
    basis: str
    state: DeadlineState
    warnings: tuple[str, ...] = ()
    note: str = ""
    completed_on: date | None = None  # when the duty was done (late if after `due`)

    @property
    def state_label(self) -> str:
        if self.state == DeadlineState.MISSED and self.completed_on is not None:
            return "逾期完成"
        return STATE_LABELS[self.state]

    @property
    def pending(self) -> bool:
        """Still to be done: open, or overdue and not done."""
        return self.state in (DeadlineState.OPEN, DeadlineState.MISSED) and self.completed_on is None


def _latest(events: Sequence[EventRecord], kinds: tuple[str, ...]) -> EventRecord | None:
    found = [e for e in events if e.kind in kinds]
    return found[-1] if found else None


def _state(rule: DeadlineRule, trigger: date, due: date | None, events: Sequence[EventRecord],
           today: date) -> tuple[DeadlineState, date | None]:
    after = [e for e in events if e.on >= trigger or rule.direction == Direction.BEFORE]
    done = next((e for e in after if e.kind in rule.satisfied_by), None)
    if done is not None:
        late = due is not None and done.on > due
        return (DeadlineState.MISSED if late else DeadlineState.MET), done.on
    if any(e.kind in rule.moot_by for e in after if e.on >= trigger):
        return DeadlineState.NOT_APPLICABLE, None
    if due is not None and today > due:
        return (DeadlineState.ELAPSED if rule.kind == Kind.WINDOW else DeadlineState.MISSED), None
    return DeadlineState.OPEN, None


def _award_due(rule: DeadlineRule, events: Sequence[EventRecord], start: EventRecord,
               calendar: HolidayCalendar) -> tuple[DeadlineResult, str]:
    restart = _latest([e for e in events if e.on >= start.on], (AWARD_RESTART,))
    trigger = restart.on if restart else start.on
    result = compute_due(rule, trigger, calendar)
    paused, note = 0, "自重新计算之日起" if restart else ""
    pending: date | None = None
    for e in events:
        if e.on < trigger:
            continue
        if e.kind == AWARD_SUSPEND:
            pending = e.on
        elif e.kind == AWARD_RESUME and pending is not None:
            paused += (e.on - pending).days
            pending = None
    if paused:
        extended = compute_due(rule, trigger + timedelta(days=paused), calendar)
        result = DeadlineResult(rule.id, trigger, extended.due, rule.basis, extended.warnings)
        note += f"扣除中止期间{paused}日"
    if pending is not None:
        note += f"自{pending:%Y年%m月%d日}起中止，恢复后顺延"
    return result, note


def derive_deadlines(events: Sequence[EventRecord], rules: RuleTable,
                     calendar: HolidayCalendar, today: date) -> list[CaseDeadline]:
    ordered = sorted(events, key=lambda e: e.on)
    out: list[CaseDeadline] = []
    for rule in rules.all():
        if rule.id.startswith("limitation"):
            continue  # computed below with interruptions and suspensions
        if rule.id == "arbitration.award_extended" and not _latest(ordered, ("arbitration.extended",)):
            continue
        start = _latest(ordered, TRIGGER_KINDS.get(rule.trigger, (rule.trigger,)))
        if start is None:
            continue
        note = ""
        if rule.direction == Direction.BEFORE:
            hearing = start.data.get("hearing_date")
            trigger = date.fromisoformat(hearing) if isinstance(hearing, str) else start.on
            result = compute_due(rule, trigger, calendar)
        elif rule.id in AWARD_RULES:
            result, note = _award_due(rule, ordered, start, calendar)
            trigger = result.trigger
        else:
            result = compute_due(rule, start.on, calendar)
            trigger = start.on
        state, completed = _state(rule, start.on, result.due, ordered, today)
        out.append(CaseDeadline(rule.id, rule.title, start.kind, trigger, result.due, rule.basis,
                                state, result.warnings, note, completed))
    limitation = _limitation(ordered, calendar, today)
    if limitation is not None:
        out.append(limitation)
    return sorted(out, key=lambda d: (d.due or date.max, d.rule_id))


def _limitation(events: Sequence[EventRecord], calendar: HolidayCalendar,
                today: date) -> CaseDeadline | None:
    known = _latest(events, ("dispute.known",))
    ended = _latest(events, ("employment.ended",))
    wage = any(e.kind == "dispute.known" and e.data.get("wage_arrears") for e in events)
    if known is None and ended is None:
        return None
    suspensions, pending = [], None
    for e in events:
        if e.kind == "limitation.suspended":
            pending = e.on
        elif e.kind == "limitation.resumed" and pending is not None:
            suspensions.append(Suspension(pending, e.on))
            pending = None
    if pending is not None:
        suspensions.append(Suspension(pending, None))
    result = compute_limitation(
        calendar, known_on=known.on if known else None, wage_arrears=wage,
        employed=wage and ended is None, employment_ended=ended.on if ended else None,
        interruptions=tuple(e.on for e in events if e.kind == "limitation.interrupted"),
        suspensions=tuple(suspensions))
    submitted = _latest(events, ("arbitration.submitted",))
    completed = submitted.on if submitted is not None else None
    if submitted is not None:
        state = DeadlineState.MET if result.due is None or submitted.on <= result.due \
            else DeadlineState.MISSED
    elif result.due is None:
        state = DeadlineState.OPEN if wage else DeadlineState.NOT_APPLICABLE
    else:
        state = DeadlineState.MISSED if today > result.due else DeadlineState.OPEN
    trigger = ended if (wage and ended) else (known or ended)
    assert trigger is not None
    rule_id = "limitation.wages" if wage else "limitation"
    title = "仲裁时效（拖欠劳动报酬）" if wage else "仲裁时效"
    return CaseDeadline(rule_id, title, trigger.kind, trigger.on, result.due, result.basis, state,
                        result.warnings, result.explanation, completed)
