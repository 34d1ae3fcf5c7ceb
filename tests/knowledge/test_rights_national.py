"""National rules in the rights check and the classification: 解释（二）(法释〔2025〕12号) arts 3 and
19, 人社部发〔2025〕24号 (occupational-injury protection), and the national fallbacks cited where a
place has no binding local rule (劳动合同法 arts 9, 84; 工资支付暂行规定 art 7; 指导性案例238号)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.knowledge.rights import FindingStatus, MinimumWageStandard, check_rights
from app.knowledge.vocab import RightId
from app.models.enums import ClaimType
from app.models.enums import RelationshipCategory as Cat
from app.services.knowledge.classification import check_answers, suggest_category

TODAY = date(2026, 12, 1)
WAGE = MinimumWageStandard(monthly=Decimal("2200"), hourly=Decimal("22"))
B, P, OK, ND, NA = (FindingStatus.BREACH, FindingStatus.POSSIBLE_BREACH, FindingStatus.NO_BREACH,
                    FindingStatus.NOT_ENOUGH_DATA, FindingStatus.NOT_APPLICABLE)
FIVE_CITIES = ("乌鲁木齐市", "西宁市", "未载明省份", "淄博市", "绍兴市")


def finding(right, answers, place, category=Cat.LABOUR, today=TODAY):
    (result,) = check_rights(answers, place, category, WAGE, today=today, rights=(right,))
    return result


def national(f) -> list[str]:
    return [c.text for c in f.national_citations]


@pytest.mark.parametrize("place", FIVE_CITIES)
def test_a_promise_not_to_pay_social_insurance_is_void(place):
    # 解释（二）第十九条: void even when registration itself looks in order; the worker may resign
    # under 劳动合同法 art 38(1)(三) and claim compensation under art 46.
    f = finding(RightId.SOCIAL_INSURANCE_REGISTRATION,
                {"hire_date": "2026-09-01", "si_registration_date": "2026-09-10",
                 "si_waiver": "yes"}, place)
    assert f.status == B and "无效" in f.found and "经济补偿" in f.found
    assert f.claim is not None and f.claim.claim_type == ClaimType.SOCIAL_INSURANCE
    assert national(f)[-3:] == [
        "《最高人民法院关于审理劳动争议案件适用法律问题的解释（二）》第十九条",
        "《中华人民共和国劳动合同法》第三十八条", "《中华人民共和国劳动合同法》第四十六条"]
    without = finding(RightId.SOCIAL_INSURANCE_REGISTRATION,
                      {"hire_date": "2026-09-01", "si_registration_date": "2026-09-10",
                       "si_waiver": "no"}, place)
    assert without.status == OK and "第十九条" not in "".join(national(without))
    # Category ② insures itself as a flexible worker: the waiver question does not apply.
    assert finding(RightId.SOCIAL_INSURANCE_REGISTRATION, {"si_waiver": "yes"}, place,
                   Cat.MANAGED).status == NA


@pytest.mark.parametrize("place", FIVE_CITIES)
def test_occupational_injury_is_an_administrative_route_for_category_two(place):
    injured = {"covered_sector": "yes", "work_injury_insured": "no", "injured_at_work": "yes",
               "injury_costs": 8000}
    f = finding(RightId.WORK_INJURY, injured, place, Cat.MANAGED)
    assert f.status == B and "职业伤害确认" in f.found and "不经劳动争议仲裁" in f.found
    assert f.claim is None  # not a claim against the respondent in arbitration
    assert national(f) == ["《人力资源社会保障部等九部门关于扩大新就业形态人员职业伤害保障试点的通知》"]
    unsure = finding(RightId.WORK_INJURY, {**injured, "work_injury_insured": "unknown"}, place,
                     Cat.MANAGED)
    assert unsure.status == P and unsure.missing == ("work_injury_insured",)
    not_hurt = finding(RightId.WORK_INJURY, {"covered_sector": "yes", "work_injury_insured": "no"},
                       place, Cat.MANAGED)
    assert not_hurt.status == B and not_hurt.claim is not None
    assert "职业伤害保障" in not_hurt.claim.text
    assert finding(RightId.WORK_INJURY, {"covered_sector": "yes", "work_injury_insured": "yes"},
                   place, Cat.MANAGED).status == OK


def test_occupational_injury_route_needs_the_sector_the_year_and_category_two():
    injured = {"covered_sector": "yes", "work_injury_insured": "no", "injured_at_work": "yes"}
    # Before 2026 the nationwide extension was not in force in every province.
    early = finding(RightId.WORK_INJURY, injured, "西宁市", Cat.MANAGED, today=date(2025, 12, 1))
    assert early.claim is not None and early.claim.claim_type == ClaimType.OCCUPATIONAL_INJURY
    other_sector = finding(RightId.WORK_INJURY, {**injured, "covered_sector": "no"}, "西宁市",
                           Cat.MANAGED)
    assert other_sector.claim is not None and "职业伤害确认" not in other_sector.found
    # A labour relationship has work-injury insurance, claimed in arbitration.
    labour = finding(RightId.WORK_INJURY, injured, "西宁市", Cat.LABOUR)
    assert labour.claim is not None and labour.claim.claim_type == ClaimType.WORK_INJURY_BENEFITS


def test_national_fallbacks_where_no_local_rule_binds():
    deposit = {"deposit_amount": 500}
    # 杭州 has no local policy: 劳动合同法 arts 9 and 84 ground a labour relationship's claim.
    hangzhou = finding(RightId.DEPOSITS, deposit, "杭州市")
    assert hangzhou.status == B and national(hangzhou) == [
        "《中华人民共和国劳动合同法》第九条", "《中华人民共和国劳动合同法》第八十四条"]
    # ...but not category ② (劳动合同法 governs labour contracts), which stays a possible breach.
    managed = finding(RightId.DEPOSITS, deposit, "杭州市", Cat.MANAGED)
    assert managed.status == P and managed.national_citations == ()
    # Where a binding local rule exists, it is cited instead of the fallback.
    shaoxing = finding(RightId.DEPOSITS, deposit, "绍兴市")
    assert shaoxing.citations and shaoxing.national_citations == ()
    pay = finding(RightId.PAY_CYCLE, {"pay_cycle_days": 45}, "杭州市")
    assert national(pay) == ["《中华人民共和国劳动法》第五十条", "《工资支付暂行规定》第七条"]


def test_a_guiding_case_is_cited_but_never_makes_a_breach_certain():
    pushed = {"registered_as_business": "yes", "registration_pushed": "yes"}
    f = finding(RightId.INDIVIDUAL_BUSINESS, pushed, "杭州市", Cat.MANAGED)
    assert f.status == P  # no binding rule in 杭州: a guiding case is followed, not binding
    (case,) = f.national_citations
    assert case.text == "《最高人民法院指导性案例238号》" and case.note == "指导性案例，供参照"
    # Cited in category ③ too: a registration pushed on the worker is why cases land there.
    civil = finding(RightId.INDIVIDUAL_BUSINESS, pushed, "杭州市", Cat.CIVIL)
    assert civil.status == P and national(civil) == ["《最高人民法院指导性案例238号》"]


def test_associated_companies_say_who_the_employer_is():
    labour = {"capacity": True, "managed": True, "integral": True}
    plain = suggest_category(labour)
    mixed = suggest_category({**labour, "associated_units": True})
    assert mixed.category == plain.category == Cat.LABOUR
    assert mixed.reasons[:-1] == plain.reasons
    assert "解释（二）第三条" in mixed.reasons[-1] and "共同承担" in mixed.reasons[-1]
    contract = suggest_category({**labour, "associated_units": True, "written_contract": True})
    assert "按劳动合同确认劳动关系" in contract.reasons[-1]
    # The written contract alone, without associated companies, changes nothing.
    assert suggest_category({**labour, "written_contract": True}) == plain
    assert check_answers({"associated_units": True, "written_contract": None}) == []
    assert check_answers({"associated_units": "maybe"}) == [
        "问题“associated_units”的回答应为 是、否 或 不清楚"]
