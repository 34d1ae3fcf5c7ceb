"""Complete cases walked through every route; illegal transitions refused with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.models.enums import Stage
from app.workflow.errors import TransitionRefused
from app.workflow.final_award import AwardKind, MinimumWage, classify_award
from app.workflow.routing import CaseFacts, payment_order_refusal, review_refusal, route_summary
from app.workflow.transitions import (
    INITIAL_STATE,
    TRANSITIONS,
    apply_event,
    available_events,
    check,
    recorded_kinds,
)

LABOUR = CaseFacts(category="1", claim_types=("wages", "economic_compensation"),
                   has_agreement=True)
CIVIL = CaseFacts(category="3", claim_types=("deduction_refund",))


def walk(facts: CaseFacts, events: list[str]) -> str:
    state = INITIAL_STATE
    for event in events:
        state = apply_event(state, event, facts).state
    return state


MEDIATED = ["classify", "mediation.accept", "mediation.session", "agreement.sign"]
HEARING = ["arbitration.accept", "arbitration.serve", "arbitration.answer",
           "arbitration.form_tribunal", "arbitration.schedule_hearing"]
ROUTES = {
    "agreement then judicial confirmation": (LABOUR, MEDIATED + [
        "confirmation.apply", "confirmation.accept", "confirmation.confirm", "enforcement.apply",
        "enforcement.conclude"], "closed.enforced"),
    "agreement then arbitration review": (LABOUR, MEDIATED + [
        "review.apply", "review.accept", "review.confirm", "agreement.perform"], "closed.performed"),
    "agreement not performed then arbitration": (LABOUR, MEDIATED + [
        "agreement.breach", "arbitration.apply"] + HEARING + ["award.nonfinal", "award.effective"],
        "closed.award_effective"),
    "mediation failed, final award, employer's revocation": (LABOUR, [
        "mediation.accept", "mediation.fail", "arbitration.apply"] + HEARING + [
        "award.final", "court.revoke_apply", "court.revoke_grant", "court.sue", "court.judgment"],
        "court.judgment"),
    "non-final award then suit": (LABOUR, ["mediation.refuse", "arbitration.apply"] + HEARING + [
        "award.nonfinal", "court.sue", "court.judgment", "enforcement.apply"],
        "enforcement.applied"),
    "category 3 to court": (CIVIL, ["classify", "mediation.accept", "mediation.fail",
                                    "court.sue_direct", "court.judgment"], "court.judgment"),
    "category 3 people's mediation and confirmation": (CIVIL, MEDIATED + [
        "confirmation.apply", "confirmation.accept", "confirmation.confirm"],
        "judicial_confirmation.confirmed"),
    "payment order with objection": (LABOUR, MEDIATED + [
        "agreement.breach", "payment_order.apply", "payment_order.issue", "payment_order.object",
        "court.sue_after_payment_order"], "court.suit_filed"),
    "arbitral mediation": (LABOUR, ["arbitration.apply", "arbitration.accept",
                                    "arbitration.mediate"], "arbitration.mediated"),
    "withdrawal": (LABOUR, ["arbitration.apply", "arbitration.accept", "arbitration.withdraw"],
                   "closed.withdrawn"),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route(route: str) -> None:
    facts, events, end = ROUTES[route]
    assert walk(facts, events) == end


@pytest.mark.parametrize("facts, state, event, fragment", [
    (LABOUR, INITIAL_STATE, "court.sue_direct", "须先经劳动仲裁"),
    (CIVIL, INITIAL_STATE, "arbitration.apply", "不属劳动争议仲裁受理范围"),
    (CaseFacts(category="2", category2_route="civil"), INITIAL_STATE, "arbitration.apply",
     "按民事途径处理"),
    (CaseFacts(category="1", claim_types=("confirm_relationship",)), "agreement.signed",
     "review.apply", "确认劳动关系"),
    (CaseFacts(category="1", claim_types=("deposit_refund",), has_agreement=True),
     "agreement.not_performed", "payment_order.apply", "第十六条"),
    (LABOUR, "mediation.accepted", "arbitration.apply_after_15_days", "15日内"),
    (LABOUR, "mediation.accepted", "court.revoke_apply", "不能办理"),
    (LABOUR, "closed.performed", "mediation.accept", "已结案"),
    (LABOUR, "agreement.not_performed", "court.sue_on_agreement", "应申请仲裁"),
])
def test_illegal_transitions_are_refused(facts: CaseFacts, state: str, event: str,
                                         fragment: str) -> None:
    with pytest.raises(TransitionRefused, match=fragment):
        apply_event(state, event, facts)


def test_direct_suit_exceptions() -> None:
    iou = CaseFacts(category="1", claim_types=("wage_iou",))
    assert walk(iou, ["court.sue_direct"]) == "court.suit_filed"
    wages_only = CaseFacts(category="1", claim_types=("wages",), has_agreement=True,
                           agreement_wage_only=True)
    assert walk(wages_only, MEDIATED + ["agreement.breach", "court.sue_on_agreement"]) == \
        "court.suit_filed"
    late = CaseFacts(category="1", days_since_receipt=16)
    assert apply_event("mediation.accepted", "arbitration.apply_after_15_days", late).state == \
        "arbitration.applied"


def test_parallel_tracks_keep_the_state() -> None:
    for event in ("legal_aid.apply", "inspection.complain"):
        applied = apply_event("arbitration.accepted", event, LABOUR)
        assert applied.state == "arbitration.accepted" and applied.stage == Stage.ARBITRATION


def test_available_events_explain_refusals() -> None:
    options = {o.event: o for o in available_events("agreement.signed", LABOUR)}
    assert options["confirmation.apply"].allowed and options["review.apply"].allowed
    assert not options["court.sue"].allowed and "不能办理" in (options["court.sue"].reason or "")
    assert all(o.basis for o in options.values())


def test_every_transition_has_basis_and_records_something() -> None:
    for t in TRANSITIONS:
        assert t.basis and recorded_kinds(t.event)
    assert check(INITIAL_STATE, "no.such", LABOUR) == "未知的办理事项“no.such”"


def test_review_and_payment_order_rules() -> None:
    assert review_refusal(LABOUR) is None
    assert payment_order_refusal(LABOUR) is None
    assert route_summary(CIVIL)[0] == "可向人民法院起诉（民事纠纷）"
    assert any("仲裁前置" in r for r in route_summary(LABOUR))


WAGE = MinimumWage("浙江省", "绍兴市", Decimal("2280.00"), Decimal("22"),
                   date(2021, 8, 1), "test", True)


@pytest.mark.parametrize("claims, kind", [
    ([("wages", Decimal("27360.00"))], AwardKind.FINAL),                 # exactly 12 × 2280
    ([("wages", Decimal("27360.01"))], AwardKind.NON_FINAL),
    ([("social_insurance", None), ("working_time_rest", None)], AwardKind.FINAL),
    ([("wages", Decimal("100")), ("economic_compensation", Decimal("30000"))], AwardKind.MIXED),
    ([("confirm_relationship", None)], AwardKind.NON_FINAL),
])
def test_final_award(claims: list[tuple[str, Decimal | None]], kind: AwardKind) -> None:
    result = classify_award(claims, WAGE)
    assert result.kind == kind and result.limit == Decimal("27360.00")
    assert ("分别制作裁决书" in " ".join(result.warnings)) == (kind == AwardKind.MIXED)


def test_final_award_without_wage_data_warns() -> None:
    result = classify_award([("wages", Decimal("1"))], None)
    assert result.kind == AwardKind.NON_FINAL and "最低工资" in result.warnings[0]
