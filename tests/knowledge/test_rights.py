"""Rights check: each right breached, respected, unanswered; citations from the own place only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from app.knowledge.errors import AnswerError
from app.knowledge.order_import import Order
from app.knowledge.questions import QUESTIONS, Answers, questions_for
from app.knowledge.rights import NO_LOCAL_RULE, FindingStatus, MinimumWageStandard, check_rights
from app.knowledge.vocab import RightId
from app.knowledge.worktime import analyse_orders
from app.models.enums import ClaimType
from app.models.enums import RelationshipCategory as Cat

TODAY = date(2026, 11, 23)
WAGE = MinimumWageStandard(monthly=Decimal("2200"), hourly=Decimal("22"))
B, P, OK, ND, NA = (
    FindingStatus.BREACH,
    FindingStatus.POSSIBLE_BREACH,
    FindingStatus.NO_BREACH,
    FindingStatus.NOT_ENOUGH_DATA,
    FindingStatus.NOT_APPLICABLE,
)


def finding(right, answers, place, category=Cat.LABOUR, **kw):
    kw.setdefault("today", TODAY)
    kw.setdefault("minimum_wage", WAGE)
    (result,) = check_rights(answers, place, category, rights=(right,), **kw)
    return result


# right, place, category, answers that break it, answers that respect it
CASES = [
    (
        RightId.REST_BREAK,
        "绍兴市",
        Cat.LABOUR,
        {"rest_violations": 2, "longest_continuous_minutes": 300},
        {"rest_violations": 0, "longest_continuous_minutes": 230},
    ),
    (RightId.PAY_CYCLE, "西宁市", Cat.MANAGED, {"pay_cycle_days": 45}, {"pay_cycle_days": 30}),
    (RightId.MINIMUM_WAGE, "淄博市", Cat.LABOUR, {"monthly_pay": 1800}, {"monthly_pay": 2500}),
    (
        RightId.HOLIDAY_PAY,
        "西宁",
        Cat.LABOUR,
        {"holiday_hours": 8, "holiday_premium_paid": "no", "holiday_pay_shortfall": 360},
        {"holiday_hours": 8, "holiday_premium_paid": "yes"},
    ),
    (
        RightId.WEATHER_NIGHT_SUBSIDY,
        "未载明省份",
        Cat.MANAGED,
        {"worked_bad_weather": "yes", "weather_subsidy_paid": "no"},
        {"worked_bad_weather": "yes", "weather_subsidy_paid": "yes"},
    ),
    (RightId.WAGE_ARREARS, "淄博", Cat.MANAGED, {"unpaid_wages": 3000}, {"unpaid_wages": 0}),
    (
        RightId.DEDUCTIONS,
        "淄博",
        Cat.MANAGED,
        {"deducted_amount": 200, "deduction_basis": "no"},
        {"deducted_amount": 0},
    ),
    (RightId.DEPOSITS, "绍兴", Cat.MANAGED, {"deposit_amount": 500}, {"deposit_amount": 0}),
    (
        RightId.DISCRIMINATION,
        "淄博",
        Cat.MANAGED,
        {"discriminatory_condition": True},
        {"discriminatory_condition": False},
    ),
    (
        RightId.MULTI_PLATFORM,
        "绍兴",
        Cat.MANAGED,
        {"multi_platform_restricted": "yes"},
        {"multi_platform_restricted": "no"},
    ),
    (
        RightId.INDIVIDUAL_BUSINESS,
        "未载明省份",
        Cat.MANAGED,
        {"registered_as_business": "yes", "registration_pushed": "yes"},
        {"registered_as_business": "no"},
    ),
    (
        RightId.SOCIAL_INSURANCE_REGISTRATION,
        "淄博",
        Cat.LABOUR,
        {"hire_date": "2026-09-01", "si_registered": "no"},
        {"hire_date": "2026-09-01", "si_registration_date": "2026-09-20"},
    ),
    (
        RightId.WORK_INJURY,
        "绍兴",
        Cat.MANAGED,
        {"work_injury_insured": "no", "injured_at_work": "yes", "injury_costs": 8000},
        {"work_injury_insured": "yes"},
    ),
    (
        RightId.FIRST_ORDER_PLATFORM,
        "绍兴",
        Cat.MANAGED,
        {
            "injured_at_work": "yes",
            "multi_order_trip": "yes",
            "first_order_platform": "美团",
            "liability_unclear": "yes",
        },
        {"injured_at_work": "yes", "multi_order_trip": "no"},
    ),
    (
        RightId.WORKLOAD_QUOTA,
        "西宁",
        Cat.MANAGED,
        {"quota_share_percent": 70},
        {"quota_share_percent": 95},
    ),
]


@pytest.mark.parametrize(
    ("right", "place", "category", "bad", "good"), CASES, ids=[c[0].value for c in CASES]
)
def test_each_right_breach_no_breach_and_no_data(right, place, category, bad, good):
    breach = finding(right, bad, place, category)
    assert breach.status == B, breach
    assert breach.claim is not None and breach.citations
    assert finding(right, good, place, category).status == OK
    empty = finding(right, {}, place, category)
    assert empty.status == ND and empty.missing and empty.claim is None
    assert right in {r for q in QUESTIONS for r in q.rights}


def test_figures_and_amounts_in_findings():
    wage = finding(RightId.MINIMUM_WAGE, {"monthly_pay": 1800}, "淄博")
    assert (
        wage.found
        == "月报酬1,800.00元，当地月最低工资标准2,200.00元，低于最低工资标准，差额400.00元。"
    )
    assert (wage.claim.claim_type, wage.claim.amount) == (
        ClaimType.MINIMUM_WAGE_SHORTFALL,
        Decimal("400.00"),
    )
    assert [c.text for c in wage.national_citations] == ["《中华人民共和国劳动法》第四十八条"]
    arrears = finding(RightId.WAGE_ARREARS, {"unpaid_wages": "1234.565"}, "淄博")
    assert (
        arrears.claim.amount == Decimal("1234.57") and arrears.claim.claim_type == ClaimType.WAGES
    )
    si = finding(
        RightId.SOCIAL_INSURANCE_REGISTRATION,
        {"hire_date": "2026-09-01", "si_registered": "no"},
        "淄博",
    )
    assert "已83天" in si.found
    assert si.citations[0].text.endswith("（淄人社发〔2021〕16号）第（八）项")
    injury = finding(RightId.WORK_INJURY, CASES[12][3], "绍兴", Cat.MANAGED)
    assert (injury.claim.claim_type, injury.claim.amount) == (
        ClaimType.OCCUPATIONAL_INJURY,
        Decimal("8000.00"),
    )
    first = finding(RightId.FIRST_ORDER_PLATFORM, CASES[13][3], "绍兴", Cat.MANAGED)
    assert "首单平台企业（美团）" in first.found


def test_hourly_minimum_wage_for_category_two():
    answers = {"monthly_pay": 1500, "monthly_hours": 100}
    xining = finding(RightId.MINIMUM_WAGE, answers, "西宁", Cat.MANAGED)
    assert xining.status == B and xining.claim.amount == Decimal("700.00")
    assert "折合每小时15.00元" in xining.found
    # Urumqi 第十九条 is the hourly rule for category ②, but the text is a draft: not binding.
    urumqi = finding(RightId.MINIMUM_WAGE, answers, "乌鲁木齐", Cat.MANAGED)
    assert [c.text[-4:] for c in urumqi.citations] == ["第十九条"]
    assert urumqi.status == P and "草案" in urumqi.note
    assert finding(RightId.MINIMUM_WAGE, {"monthly_pay": 1500}, "西宁", Cat.MANAGED).status == ND
    assert finding(
        RightId.MINIMUM_WAGE, answers, "西宁", Cat.MANAGED, minimum_wage=None
    ).missing == ("minimum_wage",)


EXPECTED_LOCAL = {  # category ①: article keys cited per jurisdiction (000 … 004)
    RightId.REST_BREAK: (["14"], ["7"], ["4"], [], ["3.11"]),
    RightId.PAY_CYCLE: (["18"], ["6"], [], [], []),
    RightId.MINIMUM_WAGE: ([], ["6"], ["4"], ["5"], ["3.9"]),
    RightId.HOLIDAY_PAY: (["17"], ["6"], ["4"], [], []),
    RightId.WEATHER_NIGHT_SUBSIDY: (["17"], ["7"], ["4"], [], []),
    RightId.WAGE_ARREARS: (["17"], ["6"], ["4"], ["5"], []),
    RightId.DEDUCTIONS: (["17"], ["6"], ["4"], ["5"], []),
    RightId.DEPOSITS: (["9"], ["5"], ["3"], ["4"], ["3.6"]),
    RightId.DISCRIMINATION: (["9"], ["5"], ["3"], ["4"], ["3.6"]),
    RightId.MULTI_PLATFORM: (["9"], ["5"], ["3"], ["4"], ["3.6"]),
    RightId.INDIVIDUAL_BUSINESS: (["9"], [], ["3"], [], ["3.7"]),
    RightId.SOCIAL_INSURANCE_REGISTRATION: ([], [], [], ["8"], []),
    RightId.WORK_INJURY: (["20"], ["9"], ["7"], ["8"], ["4.3", "4.4"]),
    RightId.FIRST_ORDER_PLATFORM: ([], [], [], [], ["4.4"]),
    RightId.WORKLOAD_QUOTA: (["18"], ["7"], ["4"], ["6"], ["3.11"]),
}
PLACES = ("乌鲁木齐市", "西宁市", "未载明省份", "淄博市", "绍兴市")


@pytest.mark.parametrize("right", list(RightId))
def test_citations_only_from_own_jurisdiction_or_explicit_note(right):
    assert set(EXPECTED_LOCAL) == set(RightId)
    for pid, place, keys in zip(
        ("000", "001", "002", "003", "004"), PLACES, EXPECTED_LOCAL[right], strict=True
    ):
        f = finding(right, {}, place)
        assert {c.source_id for c in f.citations} <= {pid}, (place, f.citations)
        assert [c.article_key for c in f.citations] == keys, place
        if not keys:
            assert f.note is not None and f.note.startswith(NO_LOCAL_RULE), place
    other = finding(right, {}, "杭州市")
    assert other.citations == () and other.note.startswith(NO_LOCAL_RULE)


def test_no_local_rule_turns_a_breach_into_a_possible_one():
    deposit = finding(RightId.DEPOSITS, {"deposit_amount": 500}, "杭州市", Cat.MANAGED)
    assert deposit.status == P and deposit.claim.amount == Decimal("500.00")
    assert deposit.note == "本地政策无此项规定（未收录该地的新就业形态劳动者权益保障政策）"
    # ...unless national law applies to a labour relationship.
    si = finding(
        RightId.SOCIAL_INSURANCE_REGISTRATION,
        {"hire_date": "2026-09-01", "si_registered": "no"},
        "绍兴市",
    )
    assert si.status == B and si.citations == () and si.note == NO_LOCAL_RULE
    assert [c.text for c in si.national_citations] == ["《中华人民共和国社会保险法》第五十八条"]


def test_advisory_or_partial_local_rules_give_possible_breaches():
    assert finding(RightId.INDIVIDUAL_BUSINESS, CASES[10][3], "绍兴", Cat.MANAGED).status == P
    assert (
        finding(
            RightId.WORKLOAD_QUOTA, {"strictest_algorithm": "yes"}, "未载明省份", Cat.MANAGED
        ).status
        == B
    )
    assert (
        finding(RightId.WORKLOAD_QUOTA, {"strictest_algorithm": "yes"}, "绍兴", Cat.MANAGED).status
        == P
    )
    night = finding(
        RightId.WEATHER_NIGHT_SUBSIDY,
        {"night_hours": 3, "night_subsidy_paid": "no"},
        "未载明省份",
        Cat.MANAGED,
    )
    assert night.status == P and "夜间工作3小时本地政策未规定补贴" in night.found
    rest = finding(RightId.REST_BREAK, {"rest_violations": 1}, "西宁", Cat.MANAGED)
    assert rest.status == P and "未规定具体时长" in rest.found


def test_category_three_and_undetermined():
    civil = {
        f.right: f
        for f in check_rights(
            {"deposit_amount": 100, "monthly_pay": 100}, "绍兴", Cat.CIVIL, WAGE, today=TODAY
        )
    }
    assert civil[RightId.MINIMUM_WAGE].status == NA
    assert civil[RightId.DEPOSITS].status == B
    assert finding(RightId.SOCIAL_INSURANCE_REGISTRATION, {}, "淄博", Cat.MANAGED).status == NA
    assert finding(RightId.FIRST_ORDER_PLATFORM, {}, "淄博").status == NA
    unsure = finding(RightId.DEPOSITS, {"deposit_amount": 100}, "绍兴", Cat.UNDETERMINED)
    assert unsure.status == P and "类别尚未确定" in unsure.note


def test_order_log_feeds_the_rest_and_holiday_checks():
    start = datetime(2026, 10, 1, 9, 0)
    orders = [
        Order(
            f"A{i}",
            start + timedelta(minutes=30 * i),
            start + timedelta(minutes=30 * i + 25),
            "美团",
            0,
        )
        for i in range(10)
    ]
    report = analyse_orders(orders, is_holiday=lambda d: d == date(2026, 10, 1))
    shaoxing = finding(RightId.REST_BREAK, {}, "绍兴", worktime=report)
    assert shaoxing.status == B and "有1次" in shaoxing.found
    zibo = finding(RightId.REST_BREAK, {}, "淄博", worktime=report)
    assert zibo.status == P and zibo.note == NO_LOCAL_RULE
    holiday = finding(RightId.HOLIDAY_PAY, {"holiday_premium_paid": "no"}, "西宁", worktime=report)
    assert holiday.status == B and "法定节假日工作4.92小时" in holiday.found


def test_answers_are_validated():
    with pytest.raises(AnswerError, match="未知的问题“salary”"):
        Answers({"salary": 1})
    with pytest.raises(AnswerError, match="应为数字"):
        Answers({"monthly_pay": "很多"})
    with pytest.raises(AnswerError, match="不能为负数"):
        Answers({"deposit_amount": -1})
    with pytest.raises(AnswerError, match="是/否/不清楚"):
        Answers({"si_registered": "maybe"})
    with pytest.raises(AnswerError, match="YYYY-MM-DD"):
        Answers({"hire_date": "9月1日"})
    assert Answers({"si_registered": None}).yes_no("si_registered") == "unknown"
    assert [q.key for q in questions_for(RightId.PAY_CYCLE)] == ["pay_cycle_days"]


def test_every_right_has_questions_and_a_result():
    findings = check_rights({}, "绍兴", Cat.LABOUR, today=TODAY)
    assert [f.right for f in findings] == list(RightId)
    assert all(f.title for f in findings)
    assert all(questions_for(r) for r in RightId)
