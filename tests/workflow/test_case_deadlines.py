"""A case's deadlines derived from its events: states, restarts, pauses, limitation."""

from __future__ import annotations

from datetime import date

from app.workflow.calendar import HolidayCalendar
from app.workflow.case_deadlines import DeadlineState, EventRecord, derive_deadlines
from app.workflow.deadlines import RuleTable
from app.workflow.limitation import Suspension, compute_limitation

CAL = HolidayCalendar()
d = date.fromisoformat


def derive(events: list[tuple[str, str]], today: str = "2026-11-23", **data: object) -> dict:  # type: ignore[type-arg]
    records = [EventRecord(kind, d(on), dict(data) if kind == "hearing.scheduled" else {})
               for kind, on in events]
    return {x.rule_id: x for x in derive_deadlines(records, RuleTable(), CAL, d(today))}


def test_met_missed_open_and_not_applicable() -> None:
    got = derive([("application.received", "2026-11-02"), ("mediation.accepted", "2026-11-04"),
                  ("agreement.signed", "2026-11-10"), ("agreement.effective", "2026-11-10")])
    assert got["mediation.accept"].state == DeadlineState.MET
    assert got["mediation.no_agreement"].state == DeadlineState.NOT_APPLICABLE
    assert got["mediation.end"].state == DeadlineState.MET
    assert got["confirmation.apply"].due == d("2026-12-10")
    assert got["confirmation.apply"].state == DeadlineState.OPEN
    late = derive([("application.received", "2026-11-02"), ("mediation.accepted", "2026-11-12")])
    assert late["mediation.accept"].state == DeadlineState.MISSED
    assert late["mediation.end"].due == d("2026-11-27")


def test_windows_elapse_instead_of_being_missed() -> None:
    got = derive([("award.nonfinal", "2026-10-12")])
    assert got["award.nonfinal.sue"].due == d("2026-10-27")
    assert got["award.nonfinal.sue"].state == DeadlineState.ELAPSED
    assert "award.final.worker_sue" not in got


def test_mixed_award_starts_both_sets_of_periods() -> None:
    got = derive([("award.mixed", "2026-11-02")])
    assert {"award.final.worker_sue", "award.final.employer_revoke",
            "award.nonfinal.sue"} <= set(got)


def test_hearing_notice_counts_back_from_the_hearing() -> None:
    got = derive([("hearing.scheduled", "2026-11-01")], hearing_date="2026-11-20")
    assert got["arbitration.hearing_notice"].due == d("2026-11-15")
    assert got["arbitration.hearing_notice"].state == DeadlineState.MISSED


def test_award_period_restarts_and_pauses() -> None:
    base = [("arbitration.accepted", "2026-08-24")]
    assert derive(base, today="2026-09-01")["arbitration.award"].due == d("2026-10-08")
    restarted = derive(base + [("arbitration.restarted", "2026-09-10")], today="2026-09-11")
    assert restarted["arbitration.award"].due == d("2026-10-26")  # 09-10 + 45 = 10-25 (Sun)
    paused = derive(base + [("arbitration.suspended", "2026-09-01"),
                            ("arbitration.resumed", "2026-09-11")], today="2026-09-12")
    assert paused["arbitration.award"].due == d("2026-10-19")  # 10 days later: 10-18 Sun → 19
    extended = derive(base + [("arbitration.extended", "2026-10-01")], today="2026-10-02")
    assert extended["arbitration.award"].state == DeadlineState.NOT_APPLICABLE
    assert extended["arbitration.award_extended"].due == d("2026-10-23")


def test_limitation_interrupted_and_suspended() -> None:
    plain = compute_limitation(CAL, known_on=d("2025-06-10"))
    assert plain.due == d("2026-06-10")
    interrupted = compute_limitation(CAL, known_on=d("2025-06-10"),
                                     interruptions=(d("2026-01-05"),))
    assert interrupted.due == d("2027-01-05") and interrupted.warnings
    late_interruption = compute_limitation(CAL, known_on=d("2024-01-10"),
                                           interruptions=(d("2025-03-01"),))
    assert late_interruption.due == d("2025-01-10")  # ran out before the "interruption"
    suspended = compute_limitation(CAL, known_on=d("2025-06-10"),
                                   suspensions=(Suspension(d("2025-07-01"), d("2025-07-31")),))
    assert suspended.due == d("2026-07-10")
    ongoing = compute_limitation(CAL, known_on=d("2025-06-10"),
                                 suspensions=(Suspension(d("2025-07-01"), None),))
    assert ongoing.due is None and "中止" in ongoing.explanation


def test_wage_arrears_rule() -> None:
    employed = compute_limitation(CAL, wage_arrears=True, employed=True, known_on=d("2020-01-01"))
    assert employed.due is None and "不受一年时效限制" in employed.explanation
    left = compute_limitation(CAL, wage_arrears=True, employment_ended=d("2026-03-31"),
                              known_on=d("2020-01-01"))
    assert left.due == d("2027-03-31") and left.warnings
    got = derive([("employment.ended", "2026-03-31"), ("arbitration.submitted", "2026-11-01")])
    assert got["limitation"].state == DeadlineState.MET


def test_nothing_is_derived_without_triggers() -> None:
    assert derive([]) == {}
