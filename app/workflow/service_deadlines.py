"""Each party's own periods from the service (送达) of a document on that party (pure).

A served award, payment order or copy of the application starts the period of the party it
was served on, from that party's own day of service:
- 终局裁决书: the worker may sue within 15 days (调解仲裁法 art 48), the employer may apply to
  revoke it within 30 days (art 49);
- 非终局裁决书: each party may sue within 15 days (art 50);
- 支付令: the debtor pays or objects within 15 days (民事诉讼法 art 227);
- 仲裁申请书副本: the respondent answers within 10 days (调解仲裁法 art 30).
公告送达 is deemed served 30 days after the notice is published (民事诉讼法 art 95; in labour
arbitration 办案规则 art 23 applies the civil-procedure rules of service [U]).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import CaseDeadline, EventRecord, _state
from app.workflow.deadlines import RuleTable, compute_due

PUBLIC_NOTICE = "public_notice"
PUBLIC_NOTICE_DAYS = 30
PUBLIC_NOTICE_BASIS = "《中华人民共和国民事诉讼法》第九十五条（公告发出之日起经过三十日视为送达）"
WORKER, EMPLOYER = "worker", "employer"
# document kind → [(rule id, side the rule belongs to; None: any party)]
RULES_FOR_DOCUMENT: dict[str, tuple[tuple[str, str | None], ...]] = {
    "award_final": (("award.final.worker_sue", WORKER),
                    ("award.final.employer_revoke", EMPLOYER)),
    "award_nonfinal": (("award.nonfinal.sue", None),),
    "payment_order": (("payment_order.objection", EMPLOYER),),
    "arbitration_copy": (("arbitration.answer", EMPLOYER),),
}
AWARDS = {"award_final": True, "award_nonfinal": False}


@dataclass(frozen=True)
class Served:
    """One service record as the rules need it."""

    party: str  # the party's name, shown with its deadlines
    side: str  # "worker" | "employer" (the party's side in the dispute)
    document_kind: str  # ServedDocument value
    method: str  # ServiceMethod value
    on: date  # served; for 公告送达 the day the notice was published
    method_label: str = ""

    @property
    def effective_on(self) -> date:
        """The day the document counts as served (公告: 30 days after publication)."""
        if self.method == PUBLIC_NOTICE:
            return self.on + timedelta(days=PUBLIC_NOTICE_DAYS)
        return self.on


def award_events(served: Sequence[Served]) -> list[EventRecord]:
    """The served awards as `award.served` receipts, so the art 50 effect date (the last
    party's period) and the award windows count from the real day of service."""
    return [EventRecord("award.served", s.effective_on,
                        {"party": s.party, "side": s.side, "on": s.effective_on.isoformat(),
                         "final": AWARDS[s.document_kind], "from_service_record": True})
            for s in served if s.document_kind in AWARDS]


def party_deadlines(served: Sequence[Served], events: Sequence[EventRecord], rules: RuleTable,
                    calendar: HolidayCalendar, today: date) -> list[CaseDeadline]:
    """One deadline per (party, period) the service records start; a later service of the same
    kind on the same party replaces the earlier (a re-served document)."""
    latest: dict[tuple[str, str], Served] = {}
    for s in sorted(served, key=lambda x: x.on):
        for rule_id, side in RULES_FOR_DOCUMENT.get(s.document_kind, ()):
            if side is None or side == s.side:
                latest[(rule_id, s.party)] = s
    ordered = sorted(events, key=lambda e: e.on)
    out = []
    for (rule_id, party), s in latest.items():
        rule = rules.get(rule_id)
        start = s.effective_on
        result = compute_due(rule, start, calendar)
        how = s.method_label or s.method
        note = f"{s.on.year}年{s.on.month}月{s.on.day}日{how}{party}"
        basis = rule.basis
        if s.method == PUBLIC_NOTICE:
            note += f"，{start.year}年{start.month}月{start.day}日视为送达"
            basis = f"{basis}；{PUBLIC_NOTICE_BASIS}"
        state, completed = _state(rule, start, result.due, ordered, today)
        out.append(CaseDeadline(rule.id, f"{rule.title_zh}（{party}）", f"service.{s.document_kind}",
                                start, result.due, basis, state, result.warnings, note,
                                completed, rule.kind))
    return out


def with_service(deadlines: Sequence[CaseDeadline], served: Sequence[Served],
                 events: Sequence[EventRecord], rules: RuleTable, calendar: HolidayCalendar,
                 today: date) -> list[CaseDeadline]:
    """The case's deadlines with each party's own periods: a period the service records give
    per party replaces the case-wide one estimated from the award or event date."""
    own = party_deadlines(served, events, rules, calendar, today)
    if not own:
        return list(deadlines)
    covered = {d.rule_id for d in own}
    kept = [d for d in deadlines if d.rule_id not in covered]
    return sorted(kept + own, key=lambda d: (d.due or date.max, d.rule_id, d.title))


__all__ = ["Served", "award_events", "party_deadlines", "with_service"]
