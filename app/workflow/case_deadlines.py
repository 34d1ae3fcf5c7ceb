"""A case's deadlines, derived from scratch from its events each time (pure, deterministic)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadline_rules import DeadlineRule, Direction, Kind
from app.workflow.deadlines import DeadlineResult, RuleTable, compute_due
from app.workflow.events import AWARD_PAUSE_KINDS, AWARD_RESTART_KINDS
from app.workflow.limitation import Suspension, compute_limitation

AWARD_RULES = ("arbitration.award", "arbitration.award_extended")
# Closing the file ends every pending duty; withdrawing the arbitration ends its own.
CLOSING_KINDS = ("case.closed", "case.withdrawn")
STAGE_CLOSING = {"arbitration.": ("arbitration.withdrawn",)}
HEARING_KEYS = ("hearing_date", "hearing_on")


class DeadlineState(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    ELAPSED = "elapsed"  # a window (e.g. the time to sue) that ran out unused
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
    title_zh: str
    trigger_kind: str
    trigger_date: date
    due: date | None
    basis: str
    state: DeadlineState
    warnings: tuple[str, ...] = ()
    note: str = ""
    completed_on: date | None = None  # when the duty was done (late if after `due`)
    kind: Kind = Kind.DUTY

    @property
    def title(self) -> str:
        return self.title_zh

    @property
    def state_label(self) -> str:
        if self.state == DeadlineState.MISSED and self.completed_on is not None:
            return "逾期完成"
        return STATE_LABELS[self.state]

    @property
    def pending(self) -> bool:
        """Still to be done: open, or overdue and not done."""
        return self.state in (DeadlineState.OPEN, DeadlineState.MISSED) and self.completed_on is None


def _award_flag(e: EventRecord, *wanted: object) -> bool:
    # award.received carries {"final": true | false | "mixed"}.
    return e.data.get("final") in wanted


# Which recorded events start a rule whose trigger is the key. A mixed award starts the
# periods of both kinds; a plain "award received" event says its kind in its data.
TRIGGER_MATCH: dict[str, Callable[[EventRecord], bool]] = {
    "application.received": lambda e: e.kind in ("application.received",
                                                 "mediation.application_received"),
    "award.final": lambda e: e.kind in ("award.final", "award.mixed")
    or (e.kind == "award.received" and _award_flag(e, True, "mixed")),
    "award.nonfinal": lambda e: e.kind in ("award.nonfinal", "award.mixed")
    or (e.kind == "award.received" and _award_flag(e, False, "mixed")),
}


def _starts(trigger: str, event: EventRecord) -> bool:
    match = TRIGGER_MATCH.get(trigger)
    return match(event) if match else event.kind == trigger


def _latest(events: Sequence[EventRecord], test: Callable[[EventRecord], bool]
            ) -> EventRecord | None:
    found = [e for e in events if test(e)]
    return found[-1] if found else None


def _closing_kinds(rule: DeadlineRule) -> tuple[str, ...]:
    extra = [kinds for prefix, kinds in STAGE_CLOSING.items() if rule.id.startswith(prefix)]
    return rule.moot_by + CLOSING_KINDS + tuple(k for kinds in extra for k in kinds)


def _state(rule: DeadlineRule, start: date, due: date | None, events: Sequence[EventRecord],
           today: date) -> tuple[DeadlineState, date | None]:
    # Only what happened on or after the starting event counts: an earlier notice or answer
    # belonged to an earlier round (a re-scheduled hearing, a re-filed application).
    after = [e for e in events if e.on >= start]
    done = next((e for e in after if e.kind in rule.satisfied_by), None)
    if done is not None:
        late = due is not None and done.on > due
        return (DeadlineState.MISSED if late else DeadlineState.MET), done.on
    if any(e.kind in _closing_kinds(rule) for e in after):
        return DeadlineState.NOT_APPLICABLE, None
    if due is not None and today > due:
        return (DeadlineState.ELAPSED if rule.kind == Kind.WINDOW else DeadlineState.MISSED), None
    return DeadlineState.OPEN, None


def _award_due(rule: DeadlineRule, events: Sequence[EventRecord], start: EventRecord,
               calendar: HolidayCalendar) -> tuple[date, date | None, tuple[str, ...], str]:
    """办案规则 art 46: joinder, changed claims, counterclaim and transfer restart the period
    from their date (a corrected filing is accepted on the day the corrections arrive, which
    is the acceptance event itself); suspension and public-notice service are not counted."""
    later = [e for e in events if e.on >= start.on]
    restart = _latest(later, lambda e: e.kind in AWARD_RESTART_KINDS)
    trigger = restart.on if restart else start.on
    notes = [f"自{trigger:%Y年%m月%d日}起重新计算"] if restart else []
    paused, open_since = 0, None
    ends = {end: begin for begin, end in AWARD_PAUSE_KINDS.items()}
    for e in (e for e in events if e.on >= trigger):
        if e.kind in AWARD_PAUSE_KINDS and open_since is None:
            open_since = e.on
        elif e.kind in ends and open_since is not None:
            paused += (e.on - open_since).days
            open_since = None
    if paused:
        notes.append(f"扣除中止审理、公告送达期间{paused}日")
    if open_since is not None:
        notes.append(f"自{open_since:%Y年%m月%d日}起中止审理（或公告送达），恢复后继续计算")
        return trigger, None, (), "；".join(notes)
    result = compute_due(rule, trigger + timedelta(days=paused), calendar)
    return trigger, result.due, result.warnings, "；".join(notes)


def _hearing_date(event: EventRecord) -> date | None:
    for key in HEARING_KEYS:
        value = event.data.get(key)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    return None


def _one(rule: DeadlineRule, events: Sequence[EventRecord], calendar: HolidayCalendar,
         today: date) -> CaseDeadline | None:
    start = _latest(events, lambda e: _starts(rule.trigger, e))
    if start is None:
        return None
    note = ""
    warnings: tuple[str, ...] = ()
    due: date | None
    if rule.direction == Direction.BEFORE:
        hearing = _hearing_date(start)
        if hearing is None:
            return CaseDeadline(rule.id, rule.title_zh, start.kind, start.on, None, rule.basis,
                                DeadlineState.OPEN, ("未录入或无法识别开庭日期（YYYY-MM-DD），"
                                                     "无法计算此期限",), kind=rule.kind)
        result: DeadlineResult = compute_due(rule, hearing, calendar)
        trigger, due, warnings = hearing, result.due, result.warnings
    elif rule.id in AWARD_RULES:
        trigger, due, warnings, note = _award_due(rule, events, start, calendar)
    else:
        result = compute_due(rule, start.on, calendar)
        trigger, due, warnings = start.on, result.due, result.warnings
    state, completed = _state(rule, start.on, due, events, today)
    return CaseDeadline(rule.id, rule.title_zh, start.kind, trigger, due, rule.basis, state,
                        warnings, note, completed, rule.kind)


def derive_deadlines(events: Sequence[EventRecord], rules: RuleTable,
                     calendar: HolidayCalendar, today: date) -> list[CaseDeadline]:
    """Every deadline the case's events have started, with its state on `today`."""
    ordered = sorted(events, key=lambda e: e.on)  # stable: same-day events keep their order
    out: list[CaseDeadline] = []
    for rule in rules.all():
        if rule.id.startswith("limitation"):
            continue  # computed below with interruptions and suspensions
        if rule.id == "arbitration.award_extended" and \
                _latest(ordered, lambda e: e.kind == "arbitration.extended") is None:
            continue
        deadline = _one(rule, ordered, calendar, today)
        if deadline is not None:
            out.append(deadline)
    limitation = _limitation(ordered, calendar, today)
    if limitation is not None:
        out.append(limitation)
    return sorted(out, key=lambda d: (d.due or date.max, d.rule_id))


def _limitation(events: Sequence[EventRecord], calendar: HolidayCalendar,
                today: date) -> CaseDeadline | None:
    known = _latest(events, lambda e: e.kind == "dispute.known")
    ended = _latest(events, lambda e: e.kind == "employment.ended")
    if known is None and ended is None:
        return None
    wage = any(e.kind == "dispute.known" and e.data.get("wage_arrears") for e in events)
    suspensions: list[Suspension] = []
    pending: date | None = None
    for e in events:
        if e.kind == "limitation.suspended" and pending is None:
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
    submitted = _latest(events, lambda e: e.kind == "arbitration.submitted")
    completed = submitted.on if submitted is not None else None
    if submitted is not None:
        late = result.due is not None and submitted.on > result.due
        state = DeadlineState.MISSED if late else DeadlineState.MET
    elif result.due is None:
        state = DeadlineState.OPEN if (wage or suspensions) else DeadlineState.NOT_APPLICABLE
    else:
        state = DeadlineState.MISSED if today > result.due else DeadlineState.OPEN
    trigger = ended if (wage and ended) else (known or ended)
    assert trigger is not None
    rule_id = "limitation.wages" if wage else "limitation"
    title = "仲裁时效（拖欠劳动报酬）" if wage else "仲裁时效"
    return CaseDeadline(rule_id, title, trigger.kind, trigger.on, result.due, result.basis, state,
                        result.warnings, result.explanation, completed)
