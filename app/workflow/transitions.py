"""The case workflow as data: states, events, allowed transitions, each with its legal basis.

A state is "stage.step" (e.g. "mediation.accepted"); its stage is the part before the dot.
Legal aid and labour-inspection complaints are parallel tracks: their events are allowed in any
open state and leave the main state where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.models.enums import Stage
from app.workflow.errors import TransitionRefused
from app.workflow.routing import (
    CaseFacts,
    arbitrable,
    direct_suit_exception,
    payment_order_refusal,
    review_refusal,
)

Guard = Callable[[CaseFacts], str | None]
INITIAL_STATE = "intake.received"
OPEN_BEFORE_AGREEMENT = ("intake.received", "intake.classified", "negotiation.in_progress")
MEDIATING = ("mediation.accepted", "mediation.in_progress")
AWARDED = ("arbitration.award_final", "arbitration.award_nonfinal", "arbitration.award_mixed")
ENFORCEABLE = ("arbitration_review.confirmed", "judicial_confirmation.confirmed",
               "payment_order.effective", "arbitration.mediated", "closed.award_effective",
               "court.judgment", "arbitration.award_final")
ARBITRATION_OPEN = ("arbitration.applied", "arbitration.correction_requested",
                    "arbitration.accepted", "arbitration.served", "arbitration.answered",
                    "arbitration.tribunal_formed", "arbitration.hearing_scheduled")
A_LAW = "《劳动争议调解仲裁法》"
RULES = "《劳动人事争议仲裁办案规则》"
CPL = "《民事诉讼法》"


def _arbitrable(facts: CaseFacts) -> str | None:
    return arbitrable(facts)


def _mediation_ongoing_arbitration(facts: CaseFacts) -> str | None:
    if facts.days_since_receipt < 15:
        return (f"调解组织收到申请之日起15日内（现为第{facts.days_since_receipt}日）未达成协议的，"
                f"当事人才可申请仲裁（{A_LAW}第十四条）；也可先终止调解")
    return arbitrable(facts)


def _direct_suit(facts: CaseFacts) -> str | None:
    if arbitrable(facts) is not None:
        return None  # a civil dispute goes to court directly
    if direct_suit_exception(facts):
        return None
    return (f"第①类劳动争议须先经劳动仲裁，对裁决不服才能起诉（{A_LAW}第五条），"
            "欠条、仅涉劳动报酬的协议不履行、支付令终结的情形除外")


def _breached_suit(facts: CaseFacts) -> str | None:
    if arbitrable(facts) is not None or direct_suit_exception(facts, agreement_breached=True):
        return None
    return (f"调解协议不履行的，应申请仲裁（{A_LAW}第十五条）；只有仅就劳动报酬达成的协议"
            "可直接起诉（《解释（一）》第五十一条第二款）")


@dataclass(frozen=True)
class Transition:
    event: str
    label: str
    sources: tuple[str, ...]   # states it may start from; () = any open state (parallel track)
    target: str | None         # None = the main state does not change
    basis: str
    guard: Guard | None = None


T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    T("classify", "认定用工关系类别", ("intake.received", "intake.classified"), "intake.classified",
      "人社部发〔2021〕56号；劳社部发〔2005〕12号第一条"),
    T("negotiation.start", "开始协商", OPEN_BEFORE_AGREEMENT, "negotiation.in_progress",
      "《企业劳动争议协商调解规定》第二章"),
    T("mediation.accept", "受理调解申请", OPEN_BEFORE_AGREEMENT, "mediation.accepted",
      f"{A_LAW}第十条、第十二条"),
    T("mediation.refuse", "不予受理调解申请", OPEN_BEFORE_AGREEMENT, "mediation.refused",
      f"{A_LAW}第五条"),
    T("mediation.session", "记录调解", MEDIATING, "mediation.in_progress", f"{A_LAW}第十三条"),
    T("agreement.sign", "签订调解协议", MEDIATING, "agreement.signed", f"{A_LAW}第十四条"),
    T("mediation.fail", "调解不成、终止调解", MEDIATING, "mediation.failed", f"{A_LAW}第十四条"),
    T("agreement.perform", "协议已履行", ("agreement.signed", "agreement.not_performed",
                                     "arbitration_review.confirmed",
                                     "judicial_confirmation.confirmed", "payment_order.effective"),
      "closed.performed", f"{A_LAW}第十四条"),
    T("agreement.breach", "协议未按期履行", ("agreement.signed",), "agreement.not_performed",
      f"{A_LAW}第十五条"),
    T("review.apply", "申请仲裁审查", ("agreement.signed",), "arbitration_review.applied",
      f"{RULES}第七十四条", review_refusal),
    T("review.accept", "仲裁委受理审查", ("arbitration_review.applied",),
      "arbitration_review.accepted", f"{RULES}第七十五条"),
    T("review.refuse", "仲裁委不予受理/不予确认", ("arbitration_review.applied",
                                          "arbitration_review.accepted"),
      "arbitration_review.refused", f"{RULES}第七十五条、第七十七条"),
    T("review.confirm", "出具仲裁调解书", ("arbitration_review.accepted",),
      "arbitration_review.confirmed", f"{RULES}第七十六条、第七十八条"),
    T("confirmation.apply", "申请司法确认", ("agreement.signed",), "judicial_confirmation.applied",
      f"《人民调解法》第三十三条；{CPL}第二百零五条"),
    T("confirmation.accept", "法院受理司法确认", ("judicial_confirmation.applied",),
      "judicial_confirmation.accepted", "《关于人民调解协议司法确认程序的若干规定》第四条"),
    T("confirmation.confirm", "法院裁定确认协议有效", ("judicial_confirmation.accepted",),
      "judicial_confirmation.confirmed", f"{CPL}第二百零六条"),
    T("confirmation.reject", "法院裁定驳回申请", ("judicial_confirmation.applied",
                                          "judicial_confirmation.accepted"),
      "judicial_confirmation.rejected", f"{CPL}第二百零六条；《民诉解释》第三百五十八条"),
    T("payment_order.apply", "申请支付令", ("agreement.signed", "agreement.not_performed"),
      "payment_order.applied", f"{A_LAW}第十六条；{CPL}第二百二十五条", payment_order_refusal),
    T("payment_order.issue", "法院发出支付令", ("payment_order.applied",), "payment_order.issued",
      f"{CPL}第二百二十七条"),
    T("payment_order.object", "债务人提出异议（督促程序终结）", ("payment_order.issued",),
      "payment_order.terminated", f"{CPL}第二百二十八条"),
    T("payment_order.effective", "期满未异议，支付令生效", ("payment_order.issued",),
      "payment_order.effective", f"{CPL}第二百二十七条"),
    T("arbitration.apply", "申请劳动仲裁",
      OPEN_BEFORE_AGREEMENT + ("mediation.refused", "mediation.failed", "agreement.not_performed",
                               "arbitration_review.refused", "judicial_confirmation.rejected"),
      "arbitration.applied", f"{A_LAW}第五条、第十四条、第十五条、第二十八条", _arbitrable),
    T("arbitration.apply_after_15_days", "调解逾15日未达成协议，申请劳动仲裁", MEDIATING,
      "arbitration.applied", f"{A_LAW}第十四条", _mediation_ongoing_arbitration),
    T("arbitration.request_correction", "通知补正材料", ("arbitration.applied",),
      "arbitration.correction_requested", f"{RULES}第二十九条"),
    T("arbitration.accept", "仲裁委受理", ("arbitration.applied", "arbitration.correction_requested"),
      "arbitration.accepted", f"{A_LAW}第二十九条"),
    T("arbitration.refuse", "仲裁委不予受理", ("arbitration.applied",
                                       "arbitration.correction_requested"),
      "arbitration.refused", f"{A_LAW}第二十九条"),
    T("arbitration.serve", "送达申请书副本", ("arbitration.accepted",), "arbitration.served",
      f"{A_LAW}第三十条"),
    T("arbitration.answer", "收到答辩书", ("arbitration.served",), "arbitration.answered",
      f"{A_LAW}第三十条"),
    T("arbitration.serve_answer", "送达答辩书副本", ("arbitration.answered",
                                               "arbitration.tribunal_formed",
                                               "arbitration.hearing_scheduled"), None,
      f"{A_LAW}第三十条"),
    T("arbitration.form_tribunal", "组成仲裁庭", ("arbitration.accepted", "arbitration.served",
                                             "arbitration.answered"),
      "arbitration.tribunal_formed", f"{A_LAW}第三十一条、第三十二条"),
    T("arbitration.schedule_hearing", "通知开庭", ("arbitration.tribunal_formed",
                                             "arbitration.hearing_scheduled"),
      "arbitration.hearing_scheduled", f"{A_LAW}第三十五条"),
    T("arbitration.mediate", "仲裁调解，制作调解书", ARBITRATION_OPEN[2:], "arbitration.mediated",
      f"{A_LAW}第四十二条"),
    T("arbitration.partial_award", "先行裁决部分事项", ("arbitration.hearing_scheduled",),
      "arbitration.hearing_scheduled", f"{A_LAW}第四十三条第二款"),
    T("award.final", "作出终局裁决", ("arbitration.hearing_scheduled",), "arbitration.award_final",
      f"{A_LAW}第四十七条"),
    T("award.nonfinal", "作出非终局裁决", ("arbitration.hearing_scheduled",),
      "arbitration.award_nonfinal", f"{A_LAW}第四十三条、第五十条"),
    T("award.mixed", "作出裁决（部分终局，应分别制作裁决书）", ("arbitration.hearing_scheduled",),
      "arbitration.award_mixed", "《解释（一）》第十九条、第二十条"),
    T("award.default", "缺席裁决", ("arbitration.hearing_scheduled",),
      "arbitration.award_nonfinal", f"{A_LAW}第三十六条"),
    T("arbitration.withdraw", "撤回仲裁申请", ARBITRATION_OPEN, "closed.withdrawn",
      f"{A_LAW}第四十一条；{RULES}第三十六条"),
    T("court.sue", "向人民法院起诉",
      AWARDED + ("arbitration.refused", "court.award_revoked"), "court.suit_filed",
      f"{A_LAW}第二十九条、第四十八条、第四十九条、第五十条"),
    T("court.sue_direct", "直接向人民法院起诉", OPEN_BEFORE_AGREEMENT + ("mediation.refused",
                                                                 "mediation.failed"),
      "court.suit_filed", f"{A_LAW}第五条；《解释（一）》第十五条", _direct_suit),
    T("court.sue_on_agreement", "协议不履行，直接起诉", ("agreement.not_performed",),
      "court.suit_filed", "《解释（一）》第五十一条第二款", _breached_suit),
    T("court.sue_after_payment_order", "督促程序终结后起诉", ("payment_order.terminated",),
      "court.suit_filed", "《解释（一）》第十三条"),
    T("court.accept", "人民法院立案", ("court.suit_filed",), None, f"{CPL}第一百二十六条"),
    T("court.revoke_apply", "用人单位申请撤销终局裁决", ("arbitration.award_final",
                                                "arbitration.award_mixed"),
      "court.revocation_applied", f"{A_LAW}第四十九条"),
    T("court.revoke_grant", "中级法院裁定撤销裁决", ("court.revocation_applied",),
      "court.award_revoked", f"{A_LAW}第四十九条"),
    T("court.revoke_reject", "中级法院驳回撤销申请", ("court.revocation_applied",),
      "closed.award_effective", f"{A_LAW}第四十九条"),
    T("award.effective", "起诉期满，裁决生效", ("arbitration.award_nonfinal",),
      "closed.award_effective", f"{A_LAW}第五十条"),
    T("court.judgment", "人民法院作出判决", ("court.suit_filed",), "court.judgment",
      f"{CPL}第一百五十五条"),
    T("enforcement.apply", "申请强制执行", ENFORCEABLE, "enforcement.applied",
      f"{A_LAW}第五十一条；{CPL}第二百四十七条、第二百五十条"),
    T("enforcement.conclude", "执行完毕", ("enforcement.applied",), "closed.enforced",
      f"{CPL}第二百六十四条"),
    T("case.close", "结案归档", (), "closed.closed", "《企业劳动争议协商调解规定》第三十一条"),
    T("case.withdraw", "申请人撤回申请", (), "closed.withdrawn", f"{A_LAW}第十四条"),
    # Parallel tracks: allowed in any open state, the main state stays.
    T("legal_aid.apply", "申请法律援助", (), None, "《法律援助法》第三十一条、第四十三条"),
    T("legal_aid.grant", "法律援助机构决定给予援助", (), None, "《法律援助法》第四十三条"),
    T("inspection.complain", "向劳动保障监察机构投诉", (), None, "《劳动保障监察条例》第十四条"),
    T("inspection.result", "收到监察处理结果", (), None, "《劳动保障监察条例》第十八条"),
)
BY_EVENT = {t.event: t for t in TRANSITIONS}

# What each workflow event records on the timeline: the kinds the deadline rules start from or
# are satisfied by (app/workflow/deadline_rules.py). Events not listed record their own name.
EVENT_RECORDS: dict[str, tuple[str, ...]] = {
    "negotiation.start": ("negotiation.requested",),
    "mediation.accept": ("mediation.accepted",), "mediation.refuse": ("mediation.refused",),
    "mediation.session": ("mediation.session_held",), "mediation.fail": ("mediation.failed",),
    "agreement.sign": ("agreement.signed", "agreement.effective"),
    "agreement.perform": ("agreement.performed",), "agreement.breach": ("agreement.breached",),
    "review.apply": ("review.applied",), "review.accept": ("review.accepted",),
    "review.refuse": ("review.refused",), "review.confirm": ("review.confirmed",),
    "confirmation.apply": ("confirmation.applied",),
    "confirmation.accept": ("confirmation.accepted",),
    "confirmation.confirm": ("confirmation.confirmed",),
    "confirmation.reject": ("confirmation.rejected",),
    "payment_order.apply": ("payment_order.applied",),
    "payment_order.issue": ("payment_order.accepted", "payment_order.issued"),
    "payment_order.object": ("payment_order.objected",),
    "arbitration.apply": ("arbitration.submitted",),
    "arbitration.apply_after_15_days": ("arbitration.submitted",),
    "arbitration.request_correction": ("arbitration.correction_requested",),
    "arbitration.accept": ("arbitration.accepted",), "arbitration.refuse": ("arbitration.refused",),
    "arbitration.serve": ("arbitration.served",), "arbitration.answer": ("arbitration.answered",),
    "arbitration.form_tribunal": ("arbitration.tribunal_formed",),
    # Scheduling is recorded when the notice is served: the notice date is the event date.
    "arbitration.schedule_hearing": ("hearing.scheduled", "hearing.notice_served"),
    "arbitration.serve_answer": ("arbitration.answer_served",),
    "arbitration.mediate": ("arbitration.mediated",),
    "arbitration.withdraw": ("arbitration.withdrawn",), "award.default": ("award.nonfinal",),
    "court.sue": ("court.filed",), "court.sue_direct": ("court.filed",),
    "court.sue_on_agreement": ("court.filed",), "court.sue_after_payment_order": ("court.filed",),
    "court.revoke_apply": ("revocation.applied",), "court.revoke_grant": ("award.revoked",),
    "court.judgment": ("judgment.served",), "court.accept": ("court.accepted",), "enforcement.apply": ("enforcement.applied",),
    "case.close": ("case.closed",), "case.withdraw": ("case.withdrawn",),
    "legal_aid.apply": ("legal_aid.applied",), "legal_aid.grant": ("legal_aid.granted",),
}


def recorded_kinds(event: str) -> tuple[str, ...]:
    return EVENT_RECORDS.get(event, (event,))


def stage_of(state: str) -> Stage:
    return Stage(state.split(".", 1)[0])


def is_closed(state: str) -> bool:
    return stage_of(state) == Stage.CLOSED


@dataclass(frozen=True)
class EventOption:
    event: str
    label: str
    allowed: bool
    reason: str | None
    basis: str


@dataclass(frozen=True)
class Applied:
    state: str
    stage: Stage
    basis: str


def check(state: str, event: str, facts: CaseFacts) -> str | None:
    """None when `event` is allowed in `state` for these facts, otherwise why not."""
    transition = BY_EVENT.get(event)
    if transition is None:
        return f"未知的办理事项“{event}”"
    if is_closed(state) and event not in ("legal_aid.apply", "legal_aid.grant"):
        return "案件已结案，不能再办理此事项"
    if transition.sources and state not in transition.sources:
        return f"当前状态（{state_label(state)}）不能办理“{transition.label}”"
    return transition.guard(facts) if transition.guard else None


def apply_event(state: str, event: str, facts: CaseFacts) -> Applied:
    reason = check(state, event, facts)
    if reason:
        raise TransitionRefused(reason)
    transition = BY_EVENT[event]
    target = transition.target or state
    return Applied(target, stage_of(target), transition.basis)


def available_events(state: str, facts: CaseFacts) -> list[EventOption]:
    """Every event with whether it is allowed now and, if not, why (for a hover text)."""
    options = []
    for t in TRANSITIONS:
        reason = check(state, t.event, facts)
        options.append(EventOption(t.event, t.label, reason is None, reason, t.basis))
    return options


STATE_LABELS = {
    "intake.received": "已收到申请", "intake.classified": "已认定用工关系",
    "negotiation.in_progress": "协商中", "mediation.accepted": "已受理调解",
    "mediation.refused": "不予受理调解", "mediation.in_progress": "调解中",
    "mediation.failed": "调解不成", "agreement.signed": "已签调解协议",
    "agreement.not_performed": "协议未履行", "arbitration_review.applied": "已申请仲裁审查",
    "arbitration_review.accepted": "仲裁审查中", "arbitration_review.confirmed": "已出具仲裁调解书",
    "arbitration_review.refused": "仲裁审查未通过", "judicial_confirmation.applied": "已申请司法确认",
    "judicial_confirmation.accepted": "司法确认审查中",
    "judicial_confirmation.confirmed": "司法确认有效", "judicial_confirmation.rejected": "司法确认被驳回",
    "payment_order.applied": "已申请支付令", "payment_order.issued": "已发出支付令",
    "payment_order.terminated": "督促程序终结", "payment_order.effective": "支付令已生效",
    "arbitration.applied": "已申请仲裁", "arbitration.correction_requested": "仲裁申请待补正",
    "arbitration.accepted": "仲裁已受理", "arbitration.refused": "仲裁不予受理",
    "arbitration.served": "已送达申请书副本", "arbitration.answered": "已答辩",
    "arbitration.tribunal_formed": "仲裁庭已组成", "arbitration.hearing_scheduled": "已定开庭",
    "arbitration.mediated": "仲裁调解结案", "arbitration.award_final": "终局裁决",
    "arbitration.award_nonfinal": "非终局裁决", "arbitration.award_mixed": "部分终局裁决",
    "court.suit_filed": "已起诉", "court.revocation_applied": "已申请撤销裁决",
    "court.award_revoked": "裁决已撤销", "court.judgment": "已判决",
    "enforcement.applied": "已申请执行", "closed.performed": "协议履行完毕",
    "closed.withdrawn": "已撤回", "closed.award_effective": "裁决已生效",
    "closed.enforced": "执行完毕", "closed.closed": "已结案",
}


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)
