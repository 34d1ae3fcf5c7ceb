"""Every deadline rule on dates that cross 2026's holidays, month ends, a leap day and 2027.

Expected dates are worked out by hand from the 2026 arrangement (see test_calendar.py): the
start day is not counted, an end on a rest day moves to the next working day, make-up
weekend days are working days, and 2027 (no State Council notice yet) knows only the fixed
statutory holidays of 全国年节及纪念日放假办法 art 2, with a warning.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadlines import (
    DEFAULT_RULES,
    RULES_BY_ID,
    DeadlineRule,
    RuleTable,
    Tag,
    Unit,
    add_months,
    compute_due,
)
from app.workflow.errors import RuleNotEditable, UnknownRule, WorkflowError
from tests.workflow.conftest import d

# rule id, trigger, expected due, why — at least one row per rule id of DOMAIN.md §6.
CASES = [
    ("mediation.accept", "2026-02-12", "2026-02-24", "02-13, make-up Sat 02-14, festival, 02-24"),
    ("mediation.accept", "2026-04-29", "2026-05-07", "04-30, Labour Day skipped, 05-06, 05-07"),
    ("mediation.accept", "2026-05-07", "2026-05-11", "05-08, make-up Sat 05-09, Mon 05-11"),
    ("mediation.no_agreement", "2026-02-01", "2026-02-24", "02-16 in the festival"),
    ("mediation.end", "2026-06-04", "2026-06-22", "06-19 Dragon Boat → Mon 06-22"),
    ("negotiation.no_reply", "2026-09-15", "2026-09-20", "09-20 make-up Sunday: working"),
    ("review.apply", "2026-01-31", "2026-02-24", "02-15 first festival day"),
    ("review.decide", "2026-10-05", "2026-10-10", "10-10 make-up Saturday"),
    ("confirmation.apply", "2026-09-02", "2026-10-08", "10-02 National Day → 10-08"),
    ("confirmation.accept", "2026-12-29", "2027-01-04", "元旦 2027 (art 2), weekend → Mon"),
    ("confirmation.decide", "2026-01-31", "2026-03-02", "30 days across February"),
    ("payment_order.accept", "2026-04-26", "2026-05-06", "05-01 → 05-06"),
    ("payment_order.issue", "2026-06-04", "2026-06-22", "06-19 → 06-22"),
    ("payment_order.objection", "2026-09-25", "2026-10-10", "make-up Saturday"),
    ("limitation", "2025-02-28", "2026-02-28", "one year; make-up Saturday"),
    ("limitation.wages", "2027-03-15", "2028-03-15", "beyond the data, warned"),
    ("arbitration.correct", "2026-09-28", "2026-10-08", "10-03 → 10-08"),
    ("arbitration.accept", "2026-03-30", "2026-04-07", "04-04 Qingming → Tue 04-07"),
    ("arbitration.accept", "2026-09-28", "2026-10-08", "10-03 → 10-08"),
    ("arbitration.serve", "2026-09-20", "2026-09-28", "09-25 Mid-autumn → Mon 09-28"),
    ("arbitration.serve", "2026-12-28", "2027-01-04", "2027-01-02 Sat → Mon, warned"),
    ("arbitration.answer", "2026-02-05", "2026-02-24", "02-15 → 02-24"),
    ("arbitration.serve_answer", "2026-05-26", "2026-06-01", "05-31 Sunday → Mon"),
    ("arbitration.tribunal", "2026-06-14", "2026-06-22", "06-19 → 06-22"),
    ("arbitration.hearing_notice", "2026-11-30", "2026-11-25", "5 days before, a Wednesday"),
    ("arbitration.hearing_notice", "2026-10-12", "2026-10-07", "before: a holiday, NOT moved"),
    ("arbitration.postpone", "2026-10-12", "2026-10-09", "3 days before"),
    ("arbitration.award", "2026-08-24", "2026-10-08", "45 days: 10-08, first day after"),
    ("arbitration.award_extended", "2026-08-24", "2026-10-23", "60 days"),
    ("award.final.worker_sue", "2026-04-16", "2026-05-06", "05-01 → 05-06"),
    ("award.final.employer_revoke", "2026-09-01", "2026-10-08", "10-01 → 10-08"),
    ("award.revoked.sue", "2026-12-20", "2027-01-04", "into 2027, warned"),
    ("award.nonfinal.sue", "2026-01-30", "2026-02-14", "make-up Saturday before the festival"),
    ("award.unenforced.sue", "2026-01-29", "2026-02-28", "make-up Saturday after it"),
    ("enforcement.apply", "2024-02-29", "2026-02-28", "leap day + 2 years; make-up Sat"),
    ("court.file", "2026-06-12", "2026-06-22", "06-19 → 06-22"),
    ("appeal.judgment", "2026-09-16", "2026-10-08", "10-01 → 10-08"),
    ("appeal.ruling", "2026-12-25", "2027-01-04", "2027-01-04 Monday, warned"),
    ("legal_aid.decide", "2026-04-24", "2026-05-06", "05-01 → 05-06"),
    ("legal_aid.assign", "2026-02-20", "2026-02-24", "02-23 last festival day"),
    ("wage_clue.feedback", "2026-09-17", "2026-09-20", "make-up Sunday"),
    ("payment_order.refuse_litigation", "2026-09-26", "2026-10-08", "10-03 → 10-08"),
    ("confirmation.objection", "2026-04-16", "2026-05-06", "05-01 → 05-06"),
    ("confirmation.objection_third_party", "2026-03-31", "2026-09-30", "six months, month end"),
    ("extension.apply", "2026-06-09", "2026-06-22", "06-19 Dragon Boat → 06-22"),
    ("award.final.revoke_after_refusal", "2026-01-15", "2026-02-14", "make-up Saturday"),
    ("award.final.revoke_after_suit", "2026-09-08", "2026-10-08", "10-08 first working day"),
    ("legal_aid.first", "2026-11-20", "2026-11-27", "a Friday"),
]


def test_every_rule_id_of_domain_section_6_is_defined_and_tested() -> None:
    domain_ids = {
        "mediation.accept", "mediation.no_agreement", "mediation.end", "negotiation.no_reply",
        "review.apply", "review.decide", "confirmation.apply", "confirmation.accept",
        "confirmation.decide", "payment_order.accept", "payment_order.issue",
        "payment_order.objection", "limitation", "limitation.wages", "arbitration.correct",
        "arbitration.accept", "arbitration.serve", "arbitration.answer",
        "arbitration.serve_answer", "arbitration.tribunal", "arbitration.hearing_notice",
        "arbitration.postpone", "arbitration.award", "arbitration.award_extended",
        "award.final.worker_sue", "award.final.employer_revoke", "award.revoked.sue",
        "award.nonfinal.sue", "award.unenforced.sue", "enforcement.apply", "court.file",
        "appeal.judgment", "appeal.ruling", "legal_aid.decide", "legal_aid.assign",
        "wage_clue.feedback",
        # added with their articles after DOMAIN.md §6 was written (all [U], editable)
        "payment_order.refuse_litigation", "confirmation.objection",
        "confirmation.objection_third_party", "extension.apply",
        "award.final.revoke_after_refusal", "award.final.revoke_after_suit", "legal_aid.first"}
    assert set(RULES_BY_ID) == domain_ids
    assert {row[0] for row in CASES} == domain_ids
    assert len(DEFAULT_RULES) == len(RULES_BY_ID)  # no id twice


@pytest.mark.parametrize("rule_id, trigger, expected, why", CASES)
def test_rule_dates(cal: HolidayCalendar, rule_id: str, trigger: str, expected: str,
                   why: str) -> None:
    result = compute_due(RULES_BY_ID[rule_id], d(trigger), cal)
    assert result.due == d(expected), why
    assert result.rule_id == rule_id and result.trigger == d(trigger)
    assert result.basis == RULES_BY_ID[rule_id].basis
    no_data = [w for w in result.warnings if "无官方节假日数据" in w]
    assert bool(no_data) == (result.due.year >= 2027), why


def test_rolled_dates_remember_the_nominal_end(cal: HolidayCalendar) -> None:
    result = compute_due(RULES_BY_ID["confirmation.apply"], d("2026-09-02"), cal)
    assert result.rolled_from == d("2026-10-02")
    on_time = compute_due(RULES_BY_ID["review.decide"], d("2026-10-05"), cal)
    assert on_time.rolled_from is None


def test_before_rules_never_move_past_the_event_and_advise_a_working_day(
        cal: HolidayCalendar) -> None:
    result = compute_due(RULES_BY_ID["arbitration.hearing_notice"], d("2026-10-12"), cal)
    assert result.due == d("2026-10-07") and result.rolled_from is None
    assert any("不顺延" in w and "2026年09月30日" in w for w in result.warnings)
    plain = compute_due(RULES_BY_ID["arbitration.hearing_notice"], d("2026-11-30"), cal)
    assert plain.warnings == ()
    # A hearing in 2027: the date is exact, the rest-day advice rests on guessed data.
    in_2027 = compute_due(RULES_BY_ID["arbitration.hearing_notice"], d("2027-01-08"), cal)
    assert in_2027.due == d("2027-01-03")
    assert any("2027年无官方" in w for w in in_2027.warnings)


def test_month_end_and_leap_day(cal: HolidayCalendar) -> None:
    one_month = replace(RULES_BY_ID["review.apply"], amount=1, unit=Unit.MONTH)
    assert compute_due(one_month, d("2026-01-31"), cal).due == d("2026-02-28")  # make-up Sat
    late = compute_due(one_month, d("2027-01-31"), cal)
    assert late.due == d("2027-03-01") and late.rolled_from == d("2027-02-28")  # Sunday
    leap = compute_due(RULES_BY_ID["limitation"], d("2028-02-29"), cal)
    assert leap.due == d("2029-02-28") and leap.warnings


@pytest.mark.parametrize("start, months, expected", [
    ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"),
    ("2028-02-29", 12, "2029-02-28"), ("2026-12-15", 1, "2027-01-15"),
    ("2026-08-31", 13, "2027-09-30"), ("2026-03-31", -1, "2026-02-28"),
])
def test_month_arithmetic(start: str, months: int, expected: str) -> None:
    assert add_months(d(start), months) == d(expected)


def test_admin_data_for_2027_removes_the_warning_and_can_move_the_date() -> None:
    admin = HolidayCalendar({d("2027-01-01"): False}, official_years={2027})
    accept = compute_due(RULES_BY_ID["confirmation.accept"], d("2026-12-29"), admin)
    assert accept.due == d("2027-01-04") and accept.warnings == ()  # New Year, weekend
    serve = compute_due(RULES_BY_ID["arbitration.serve"], d("2026-12-28"), admin)
    assert serve.due == d("2027-01-04") and serve.warnings == ()


def test_working_days_into_2027(cal: HolidayCalendar) -> None:
    # 元旦 is a statutory holiday before any notice (放假办法 art 2(一)): 12-31, 01-04, 01-05.
    guessed = compute_due(RULES_BY_ID["mediation.accept"], d("2026-12-30"), cal)
    assert guessed.due == d("2027-01-05") and guessed.warnings
    admin = HolidayCalendar({d("2027-01-01"): False}, official_years={2027})
    known = compute_due(RULES_BY_ID["mediation.accept"], d("2026-12-30"), admin)
    assert known.due == d("2027-01-05") and known.warnings == ()
    make_up = HolidayCalendar({d("2027-01-02"): True}, official_years={2027})
    assert compute_due(RULES_BY_ID["mediation.accept"], d("2026-12-30"), make_up).due == \
        d("2027-01-04")  # 12-31, make-up Saturday 01-02, 01-04 (01-01 stays a holiday)


def test_roll_weekends_setting() -> None:
    fixed = HolidayCalendar(roll_weekends=False)
    assert compute_due(RULES_BY_ID["arbitration.serve_answer"], d("2026-05-26"), fixed).due \
        == d("2026-05-31")  # the Sunday stays
    assert compute_due(RULES_BY_ID["arbitration.accept"], d("2026-09-28"), fixed).due == \
        d("2026-10-08")  # holidays still move the end
    assert compute_due(RULES_BY_ID["mediation.accept"], d("2026-11-05"), fixed).due == \
        d("2026-11-10")  # working days never include a weekend: Fri 06, Mon 09, Tue 10


def test_amount_override(cal: HolidayCalendar) -> None:
    rule = RULES_BY_ID["mediation.end"]
    assert compute_due(rule, d("2026-11-02"), cal, amount_override=30).due == d("2026-12-02")
    for bad in (0, -1, True, 5000):
        with pytest.raises(WorkflowError, match="1 到"):
            compute_due(rule, d("2026-11-02"), cal, amount_override=bad)


def test_rule_table_changes_only_unverified_rules(cal: HolidayCalendar) -> None:
    table = RuleTable({"mediation.end": 30, "wage_clue.feedback": 5})
    assert table.get("mediation.end").amount == 30 and "mediation.end" in table
    assert table.compute("mediation.end", d("2026-11-02"), cal).due == d("2026-12-02")
    assert RULES_BY_ID["mediation.end"].amount == 15  # defaults untouched
    with pytest.raises(RuleNotEditable, match="由法律明确规定") as refused:
        RuleTable({"arbitration.award": 60})
    assert refused.value.code == "rule_fixed" and "第四十三条" in refused.value.message_zh
    with pytest.raises(RuleNotEditable):
        RuleTable({"review.apply": 20})  # [V2]: quoted on an official page, fixed
    with pytest.raises(WorkflowError, match="1 到"):
        RuleTable({"mediation.end": 0})
    with pytest.raises(UnknownRule, match="没有编号"):
        RuleTable({"nope": 3})
    with pytest.raises(UnknownRule):
        RuleTable().get("nope")
    assert len(list(RuleTable())) == len(DEFAULT_RULES)


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.id)
def test_every_rule_names_its_basis_tag_and_trigger(rule: DeadlineRule) -> None:
    assert rule.basis.startswith(("《", "淄人社发"))
    assert "第" in rule.basis or rule.tag == Tag.LOCAL  # an article, or the policy's item
    assert rule.title_zh and rule.title == rule.title_zh
    assert rule.editable == (rule.tag in {Tag.U, Tag.S, Tag.LOCAL})
    assert rule.trigger and rule.amount > 0
