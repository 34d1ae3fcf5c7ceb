"""A case's deadlines derived from its events: states, restarts, pauses, limitation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import CaseDeadline, DeadlineState, EventRecord, derive_deadlines
from app.workflow.deadlines import RuleTable
from tests.workflow.conftest import d

CAL = HolidayCalendar()
Event = tuple[str, str] | tuple[str, str, Mapping[str, Any]]


def derive(events: list[Event], today: str = "2026-11-23",
           rules: RuleTable | None = None) -> dict[str, CaseDeadline]:
    records = [EventRecord(e[0], d(e[1]), e[2] if len(e) == 3 else {}) for e in events]
    got = derive_deadlines(records, rules or RuleTable(), CAL, d(today))
    return {x.rule_id: x for x in got}


def test_met_missed_open_and_not_applicable() -> None:
    got = derive([("application.received", "2026-11-02"), ("mediation.accepted", "2026-11-04"),
                  ("agreement.signed", "2026-11-10"), ("agreement.effective", "2026-11-10")])
    assert got["mediation.accept"].state == DeadlineState.MET
    assert got["mediation.accept"].completed_on == d("2026-11-04")
    assert got["mediation.no_agreement"].state == DeadlineState.NOT_APPLICABLE
    assert got["mediation.end"].state == DeadlineState.MET
    assert got["confirmation.apply"].due == d("2026-12-10")
    assert got["confirmation.apply"].state == DeadlineState.OPEN
    assert got["review.apply"].due == d("2026-11-25")
    late = derive([("application.received", "2026-11-02"), ("mediation.accepted", "2026-11-12")])
    assert late["mediation.accept"].state == DeadlineState.MISSED
    assert late["mediation.accept"].state_label == "逾期完成"
    assert late["mediation.end"].due == d("2026-11-27")
    waiting = derive([("application.received", "2026-11-02")], today="2026-11-06")
    assert waiting["mediation.accept"].state == DeadlineState.MISSED  # due 11-05
    assert waiting["mediation.accept"].pending


def test_the_brief_s_event_name_for_a_mediation_application_works_too() -> None:
    got = derive([("mediation.application_received", "2026-02-12")], today="2026-02-13")
    assert got["mediation.accept"].due == d("2026-02-24")
    assert got["mediation.accept"].title == "调解委员会决定是否受理调解申请"


def test_choosing_one_route_makes_the_other_moot() -> None:
    got = derive([("agreement.effective", "2026-11-02"), ("confirmation.applied", "2026-11-05")])
    assert got["confirmation.apply"].state == DeadlineState.MET
    assert got["review.apply"].state == DeadlineState.NOT_APPLICABLE
    assert got["confirmation.accept"].due == d("2026-11-09")  # 11-08 Sunday → Monday


def test_windows_elapse_instead_of_being_missed() -> None:
    got = derive([("award.nonfinal", "2026-10-12")])
    assert got["award.nonfinal.sue"].due == d("2026-10-27")
    assert got["award.nonfinal.sue"].state == DeadlineState.ELAPSED
    assert "award.final.worker_sue" not in got


def test_award_received_with_its_kind_in_the_data() -> None:
    final = derive([("award.received", "2026-09-01", {"final": True})], today="2026-09-02")
    assert final["award.final.employer_revoke"].due == d("2026-10-08")
    assert final["award.final.worker_sue"].due == d("2026-09-16")
    assert "award.nonfinal.sue" not in final
    mixed = derive([("award.received", "2026-11-02", {"final": "mixed"})])
    assert {"award.final.worker_sue", "award.final.employer_revoke",
            "award.nonfinal.sue"} <= set(mixed)
    suit = derive([("award.final", "2026-11-02"), ("court.filed", "2026-11-10")])
    assert suit["award.final.worker_sue"].state == DeadlineState.NOT_APPLICABLE


def test_hearing_notice_counts_back_from_the_hearing() -> None:
    late = derive([("hearing.scheduled", "2026-11-18", {"hearing_date": "2026-11-20"}),
                   ("hearing.notice_served", "2026-11-18")])
    assert late["arbitration.hearing_notice"].due == d("2026-11-15")
    assert late["arbitration.hearing_notice"].trigger_date == d("2026-11-20")
    assert late["arbitration.hearing_notice"].state == DeadlineState.MISSED
    ok = derive([("hearing.scheduled", "2026-11-02", {"hearing_date": "2026-11-30"}),
                 ("hearing.notice_served", "2026-11-02")])
    assert ok["arbitration.hearing_notice"].state == DeadlineState.MET
    assert ok["arbitration.postpone"].due == d("2026-11-27")


def test_a_rescheduled_hearing_needs_a_new_notice() -> None:
    got = derive([("hearing.scheduled", "2026-11-02", {"hearing_date": "2026-11-16"}),
                  ("hearing.notice_served", "2026-11-02"),
                  ("hearing.scheduled", "2026-11-10", {"hearing_date": "2026-12-07"})])
    notice = got["arbitration.hearing_notice"]
    assert notice.due == d("2026-12-02") and notice.state == DeadlineState.OPEN


def test_unreadable_hearing_date_is_a_warning_not_a_crash() -> None:
    got = derive([("hearing.scheduled", "2026-11-02", {"hearing_date": "下周一"})])
    assert got["arbitration.hearing_notice"].due is None
    assert "开庭日期" in got["arbitration.hearing_notice"].warnings[0]


def test_award_period_restarts_and_pauses() -> None:
    base: list[Event] = [("arbitration.accepted", "2026-08-24")]
    assert derive(base, today="2026-09-01")["arbitration.award"].due == d("2026-10-08")
    for kind in ("arbitration.claims_changed", "arbitration.party_added",
                 "arbitration.counterclaim_accepted", "arbitration.transferred"):
        restarted = derive(base + [(kind, "2026-09-10")], today="2026-09-11")["arbitration.award"]
        assert restarted.due == d("2026-10-26"), kind  # 09-10 + 45 = 10-25 (Sun) → 10-26
        assert restarted.trigger_date == d("2026-09-10") and "重新计算" in restarted.note
    paused = derive(base + [("arbitration.suspended", "2026-09-01"),
                            ("arbitration.resumed", "2026-09-11")], today="2026-09-12")
    assert paused["arbitration.award"].due == d("2026-10-19")  # +10 days: 10-18 Sun → 10-19
    pending = derive(base + [("arbitration.public_notice", "2026-09-01")], today="2026-09-12")
    assert pending["arbitration.award"].due is None and "中止" in pending["arbitration.award"].note
    extended = derive(base + [("arbitration.extended", "2026-10-01")], today="2026-10-02")
    assert extended["arbitration.award"].state == DeadlineState.NOT_APPLICABLE
    assert extended["arbitration.award_extended"].due == d("2026-10-23")
    awarded = derive(base + [("award.nonfinal", "2026-10-07")], today="2026-10-09")
    assert awarded["arbitration.award"].state == DeadlineState.MET


def test_withdrawal_and_closing_make_pending_duties_moot() -> None:
    got = derive([("arbitration.submitted", "2026-11-02"), ("arbitration.accepted", "2026-11-04"),
                  ("arbitration.withdrawn", "2026-11-05")])
    assert got["arbitration.serve"].state == DeadlineState.NOT_APPLICABLE
    assert got["arbitration.award"].state == DeadlineState.NOT_APPLICABLE
    assert got["arbitration.accept"].state == DeadlineState.MET
    closed = derive([("application.received", "2026-11-02"), ("case.withdrawn", "2026-11-03")])
    assert closed["mediation.accept"].state == DeadlineState.NOT_APPLICABLE


def test_deadlines_into_2027_carry_the_warning() -> None:
    got = derive([("arbitration.accepted", "2026-12-28")], today="2026-12-29")
    assert got["arbitration.serve"].due == d("2027-01-04")
    assert any("2027年无官方" in w for w in got["arbitration.serve"].warnings)


def test_admin_rule_change_is_used() -> None:
    got = derive([("mediation.accepted", "2026-11-02")], rules=RuleTable({"mediation.end": 30}))
    assert got["mediation.end"].due == d("2026-12-02")


def test_limitation_from_events() -> None:
    got = derive([("dispute.known", "2025-11-24"), ("limitation.interrupted", "2026-03-02")])
    assert got["limitation"].due == d("2027-03-02") and got["limitation"].state == "open"
    wage = derive([("dispute.known", "2025-01-05", {"wage_arrears": True})])
    assert wage["limitation.wages"].due is None and wage["limitation.wages"].state == "open"
    left = derive([("dispute.known", "2025-01-05", {"wage_arrears": True}),
                   ("employment.ended", "2025-10-31"), ("arbitration.submitted", "2026-11-02")])
    assert left["limitation.wages"].due == d("2026-11-02")  # 10-31 Sat → Mon 11-02
    assert left["limitation.wages"].state == DeadlineState.MET
    missed = derive([("dispute.known", "2025-06-10")])
    assert missed["limitation"].state == DeadlineState.MISSED


def test_deterministic_and_sorted() -> None:
    events: list[Event] = [("application.received", "2026-11-02"),
                           ("agreement.effective", "2026-11-10"), ("legal_aid.applied", "2026-11-03")]
    first, second = derive(events), derive(list(reversed(events)))
    assert first == second
    records = [EventRecord(k, d(on)) for k, on, *_ in events]
    dues = [x.due for x in derive_deadlines(records, RuleTable(), CAL, d("2026-11-23"))]
    assert dues == sorted(dues)  # type: ignore[type-var]


def test_nothing_is_derived_without_triggers() -> None:
    assert derive([]) == {}


def test_award_windows_run_from_each_partys_receipt() -> None:
    receipts = {"receipts": [{"side": "worker", "party": "张三", "on": "2026-09-03"},
                             {"side": "employer", "on": "2026-09-07"}]}
    got = derive([("award.mixed", "2026-09-01", receipts)])
    assert got["award.final.worker_sue"].due == d("2026-09-18")
    assert got["award.final.employer_revoke"].due == d("2026-10-08")  # 10-07 in the holiday
    nonfinal = got["award.nonfinal.sue"]
    assert (nonfinal.trigger_date, nonfinal.due) == (d("2026-09-07"), d("2026-09-22"))
    assert "用人单位9月7日收到" in nonfinal.note
    later = derive([("award.nonfinal", "2026-09-01"),
                    ("award.served", "2026-09-08", {"side": "employer"})])
    assert later["award.nonfinal.sue"].due == d("2026-09-23")
    estimated = derive([("award.final", "2026-09-01")])
    assert any("按裁决日估算" in w for w in estimated["award.final.worker_sue"].warnings)


def test_nonfinal_effective_on() -> None:
    from app.workflow.case_deadlines import nonfinal_effective_on
    records = [EventRecord("award.nonfinal", d("2026-09-01"),
                           {"receipts": [{"side": "worker", "on": "2026-09-03"}]})]
    day, note = nonfinal_effective_on(records, RuleTable(), CAL)
    assert day == d("2026-09-19") and "劳动者9月3日收到" in note
    assert nonfinal_effective_on([], RuleTable(), CAL) == (None, "")


def test_a_correction_suspends_acceptance_and_its_receipt_restarts_it() -> None:
    waiting = derive([("arbitration.submitted", "2026-11-02"),
                      ("arbitration.correction_requested", "2026-11-03")])
    accept = waiting["arbitration.accept"]
    assert accept.due is None and accept.state == DeadlineState.OPEN and "中止" in accept.note
    assert waiting["arbitration.correct"].state == DeadlineState.MET
    restarted = derive([("arbitration.submitted", "2026-11-02"),
                        ("arbitration.correction_requested", "2026-11-03"),
                        ("arbitration.correction_received", "2026-11-10")])
    assert restarted["arbitration.accept"].due == d("2026-11-16")  # 11-15 Sunday
    decided = derive([("arbitration.submitted", "2026-11-02"),
                      ("arbitration.correction_requested", "2026-11-03"),
                      ("arbitration.accepted", "2026-11-20")])
    assert decided["arbitration.accept"].state == DeadlineState.MET
    assert "未录入" in decided["arbitration.accept"].note


def test_legal_aid_first_when_fewer_than_7_days_remain() -> None:
    close = derive([("award.nonfinal", "2026-11-02"), ("legal_aid.applied", "2026-11-12")])
    first = close["legal_aid.first"]
    assert first.due == d("2026-11-17") and "第四十四条" in first.basis
    assert "先行提供法律援助" in first.note
    far = derive([("award.nonfinal", "2026-11-02"), ("legal_aid.applied", "2026-11-05")])
    assert "legal_aid.first" not in far


def test_excluded_rules_do_not_run() -> None:
    records = [EventRecord("agreement.effective", d("2026-11-10"))]
    got = derive_deadlines(records, RuleTable(), CAL, d("2026-11-23"),
                           excluded=frozenset({"review.apply"}))
    assert {x.rule_id for x in got} == {"confirmation.apply"}
