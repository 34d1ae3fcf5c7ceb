"""Complete routes re-walked through the service: awards served on different days, a mixed
award, a correction, a payment order to its 7-day window, a civil case, local rules."""

from __future__ import annotations

from datetime import date

import pytest

from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import ClaimInput
from tests.factories import case_input

D = date


def _to_hearing(services: Services, **extra: object) -> str:
    case_no = services.cases.create_case(case_input(category="1", received_on=D(2026, 8, 3),
                                                    **extra)).case_no
    services.workflow.advance(case_no, "arbitration.apply", D(2026, 8, 4))
    services.workflow.advance(case_no, "arbitration.accept", D(2026, 8, 5))
    services.workflow.advance(case_no, "arbitration.form_tribunal", D(2026, 8, 6))
    services.workflow.advance(case_no, "arbitration.schedule_hearing", D(2026, 8, 7),
                              data={"hearing_date": "2026-08-20"})
    return case_no


RECEIPTS = [{"side": "worker", "party": "张三", "on": "2026-09-03"},
            {"side": "employer", "party": "迅达即配科技有限公司", "on": "2026-09-07"}]


def test_nonfinal_award_served_on_two_days_and_a_suit_on_day_14(services: Services) -> None:
    case_no = _to_hearing(services)
    result = services.workflow.advance(case_no, "award.nonfinal", D(2026, 9, 1),
                                       data={"receipts": RECEIPTS})
    sue = next(d for d in result.deadlines if d.rule_id == "award.nonfinal.sue")
    # The worker's 15 days end 09-18, the employer's 09-22: the award waits for the later.
    assert (sue.trigger_date, sue.due) == (D(2026, 9, 7), D(2026, 9, 22))
    assert "张三9月3日收到" in sue.note and "2026年09月18日届满" in sue.note
    assert not any("按裁决日估算" in w for w in sue.warnings)
    with pytest.raises(AppError, match="2026年9月23日起方可办理") as refused:
        services.workflow.advance(case_no, "award.effective", D(2026, 9, 21))
    assert "第五十条" in refused.value.message
    options = {o.event: o for o in services.workflow.options(case_no, D(2026, 9, 21))}
    assert options["court.sue"].allowed and not options["award.effective"].allowed
    # Day 14 after the employer's receipt: the employer sues, the award never takes effect.
    result = services.workflow.advance(case_no, "court.sue", D(2026, 9, 21),
                                       data={"by": "employer"})
    assert result.state == "court.suit_filed"
    states = {d.rule_id: d.state.value for d in result.deadlines}
    assert states["award.nonfinal.sue"] == "not_applicable"


def test_nonfinal_award_takes_effect_after_the_last_receipt(services: Services) -> None:
    case_no = _to_hearing(services)
    services.workflow.advance(case_no, "award.nonfinal", D(2026, 9, 1))
    with pytest.raises(AppError, match="按裁决日估算"):  # 09-01 + 15 = 09-16
        services.workflow.advance(case_no, "award.effective", D(2026, 9, 16))
    services.workflow.advance(case_no, "award.serve", D(2026, 9, 4), data={"side": "worker"})
    services.workflow.advance(case_no, "award.serve", D(2026, 9, 8), data={"side": "employer"})
    with pytest.raises(AppError, match="2026年9月24日起方可办理"):
        services.workflow.advance(case_no, "award.effective", D(2026, 9, 23))
    result = services.workflow.advance(case_no, "award.effective", D(2026, 9, 24))
    assert result.state == "arbitration.award_effective"


def test_guards_judge_the_event_date_not_today(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1")).case_no  # received 11-02
    services.workflow.advance(case_no, "mediation.accept", D(2026, 11, 3))
    # Today (11-23) is day 21, but on 11-17 only 15 days had passed: refused then.
    with pytest.raises(AppError, match="现为第15日"):
        services.workflow.advance(case_no, "arbitration.apply_after_15_days", D(2026, 11, 17))
    result = services.workflow.advance(case_no, "arbitration.apply_after_15_days",
                                       D(2026, 11, 18))
    assert result.state == "arbitration.applied"


def _claims(*pairs: tuple[str, str]) -> list[ClaimInput]:
    return [ClaimInput(t, t, amount) for t, amount in pairs]


def test_mixed_award(services: Services) -> None:
    # 绍兴市 2280 × 12 = 27360 (shipped, unverified): wages final, compensation not.
    case_no = _to_hearing(services, claims=_claims(("wages", "12000"),
                                                   ("economic_compensation", "40000")))
    with pytest.raises(AppError, match="不能作为终局裁决记录") as refused:
        services.workflow.advance(case_no, "award.final", D(2026, 9, 1))
    message = refused.value.message
    assert "27360" in message and "绍兴市 2280.00元/月" in message and "未经核实" in message
    assert "award.mixed" in message and "按请求金额估算" in message
    result = services.workflow.advance(
        case_no, "award.mixed", D(2026, 9, 1),
        data={"receipts": RECEIPTS, "items": [{"claim_type": "wages", "amount": "12000"},
                                              {"claim_type": "economic_compensation",
                                               "amount": "35000"}]})
    notes = " ".join(result.notes)
    assert "分别制作裁决书" in notes and "2021—2023年" in notes and "按请求金额估算" not in notes
    due = {d.rule_id: d.due for d in result.deadlines}
    assert due["award.final.worker_sue"] == D(2026, 9, 18)       # worker's receipt 09-03
    assert due["award.final.employer_revoke"] == D(2026, 10, 8)  # 09-07 + 30 = 10-07 holiday
    assert due["award.nonfinal.sue"] == D(2026, 9, 22)
    with pytest.raises(AppError, match="第四十九条"):
        services.workflow.advance(case_no, "court.revoke_apply", D(2026, 9, 10),
                                  data={"by": "worker"})
    result = services.workflow.advance(case_no, "court.sue", D(2026, 9, 10),
                                       data={"by": "employer"})
    assert "非终局事项" in " ".join(result.notes)


def test_final_award_who_may_act(services: Services) -> None:
    case_no = _to_hearing(services, claims=_claims(("wages", "12000")))
    result = services.workflow.advance(case_no, "award.final", D(2026, 9, 1),
                                       data={"receipts": RECEIPTS})
    assert result.state == "arbitration.award_final"
    stored = services.workflow.deadlines(case_no)
    assert {d.rule_id for d in stored} >= {"award.final.worker_sue",
                                           "award.final.employer_revoke"}
    with pytest.raises(AppError, match="只有劳动者可以向基层人民法院起诉"):
        services.workflow.advance(case_no, "court.sue", D(2026, 9, 10), data={"by": "employer"})
    services.workflow.advance(case_no, "court.sue", D(2026, 9, 10), data={"by": "worker"})
    with pytest.raises(AppError, match="第二十一条"):
        services.workflow.advance(case_no, "court.revoke_apply", D(2026, 9, 20),
                                  data={"by": "employer"})
    result = services.workflow.advance(case_no, "court.worker_suit_ended", D(2026, 10, 12))
    window = next(d for d in result.deadlines if d.rule_id == "award.final.revoke_after_suit")
    assert window.due == D(2026, 11, 11) and "第二十一条" in window.basis
    result = services.workflow.advance(case_no, "court.revoke_apply", D(2026, 10, 20),
                                       data={"by": "employer"})
    assert result.state == "court.revocation_applied"


def test_correction_then_acceptance(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1")).case_no
    services.workflow.advance(case_no, "arbitration.apply", D(2026, 11, 2))
    result = services.workflow.advance(case_no, "arbitration.request_correction", D(2026, 11, 3))
    accept = next(d for d in result.deadlines if d.rule_id == "arbitration.accept")
    assert accept.due is None and "中止" in accept.note
    # Past the 5 days, but suspended: no art 29 suit.
    with pytest.raises(AppError, match="补正期间"):
        services.workflow.advance(case_no, "court.sue", D(2026, 11, 12))
    result = services.workflow.advance(case_no, "arbitration.receive_correction", D(2026, 11, 16))
    assert result.state == "arbitration.applied"
    accept = next(d for d in result.deadlines if d.rule_id == "arbitration.accept")
    assert accept.due == D(2026, 11, 23)  # 11-21 is a Saturday → Monday
    with pytest.raises(AppError, match="受理期限尚未届满"):
        services.workflow.advance(case_no, "court.sue", D(2026, 11, 20))
    result = services.workflow.advance(case_no, "arbitration.accept", D(2026, 11, 20))
    accept = next(d for d in result.deadlines if d.rule_id == "arbitration.accept")
    assert accept.state.value == "met"


def test_payment_order_objection_termination_and_the_7_day_window(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1",
                                                    received_on=D(2026, 8, 3))).case_no
    for event, day in (("mediation.accept", 4), ("agreement.sign", 10),
                       ("agreement.breach", 20)):
        services.workflow.advance(case_no, event, D(2026, 8, day))
    # Wages and a deposit: the order covers the wages; the deposit goes to arbitration.
    result = services.workflow.advance(case_no, "payment_order.apply", D(2026, 8, 21))
    assert "其他" in " ".join(result.notes) and "另行申请仲裁" in " ".join(result.notes)
    for event, day in (("payment_order.accept", 24), ("payment_order.issue", 25),
                       ("payment_order.serve", 26)):
        services.workflow.advance(case_no, event, D(2026, 8, day))
    result = services.workflow.advance(case_no, "payment_order.object", D(2026, 9, 1))
    assert result.state == "payment_order.objection_filed"  # examined before it lapses
    result = services.workflow.advance(case_no, "payment_order.terminate", D(2026, 9, 4))
    window = next(d for d in result.deadlines if d.rule_id == "payment_order.refuse_litigation")
    assert window.due == D(2026, 9, 11) and "第四百三十八条" in window.basis
    with pytest.raises(AppError, match="2026年9月12日起未表示的视为起诉"):
        services.workflow.advance(case_no, "payment_order.to_litigation", D(2026, 9, 9))
    with pytest.raises(AppError, match="视为向受理申请的人民法院起诉"):
        services.workflow.advance(case_no, "payment_order.refuse_litigation", D(2026, 9, 12))
    result = services.workflow.advance(case_no, "payment_order.to_litigation", D(2026, 9, 12))
    assert result.state == "court.suit_filed"


def test_payment_order_refusal_of_litigation_in_time(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1",
                                                    received_on=D(2026, 8, 3))).case_no
    for event, day in (("mediation.accept", 4), ("agreement.sign", 10), ("agreement.breach", 20),
                       ("payment_order.apply", 21), ("payment_order.issue", 25),
                       ("payment_order.object", 27), ("payment_order.terminate", 28)):
        services.workflow.advance(case_no, event, D(2026, 8, day))
    result = services.workflow.advance(case_no, "payment_order.refuse_litigation", D(2026, 9, 2))
    states = {d.rule_id: d.state.value for d in result.deadlines}
    assert result.state == "payment_order.terminated"
    assert states["payment_order.refuse_litigation"] == "not_applicable"
    with pytest.raises(AppError, match="不同意提起诉讼"):
        services.workflow.advance(case_no, "payment_order.to_litigation", D(2026, 9, 10))
    result = services.workflow.advance(case_no, "court.sue_after_payment_order", D(2026, 9, 10))
    assert result.state == "court.suit_filed"


def test_category_3_at_a_peoples_mediation_committee(services: Services) -> None:
    org_id = services.organisations.create("城东街道人民调解委员会", "peoples_mediation",
                                           city="绍兴市")
    case_no = services.cases.create_case(case_input(
        category="3", organisation_id=org_id,
        claims=_claims(("deduction_refund", "800")))).case_no
    result = services.workflow.advance(case_no, "mediation.accept", D(2026, 11, 3))
    assert result.notes == ()  # the right forum: no warning
    result = services.workflow.advance(case_no, "agreement.sign", D(2026, 11, 10))
    rules = {d.rule_id for d in result.deadlines}
    assert "confirmation.apply" in rules and "review.apply" not in rules
    with pytest.raises(AppError, match="不属劳动人事争议仲裁受理范围"):
        services.workflow.advance(case_no, "review.apply", D(2026, 11, 12))
    result = services.workflow.advance(case_no, "confirmation.apply", D(2026, 11, 12))
    assert result.basis.startswith("《人民调解法》第三十三条")


def test_category_3_at_an_enterprise_committee_is_warned(services: Services) -> None:
    created = services.cases.create_case(case_input(category="3"))
    assert any("企业劳动争议调解委员会" in w and "第十条" in w for w in created.warnings)
    assert not any("第十条" in w for w in services.cases.create_case(
        case_input(category="1")).warnings)
    case_no = created.case_no
    result = services.workflow.advance(case_no, "mediation.accept", D(2026, 11, 3))
    assert any("第十条" in n and "人民调解委员会" in n for n in result.notes)
    result = services.workflow.advance(case_no, "agreement.sign", D(2026, 11, 10))
    result = services.workflow.advance(case_no, "confirmation.apply", D(2026, 11, 12))
    assert "《人民调解法》" not in result.basis and "第二百零五条" in result.basis


def test_local_wage_clue_steps_only_in_zibo(services: Services) -> None:
    xining = services.cases.create_case(case_input(city="西宁市", province="青海省")).case_no
    with pytest.raises(AppError, match="淄博市的地方规定.*西宁市"):
        services.workflow.advance(xining, "wage_clue.receive", D(2026, 11, 3))
    zibo = services.cases.create_case(case_input(city="淄博市", province="山东省")).case_no
    services.workflow.advance(zibo, "wage_clue.receive", D(2026, 11, 3))
    services.workflow.advance(zibo, "wage_clue.answer", D(2026, 11, 5))
    with pytest.raises(AppError, match="尚未申请法律援助"):
        services.workflow.advance(zibo, "legal_aid.grant", D(2026, 11, 5))
    services.workflow.advance(zibo, "legal_aid.apply", D(2026, 11, 6))
    services.workflow.advance(zibo, "legal_aid.grant", D(2026, 11, 9))


def test_an_administrator_verifies_a_minimum_wage(services: Services) -> None:
    wage_id, wage = next((i, w) for i, w in services.wages.standards() if w.city == "绍兴市")
    assert not wage.verified
    with pytest.raises(AppError, match="请填写核实所依据的文件"):
        services.wages.mark_verified(wage_id, " ")
    services.wages.mark_verified(wage_id, "浙江省人力资源和社会保障厅 某号文 2026-01-01")
    case_no = _to_hearing(services, claims=_claims(("wages", "12000")))
    result = services.workflow.advance(case_no, "award.final", D(2026, 9, 1))
    notes = " ".join(result.notes)
    assert "（已核实）" in notes and "2021—2023年" not in notes
