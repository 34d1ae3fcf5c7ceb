"""Complete cases walked through every route; illegal transitions refused with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.models.enums import ClaimType, Stage
from app.workflow.errors import TransitionRefused
from app.workflow.routing import CaseFacts
from app.workflow.transitions import (
    INITIAL_STATE,
    apply_event,
    available_events,
    check,
)

LABOUR = CaseFacts(category="1", claim_types=("wages", "economic_compensation"),
                   has_agreement=True)
WAGES = CaseFacts(category="1", claim_types=("wages", "overtime_pay"), has_agreement=True,
                  agreement_wage_only=True)
CIVIL = CaseFacts(category="3", claim_types=("deduction_refund",))
MANAGED_CIVIL = CaseFacts(category="2", category2_route="civil")


def walk(facts: CaseFacts, events: list[str], state: str = INITIAL_STATE) -> list[str]:
    """Every state passed through, so a test can check the stages on the way."""
    states = [state]
    for event in events:
        states.append(apply_event(states[-1], event, facts).new_state)
    return states


MEDIATED = ["classify", "mediation.accept", "mediation.session", "agreement.sign"]
HEARING = ["arbitration.accept", "arbitration.serve", "arbitration.answer",
           "arbitration.serve_answer", "arbitration.form_tribunal",
           "arbitration.schedule_hearing"]
ROUTES: dict[str, tuple[CaseFacts, list[str], str]] = {
    "agreement then judicial confirmation": (LABOUR, MEDIATED + [
        "confirmation.apply", "confirmation.accept", "confirmation.confirm", "enforcement.apply",
        "enforcement.conclude"], "closed.enforced"),
    "agreement then arbitration review": (LABOUR, MEDIATED + [
        "review.apply", "review.accept", "review.confirm", "agreement.perform"],
        "closed.performed"),
    "review refused then judicial confirmation": (LABOUR, MEDIATED + [
        "review.apply", "review.refuse", "confirmation.apply"], "judicial_confirmation.applied"),
    "agreement not performed then arbitration": (LABOUR, MEDIATED + [
        "agreement.breach", "arbitration.apply"] + HEARING + [
        "award.nonfinal", "award.effective", "enforcement.apply"], "enforcement.applied"),
    "mediation failed, final award, employer's revocation, suit": (LABOUR, [
        "mediation.accept", "mediation.fail", "arbitration.apply"] + HEARING + [
        "award.final", "court.revoke_apply", "court.revoke_grant", "court.sue", "court.accept",
        "court.judgment", "court.appeal", "court.second_instance", "enforcement.apply"],
        "enforcement.applied"),
    "final award stands after the revocation is rejected": (LABOUR, [
        "arbitration.apply"] + HEARING + ["award.final", "court.revoke_apply",
                                          "court.revoke_reject", "enforcement.apply"],
        "enforcement.applied"),
    "worker sues against a final award": (LABOUR, ["arbitration.apply"] + HEARING + [
        "award.final", "court.sue"], "court.suit_filed"),
    "non-final award then suit": (LABOUR, ["mediation.refuse", "arbitration.apply"] + HEARING + [
        "award.nonfinal", "court.sue", "court.judgment", "court.judgment_effective",
        "enforcement.apply"], "enforcement.applied"),
    "mixed award: both remedies": (LABOUR, ["arbitration.apply"] + HEARING + [
        "arbitration.partial_award", "award.mixed", "court.revoke_apply"],
        "court.revocation_applied"),
    "default award": (LABOUR, ["arbitration.apply"] + HEARING + ["award.default", "court.sue"],
                      "court.suit_filed"),
    "arbitration refused then suit": (LABOUR, [
        "arbitration.apply", "arbitration.request_correction", "arbitration.refuse",
        "court.sue"], "court.suit_filed"),
    "award period restarted and extended": (LABOUR, [
        "arbitration.apply", "arbitration.accept", "arbitration.change_claims",
        "arbitration.suspend", "arbitration.resume", "arbitration.extend",
        "arbitration.form_tribunal", "arbitration.serve", "arbitration.answer",
        "arbitration.schedule_hearing", "arbitration.postpone_hearing",
        "arbitration.schedule_hearing", "award.final"], "arbitration.award_final"),
    "category 3 to court": (CIVIL, ["classify", "mediation.accept", "mediation.fail",
                                    "court.sue_direct", "court.judgment"], "court.judgment"),
    "category 3 people's mediation and confirmation": (CIVIL, MEDIATED + [
        "confirmation.apply", "confirmation.accept", "confirmation.confirm"],
        "judicial_confirmation.confirmed"),
    "category 2 set to the civil route": (MANAGED_CIVIL, ["court.sue_direct"],
                                          "court.suit_filed"),
    "payment order with objection": (LABOUR, MEDIATED + [
        "agreement.breach", "payment_order.apply", "payment_order.accept", "payment_order.issue",
        "payment_order.serve", "payment_order.object", "payment_order.terminate",
        "court.sue_after_payment_order"],
        "court.suit_filed"),
    "payment order effective then enforcement": (LABOUR, MEDIATED + [
        "agreement.breach", "payment_order.apply", "payment_order.issue",
        "payment_order.effective", "enforcement.apply"], "enforcement.applied"),
    "payment order dismissed then arbitration": (LABOUR, MEDIATED + [
        "agreement.breach", "payment_order.apply", "payment_order.dismiss",
        "arbitration.apply"], "arbitration.applied"),
    "wage-only agreement not performed: straight to court": (WAGES, MEDIATED + [
        "agreement.breach", "court.sue_on_agreement"], "court.suit_filed"),
    "arbitral mediation": (LABOUR, ["arbitration.apply", "arbitration.accept",
                                    "arbitration.mediate", "enforcement.apply"],
                           "enforcement.applied"),
    "withdrawal": (LABOUR, ["arbitration.apply", "arbitration.accept", "arbitration.withdraw"],
                   "closed.withdrawn"),
    "negotiation then mediation then close": (LABOUR, [
        "negotiation.start", "mediation.accept", "mediation.fail", "case.close"],
        "closed.closed"),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route(route: str) -> None:
    facts, events, end = ROUTES[route]
    states = walk(facts, events)
    assert states[-1] == end
    assert states[0] == "intake.received"


def test_stages_along_the_final_award_route() -> None:
    facts, events, _ = ROUTES["mediation failed, final award, employer's revocation, suit"]
    stages = []
    state = INITIAL_STATE
    for event in events:
        result = apply_event(state, event, facts)
        state = result.new_state
        if not stages or stages[-1] != result.stage:
            stages.append(result.stage)
    assert stages == [Stage.MEDIATION, Stage.ARBITRATION, Stage.COURT, Stage.ENFORCEMENT]


def test_result_carries_basis_and_records() -> None:
    result = apply_event("mediation.in_progress", "agreement.sign", LABOUR)
    assert (result.new_state, result.state, result.stage) == \
        ("agreement.signed", "agreement.signed", Stage.AGREEMENT)
    assert "第十四条" in result.basis
    assert result.records == ("agreement.signed", "agreement.effective")


@pytest.mark.parametrize("facts, state, event, fragment", [
    (LABOUR, INITIAL_STATE, "court.sue_direct", "须先经劳动仲裁"),
    (CaseFacts(), INITIAL_STATE, "court.sue_direct", "尚未认定"),
    (CIVIL, INITIAL_STATE, "arbitration.apply", "不属劳动人事争议仲裁受理范围"),
    (MANAGED_CIVIL, INITIAL_STATE, "arbitration.apply", "按民事途径处理"),
    (CaseFacts(category="1", claim_types=("confirm_relationship", "wages")), "agreement.signed",
     "review.apply", "确认劳动关系"),
    (CIVIL, "agreement.signed", "review.apply", "不属劳动人事争议仲裁受理范围"),
    (CaseFacts(category="1", claim_types=("deposit_refund",), has_agreement=True),
     "agreement.not_performed", "payment_order.apply", "第十六条"),
    (LABOUR, "agreement.signed", "payment_order.apply", "不能办理“申请支付令”"),
    (LABOUR, "agreement.signed", "arbitration.apply", "不能办理"),
    (CaseFacts(category="1", days_since_receipt=15), "mediation.accepted",
     "arbitration.apply_after_15_days", "现为第15日"),
    (LABOUR, "mediation.accepted", "court.revoke_apply", "不能办理"),
    (LABOUR, "arbitration.award_nonfinal", "court.revoke_apply", "终局裁决"),
    (LABOUR, "closed.performed", "mediation.accept", "已结案"),
    (LABOUR, "closed.enforced", "legal_aid.apply", "已结案"),
    (LABOUR, "agreement.not_performed", "court.sue_on_agreement", "应申请仲裁"),
    (LABOUR, "arbitration.applied", "court.sue", "第二十九条"),
    (LABOUR, "arbitration.served", "court.sue", "第四十三条"),
    (LABOUR, "arbitration.accepted", "award.final", "不能办理"),
    (LABOUR, "court.appealed", "court.appeal", "不能办理"),
    (LABOUR, INITIAL_STATE, "no.such", "未知的办理事项"),
    (LABOUR, "nowhere.at_all", "classify", "未知的案件状态"),
])
def test_illegal_transitions_are_refused(facts: CaseFacts, state: str, event: str,
                                         fragment: str) -> None:
    with pytest.raises(TransitionRefused, match=fragment) as refused:
        apply_event(state, event, facts)
    assert refused.value.reason_zh == check(state, event, facts)
    assert refused.value.code == "transition_refused"


def test_waiting_fifteen_days_or_an_overdue_commission_opens_the_way() -> None:
    late = CaseFacts(category="1", days_since_receipt=16)
    assert apply_event("mediation.accepted", "arbitration.apply_after_15_days", late).state == \
        "arbitration.applied"
    silent = CaseFacts(category="1", acceptance_overdue=True)
    assert apply_event("arbitration.applied", "court.sue", silent).state == "court.suit_filed"
    slow = CaseFacts(category="1", award_overdue=True)
    assert apply_event("arbitration.hearing_scheduled", "court.sue", slow).state == \
        "court.suit_filed"


def test_direct_suit_exceptions() -> None:
    iou = CaseFacts(category="1", claim_types=(ClaimType.WAGE_IOU,))
    assert walk(iou, ["court.sue_direct"])[-1] == "court.suit_filed"
    flagged = CaseFacts(category="1", claim_types=("wages",), wage_iou_only=True)
    assert walk(flagged, ["court.sue_direct"])[-1] == "court.suit_filed"
    mixed = CaseFacts(category="1", claim_types=(ClaimType.WAGE_IOU, ClaimType.SOCIAL_INSURANCE))
    with pytest.raises(TransitionRefused):
        walk(mixed, ["court.sue_direct"])


@pytest.mark.parametrize("state", ["intake.received", "mediation.in_progress",
                                   "arbitration.accepted", "court.suit_filed",
                                   "enforcement.applied", "payment_order.issued"])
@pytest.mark.parametrize("event", ["legal_aid.apply", "legal_aid.grant", "legal_aid.assign",
                                   "legal_aid.refuse", "inspection.complain",
                                   "inspection.result"])
def test_parallel_tracks_keep_the_state(state: str, event: str) -> None:
    applied = replace(LABOUR, recorded=frozenset({"legal_aid.applied", "legal_aid.granted"}))
    result = apply_event(state, event, applied)
    assert result.new_state == state and result.stage.value == state.split(".")[0]


def test_answer_may_arrive_after_the_tribunal_is_formed() -> None:
    states = walk(LABOUR, ["arbitration.accept", "arbitration.form_tribunal",
                           "arbitration.serve", "arbitration.answer"],
                  state="arbitration.applied")
    assert states[-3:] == ["arbitration.tribunal_formed"] * 3


def test_available_events_list_next_steps_and_explain_refusals() -> None:
    options = {o.event: o for o in available_events("agreement.signed", LABOUR)}
    assert options["confirmation.apply"].allowed and options["review.apply"].allowed
    assert options["agreement.breach"].allowed and options["legal_aid.apply"].allowed
    assert "court.revoke_apply" not in options  # not a plausible step here
    assert all(o.basis and o.label_zh == o.label for o in options.values())
    refused = {o.event: o for o in available_events(
        "agreement.signed", CaseFacts(category="1", claim_types=("confirm_relationship",)))}
    assert not refused["review.apply"].allowed
    assert "第七十五条" in (refused["review.apply"].reason_zh or "")
    assert refused["review.apply"].reason == refused["review.apply"].reason_zh
    everything = available_events("agreement.signed", LABOUR, include_all=True)
    sue = next(o for o in everything if o.event == "court.sue")
    assert not sue.allowed and "不能办理" in (sue.reason or "")


def test_closed_cases_offer_nothing_but_what_the_law_allows_after_closing() -> None:
    assert available_events("closed.performed", LABOUR) == []
    legacy = {o.event for o in available_events("closed.award_effective", LABOUR) if o.allowed}
    assert legacy == {"enforcement.apply"}


ON = CaseFacts(category="1", on=date(2026, 9, 21), award_effective_on=date(2026, 9, 23),
               award_effective_note="起诉期：裁决日2026年09月01日")


@pytest.mark.parametrize("facts, state, event, fragment", [
    (ON, "arbitration.award_nonfinal", "award.effective", "2026年9月23日起方可办理"),
    (replace(ON, actor="employer"), "arbitration.award_final", "court.sue", "第四十八条"),
    (replace(ON, actor="worker"), "arbitration.award_final", "court.revoke_apply", "第四十九条"),
    (replace(ON, recorded=frozenset({"award.final"})), "court.suit_filed", "court.revoke_apply",
     "第二十一条"),
    (ON, "court.suit_filed", "court.worker_suit_ended", "没有终局裁决"),
    (ON, "arbitration.correction_requested", "court.sue", "第一百二十六条"),
    (replace(ON, litigation_deemed_on=date(2026, 9, 21)), "payment_order.terminated",
     "payment_order.refuse_litigation", "第四百三十九条"),
    (replace(ON, litigation_deemed_on=date(2026, 9, 22)), "payment_order.terminated",
     "payment_order.to_litigation", "2026年9月22日起"),
    (replace(ON, recorded=frozenset({"payment_order.litigation_refused"})),
     "payment_order.terminated", "payment_order.to_litigation", "不同意提起诉讼"),
    (replace(ON, city="西宁市"), "intake.received", "wage_clue.receive", "淄博"),
    (replace(ON, city="淄博市"), "intake.received", "wage_clue.answer", "尚未受理欠薪线索"),
    (ON, "intake.received", "legal_aid.grant", "尚未申请法律援助"),
    (ON, "intake.received", "legal_aid.assign", "尚未申请法律援助"),
])
def test_route_guards_refuse_with_the_reason(facts: CaseFacts, state: str, event: str,
                                             fragment: str) -> None:
    with pytest.raises(TransitionRefused, match=fragment):
        apply_event(state, event, facts)


def test_route_guards_allow_when_the_time_has_come() -> None:
    assert apply_event("arbitration.award_nonfinal", "award.effective",
                       replace(ON, on=date(2026, 9, 23))).state == "arbitration.award_effective"
    assert apply_event("arbitration.award_nonfinal", "court.sue", ON).state == "court.suit_filed"
    worker = replace(ON, actor="worker", recorded=frozenset({"award.final"}))
    assert apply_event("arbitration.award_final", "court.sue", worker).notes == ()
    unnamed = apply_event("arbitration.award_final", "court.sue", worker.__class__(
        category="1", recorded=frozenset({"award.final"})))
    assert "按劳动者起诉记录" in unnamed.notes[0]
    assert apply_event("court.suit_filed", "court.worker_suit_ended", worker).state == \
        "arbitration.award_final"
    assert apply_event("arbitration.correction_requested", "arbitration.receive_correction",
                       ON).state == "arbitration.applied"
    zibo = replace(ON, city="淄博市", recorded=frozenset({"wage_clue.received"}))
    assert apply_event("intake.received", "wage_clue.answer", zibo).state == "intake.received"


@pytest.mark.parametrize("event, state, article", [
    ("review.accept", "arbitration_review.applied", "第七十五条"),
    ("review.refuse", "arbitration_review.accepted", "第七十八条"),
    ("review.confirm", "arbitration_review.accepted", "第七十七条"),
    ("arbitration.withdraw", "arbitration.accepted", "第三十五条"),
    ("case.withdraw", "arbitration.accepted", "第三十五条"),
    ("case.withdraw", "mediation.accepted", "《劳动争议调解仲裁法》第五条"),
    ("enforcement.conclude", "enforcement.applied", "执行案件立案、结案若干问题的意见"),
    ("payment_order.terminate", "payment_order.objection_filed", "第四百三十六条"),
])
def test_citations(event: str, state: str, article: str) -> None:
    assert article in apply_event(state, event, ON).basis


def test_confirmation_basis_follows_the_organisation() -> None:
    people = replace(ON, category="3", org_kind="peoples_mediation")
    assert apply_event("agreement.signed", "confirmation.apply", people).basis.startswith(
        "《人民调解法》第三十三条")
    enterprise = replace(ON, org_kind="enterprise_committee")
    basis = apply_event("agreement.signed", "confirmation.apply", enterprise).basis
    assert "人民调解法" not in basis and "第五十二条" in basis
    civil = apply_event("mediation.accepted", "agreement.sign",
                        replace(ON, category="3", org_kind="enterprise_committee"))
    assert civil.notes == ()  # the warning comes when the case is taken on, not later
    accepted = apply_event("intake.received", "mediation.accept",
                           replace(ON, category="3", org_kind="enterprise_committee"))
    assert "第十条" in accepted.notes[0]


def test_withdrawal_cites_the_peoples_mediation_law_only_there() -> None:
    people = replace(ON, org_kind="peoples_mediation")
    assert "《人民调解法》第二十三条" in apply_event("mediation.accepted", "case.withdraw",
                                                   people).basis
    enterprise = replace(ON, org_kind="enterprise_committee")
    assert "人民调解法" not in apply_event("mediation.accepted", "case.withdraw",
                                          enterprise).basis


def test_a_late_suit_on_a_nonfinal_award_is_recorded_with_a_warning() -> None:
    late = replace(ON, on=date(2026, 9, 23), recorded=frozenset({"award.nonfinal"}))
    result = apply_event("arbitration.award_nonfinal", "court.sue", late)
    assert result.state == "court.suit_filed" and "第八十六条" in result.notes[0]
    assert apply_event("arbitration.award_nonfinal", "court.sue",
                       replace(late, on=date(2026, 9, 22))).notes == ()
