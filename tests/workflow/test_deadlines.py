"""Every deadline rule on dates that cross 2026's holidays, month ends, a leap day and 2027.

Expected dates are worked out by hand from the State Council's 2026 arrangement (Spring
Festival 02-15..02-23 with make-up Saturdays 02-14 and 02-28; Labour Day 05-01..05-05, make-up
05-09; Dragon Boat 06-19..06-21; National Day 10-01..10-07, make-up 09-20 and 10-10).
"""

from __future__ import annotations

from datetime import date

import pytest

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadline_rules import DEFAULT_RULES, RULES_BY_ID
from app.workflow.deadlines import RuleTable, add_months, compute_due
from app.workflow.errors import WorkflowError

CAL = HolidayCalendar()
d = date.fromisoformat

# rule id, trigger date, expected due date — at least one case per rule id.
CASES = [
    ("mediation.accept", "2026-02-12", "2026-02-24"),      # 02-14 make-up Sat counts; festival not
    ("mediation.accept", "2026-04-29", "2026-05-07"),      # 04-30, Labour Day skipped, 05-06, 05-07
    ("mediation.accept", "2026-05-07", "2026-05-11"),      # 05-08, make-up Sat 05-09, Mon 05-11
    ("mediation.no_agreement", "2026-02-01", "2026-02-24"),  # 02-16 in the festival → 02-24
    ("mediation.end", "2026-06-04", "2026-06-22"),         # 06-19 Dragon Boat → Mon 06-22
    ("negotiation.no_reply", "2026-09-15", "2026-09-20"),  # 09-20 is a make-up Sunday: working
    ("review.apply", "2026-01-31", "2026-02-24"),          # 02-15 → after the festival
    ("review.decide", "2026-10-05", "2026-10-10"),         # 10-10 make-up Saturday is a working day
    ("confirmation.apply", "2026-09-02", "2026-10-08"),    # 10-02 → National Day → 10-08
    ("confirmation.accept", "2026-12-29", "2027-01-01"),   # no 2027 data: New Year unknown, warned
    ("confirmation.decide", "2026-01-31", "2026-03-02"),   # 03-02 Monday (month end crossing)
    ("payment_order.accept", "2026-04-26", "2026-05-06"),  # 05-01 → 05-06
    ("payment_order.issue", "2026-06-04", "2026-06-22"),
    ("payment_order.objection", "2026-09-25", "2026-10-10"),  # 10-10 make-up Saturday: working
    ("limitation", "2025-02-28", "2026-02-28"),            # make-up Saturday: a working day
    ("limitation.wages", "2027-03-15", "2028-03-15"),      # beyond data: weekend rule, warned
    ("arbitration.correct", "2026-09-28", "2026-10-08"),
    ("arbitration.accept", "2026-09-28", "2026-10-08"),
    ("arbitration.serve", "2026-12-28", "2027-01-04"),     # 2027-01-02 Sat → Mon 01-04, warned
    ("arbitration.answer", "2026-02-05", "2026-02-24"),
    ("arbitration.serve_answer", "2026-05-26", "2026-06-01"),  # 05-31 Sunday → Mon 06-01
    ("arbitration.tribunal", "2026-06-14", "2026-06-22"),
    ("arbitration.hearing_notice", "2026-10-12", "2026-10-07"),  # 5 days BEFORE, not moved
    ("arbitration.postpone", "2026-10-12", "2026-10-09"),
    ("arbitration.award", "2026-08-24", "2026-10-08"),     # 45 days → 10-08 (holiday ends 10-07)
    ("arbitration.award_extended", "2026-08-24", "2026-10-23"),
    ("award.final.worker_sue", "2026-04-16", "2026-05-06"),
    ("award.final.employer_revoke", "2026-09-01", "2026-10-08"),
    ("award.revoked.sue", "2026-12-20", "2027-01-04"),
    ("award.nonfinal.sue", "2026-01-30", "2026-02-14"),    # make-up Saturday before the festival
    ("award.unenforced.sue", "2026-01-29", "2026-02-28"),  # 02-28 is a make-up Saturday
    ("enforcement.apply", "2024-02-29", "2026-02-28"),     # leap day + 2 years → 02-28 (make-up Sat)
    ("court.file", "2026-06-12", "2026-06-22"),            # 06-19 Dragon Boat → 06-22
    ("appeal.judgment", "2026-09-16", "2026-10-08"),
    ("appeal.ruling", "2026-12-25", "2027-01-04"),
    ("legal_aid.decide", "2026-04-24", "2026-05-06"),
    ("legal_aid.assign", "2026-02-20", "2026-02-24"),
    ("wage_clue.feedback", "2026-09-17", "2026-09-20"),    # 09-20 is a make-up Sunday: working
]


def test_every_rule_id_is_covered() -> None:
    assert {rule for rule, _, _ in CASES} == set(RULES_BY_ID)


@pytest.mark.parametrize("rule_id, trigger, expected", CASES)
def test_rule_dates(rule_id: str, trigger: str, expected: str) -> None:
    result = compute_due(RULES_BY_ID[rule_id], d(trigger), CAL)
    assert result.due == d(expected)
    assert bool(result.warnings) == (result.due.year >= 2027)


def test_make_up_days_are_as_expected_in_the_package() -> None:
    for day in ("2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"):
        assert CAL.is_working_day(d(day)), day
    for day in ("2026-02-15", "2026-02-23", "2026-05-05", "2026-06-19", "2026-10-07"):
        assert not CAL.is_working_day(d(day)), day


def test_2027_dates_warn_and_admin_data_removes_the_warning() -> None:
    rule = RULES_BY_ID["arbitration.serve"]
    plain = compute_due(rule, d("2026-12-28"), CAL)
    assert plain.due == d("2027-01-04") and "2027年没有官方节假日安排数据" in plain.warnings[0]
    # The administrator enters 2027: 01-01..01-03 off, and (say) 01-04 a rest day too.
    admin = HolidayCalendar({d("2027-01-01"): False, d("2027-01-04"): False},
                            official_years={2027})
    entered = compute_due(rule, d("2026-12-28"), admin)
    assert entered.due == d("2027-01-05") and entered.warnings == ()


def test_working_day_counting_into_2027_warns() -> None:
    result = compute_due(RULES_BY_ID["mediation.accept"], d("2026-12-30"), CAL)
    assert result.due == d("2027-01-04") and result.warnings


def test_roll_weekends_setting() -> None:
    no_weekends = HolidayCalendar(roll_weekends=False)
    result = compute_due(RULES_BY_ID["arbitration.serve_answer"], d("2026-05-26"), no_weekends)
    assert result.due == d("2026-05-31")  # Sunday stays when weekends do not roll
    holiday = compute_due(RULES_BY_ID["arbitration.accept"], d("2026-09-28"), no_weekends)
    assert holiday.due == d("2026-10-08")  # statutory holidays still roll


@pytest.mark.parametrize("start, months, expected", [
    ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2028-02-29", 12, "2029-02-28"),
    ("2026-12-15", 1, "2027-01-15"), ("2026-08-31", 13, "2027-09-30"),
])
def test_month_arithmetic(start: str, months: int, expected: str) -> None:
    assert add_months(d(start), months) == d(expected)


def test_rule_table_overrides_only_unverified_rules() -> None:
    table = RuleTable({"mediation.end": 30})
    assert table.get("mediation.end").amount == 30
    with pytest.raises(WorkflowError, match="由法律明确规定"):
        RuleTable({"arbitration.award": 60})
    with pytest.raises(WorkflowError, match="1 到"):
        RuleTable({"mediation.end": 0})
    with pytest.raises(WorkflowError, match="没有编号"):
        RuleTable().get("nope")


def test_every_rule_names_its_basis_and_tag() -> None:
    for rule in DEFAULT_RULES:
        assert rule.basis and rule.tag in {"V", "V2", "S", "U", "local"}, rule.id
        assert rule.editable == (rule.tag in {"U", "S", "local"}), rule.id
