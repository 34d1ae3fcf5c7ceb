"""A case's deadlines, derived from scratch from its events each time (pure, deterministic)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from app.workflow.calendar import HolidayCalendar, date_zh
from app.workflow.deadline_rules import DeadlineRule, Direction, Kind
from app.workflow.deadlines import DeadlineResult, RuleTable, compute_due
from app.workflow.events import AWARD_PAUSE_KINDS, AWARD_RESTART_KINDS
from app.workflow.limitation import Suspension, compute_limitation

AWARD_RULES = ("arbitration.award", "arbitration.award_extended")
# Closing the file ends every pending duty; withdrawing the arbitration ends its own.
CLOSING_KINDS = ("case.closed", "case.withdrawn")
STAGE_CLOSING = {"arbitration.": ("arbitration.withdrawn",)}
HEARING_KEYS = ("hearing_date", "hearing_on")
SIDES = {"worker": "劳动者", "employer": "用人单位"}
# Arts 48-50 run "自收到仲裁裁决书之日起": from each party's own receipt. None = every party.
RECEIPT_RULES: dict[str, str | None] = {"award.final.worker_sue": "worker",
                                        "award.final.employer_revoke": "employer",
                                        "award.nonfinal.sue": None}
ESTIMATED = "未录入当事人收到裁决书的日期，按裁决日估算（第四十八条至第五十条自收到裁决书之日起算）"
# The commission's 5 days stop while it waits for corrected materials and run again from
# their receipt (民诉解释 art 126, applied by analogy).
ACCEPTANCE_STARTS = ("arbitration.submitted", "arbitration.correction_received")


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


@dataclass(frozen=True)
class Receipt:
    """One party's receipt of the award (送达): the day its own periods start."""

    party: str
    side: str  # "worker" | "employer" | ""
    on: date


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def award_receipts(events: Sequence[EventRecord], award: EventRecord) -> list[Receipt]:
    """Each party's receipt: listed in the award's data ("receipts": [{"party", "side", "on"}])
    or recorded later as award.served events; a later entry for the same party wins."""
    found: dict[str, Receipt] = {}

    def add(item: Mapping[str, Any], on: date | None) -> None:
        side = str(item.get("side") or "")
        side = side if side in SIDES else ""
        party = str(item.get("party") or SIDES.get(side, "当事人"))
        if on is not None:
            found[party] = Receipt(party, side, on)

    for item in award.data.get("receipts") or ():
        if isinstance(item, Mapping):
            add(item, _date(item.get("on")))
    for e in events:
        if e.kind == "award.served" and e.on >= award.on:
            add(e.data, _date(e.data.get("on")) or e.on)
    return sorted(found.values(), key=lambda r: r.on)


def _receipt_window(rule: DeadlineRule, events: Sequence[EventRecord], award: EventRecord,
                    calendar: HolidayCalendar
                    ) -> tuple[date, date, tuple[str, ...], str]:
    """(start, due, warnings, note) of an art 48-50 window: from the receipt of the party it
    belongs to; for the art 50 window, the last party's, the award taking effect only when
    every party's period has run out."""
    side = RECEIPT_RULES[rule.id]
    receipts = [r for r in award_receipts(events, award) if side is None or r.side == side]
    if not receipts:
        result = compute_due(rule, award.on, calendar)
        return award.on, result.due, result.warnings + (ESTIMATED,), ""
    ends = [(r, compute_due(rule, r.on, calendar)) for r in receipts]
    last, result = max(ends, key=lambda pair: pair[1].due)
    warnings = tuple(w for _, res in ends for w in res.warnings)
    note = "；".join(f"{r.party}{r.on.month}月{r.on.day}日收到，{date_zh(res.due)}届满"
                    for r, res in ends)
    return last.on, result.due, tuple(dict.fromkeys(warnings)), note


def nonfinal_effective_on(events: Sequence[EventRecord], rules: RuleTable,
                          calendar: HolidayCalendar) -> tuple[date | None, str]:
    """The first day a non-final award can take effect (调解仲裁法 art 50), and how it was
    found; (None, "") when the case has no non-final award."""
    ordered = sorted(events, key=lambda e: e.on)
    award = _latest(ordered, lambda e: _starts("award.nonfinal", e))
    if award is None:
        return None, ""
    _, due, warnings, note = _receipt_window(rules.get("award.nonfinal.sue"), ordered, award,
                                             calendar)
    how = note or f"裁决日{date_zh(award.on)}（{ESTIMATED}）"
    return due + timedelta(days=1), f"起诉期：{how}，最迟于{date_zh(due)}届满"


def _starts(trigger: str, event: EventRecord) -> bool:
    match = TRIGGER_MATCH.get(trigger)
    return match(event) if match else event.kind == trigger


def _latest(events: Sequence[EventRecord], test: Callable[[EventRecord], bool]
            ) -> EventRecord | None:
    return next((e for e in reversed(events) if test(e)), None)  # the last one (tests are pure)


@lru_cache(maxsize=1024)  # rules are frozen: the same rule, the same kinds
def _closing_kinds(rule: DeadlineRule) -> frozenset[str]:
    extra = [kinds for prefix, kinds in STAGE_CLOSING.items() if rule.id.startswith(prefix)]
    return frozenset(rule.moot_by + CLOSING_KINDS + tuple(k for kinds in extra for k in kinds))


def _state(rule: DeadlineRule, start: date, due: date | None, events: Sequence[EventRecord],
           today: date) -> tuple[DeadlineState, date | None]:
    # Only what happened on or after the starting event counts: an earlier notice or answer
    # belonged to an earlier round (a re-scheduled hearing, a re-filed application).
    after = [e for e in events if e.on >= start]
    done = next((e for e in after if e.kind in rule.satisfied_by), None)
    if done is not None:
        late = due is not None and done.on > due
        return (DeadlineState.MISSED if late else DeadlineState.MET), done.on
    closing = _closing_kinds(rule)
    if any(e.kind in closing for e in after):
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
    notes = [f"自{date_zh(trigger)}起重新计算"] if restart else []
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
        notes.append(f"自{date_zh(open_since)}起中止审理（或公告送达），恢复后继续计算")
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
    elif rule.id in RECEIPT_RULES:
        trigger, due, warnings, note = _receipt_window(rule, events, start, calendar)
    elif rule.id == "arbitration.accept":
        start = _latest(events, lambda e: e.kind in ACCEPTANCE_STARTS) or start
        waiting = _latest(events, lambda e: e.on >= start.on
                          and e.kind == "arbitration.correction_requested")
        if waiting is not None:
            decided = next((e for e in events if e.on >= start.on
                            and e.kind in rule.satisfied_by), None)
            if decided is None:
                return CaseDeadline(rule.id, rule.title_zh, start.kind, start.on, None,
                                    rule.basis, DeadlineState.OPEN, (),
                                    f"{date_zh(waiting.on)}通知补正，补正期间受理期限中止，"
                                    "自收到补正材料之日起重新计算5日", kind=rule.kind)
            # Decided without the receipt of the corrections on record: they arrived that day
            # at the latest, so the decision is in time.
            start = decided
            note = "补正材料收到日未录入，按作出决定之日计算"
        result = compute_due(rule, start.on, calendar)
        trigger, due, warnings = start.on, result.due, result.warnings
    else:
        result = compute_due(rule, start.on, calendar)
        trigger, due, warnings = start.on, result.due, result.warnings
    state, completed = _state(rule, start.on, due, events, today)
    return CaseDeadline(rule.id, rule.title_zh, start.kind, trigger, due, rule.basis, state,
                        warnings, note, completed, rule.kind)


def derive_deadlines(events: Sequence[EventRecord], rules: RuleTable,
                     calendar: HolidayCalendar, today: date, *,
                     excluded: frozenset[str] = frozenset()) -> list[CaseDeadline]:
    """Every deadline the case's events have started, with its state on `today`. `excluded`
    rules do not apply to the case (e.g. arbitration review of a civil dispute)."""
    ordered = sorted(events, key=lambda e: e.on)  # stable: same-day events keep their order
    kinds = {e.kind for e in ordered}
    out: list[CaseDeadline] = []
    for rule in rules.all():
        if rule.id.startswith("limitation") or rule.id in excluded or rule.id == "legal_aid.first":
            continue  # limitation: computed below with interruptions and suspensions
        if rule.trigger not in TRIGGER_MATCH and rule.trigger not in kinds:
            continue  # nothing started it: what _one finds too, without a pass over the events
        if rule.id == "arbitration.award_extended" and \
                _latest(ordered, lambda e: e.kind == "arbitration.extended") is None:
            continue
        deadline = _one(rule, ordered, calendar, today)
        if deadline is not None:
            out.append(deadline)
    limitation = _limitation(ordered, calendar, today)
    if limitation is not None:
        out.append(limitation)
    first = _legal_aid_first(rules.get("legal_aid.first"), ordered, out, today)
    if first is not None:
        out.append(first)
    return sorted(out, key=lambda d: (d.due or date.max, d.rule_id))


def _legal_aid_first(rule: DeadlineRule, events: Sequence[EventRecord],
                     deadlines: Sequence[CaseDeadline], today: date) -> CaseDeadline | None:
    """法律援助法 art 44(一): when a limitation period or a time to sue or apply ends fewer than
    7 days after the application, legal aid may be given first and the formalities later."""
    applied = _latest(events, lambda e: e.kind == "legal_aid.applied")
    if applied is None:
        return None
    urgent = [d for d in deadlines if d.kind == Kind.WINDOW or d.rule_id.startswith("limitation")]
    urgent = [d for d in urgent if d.due is not None and d.completed_on is None
              and d.state != DeadlineState.NOT_APPLICABLE
              and applied.on <= d.due < applied.on + timedelta(days=rule.amount)]
    if not urgent:
        return None
    soonest = min(urgent, key=lambda d: d.due or date.max)
    assert soonest.due is not None
    state, completed = _state(rule, applied.on, soonest.due, events, today)
    return CaseDeadline(rule.id, rule.title_zh, applied.kind, applied.on, soonest.due,
                        rule.basis, state, (),
                        f"“{soonest.title}”于{date_zh(soonest.due)}届满，不足{rule.amount}日："
                        "可以先行提供法律援助，补办有关手续", completed, rule.kind)


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
