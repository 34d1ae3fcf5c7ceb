"""The states of a case ("stage.step" strings) with their Chinese labels and stage groups."""

from __future__ import annotations

from app.models.enums import Stage

INITIAL_STATE = "intake.received"

STATE_LABELS: dict[str, str] = {
    "intake.received": "已收到申请", "intake.classified": "已认定用工关系",
    "negotiation.in_progress": "协商中",
    "mediation.accepted": "已受理调解", "mediation.refused": "不予受理调解",
    "mediation.in_progress": "调解中", "mediation.failed": "调解不成",
    "agreement.signed": "已签调解协议", "agreement.not_performed": "协议未履行",
    "arbitration_review.applied": "已申请仲裁审查", "arbitration_review.accepted": "仲裁审查中",
    "arbitration_review.confirmed": "已出具仲裁调解书", "arbitration_review.refused": "仲裁审查未通过",
    "judicial_confirmation.applied": "已申请司法确认",
    "judicial_confirmation.accepted": "司法确认审查中",
    "judicial_confirmation.confirmed": "司法确认有效", "judicial_confirmation.rejected": "司法确认被驳回",
    "payment_order.applied": "已申请支付令", "payment_order.accepted": "支付令申请已受理",
    "payment_order.issued": "已发出支付令", "payment_order.dismissed": "支付令申请被驳回",
    "payment_order.objection_filed": "债务人已提出异议（审查中）",
    "payment_order.terminated": "督促程序终结", "payment_order.effective": "支付令已生效",
    "arbitration.applied": "已申请仲裁", "arbitration.correction_requested": "仲裁申请待补正",
    "arbitration.accepted": "仲裁已受理", "arbitration.refused": "仲裁不予受理",
    "arbitration.served": "已送达申请书副本", "arbitration.answered": "已答辩",
    "arbitration.tribunal_formed": "仲裁庭已组成", "arbitration.hearing_scheduled": "已定开庭",
    "arbitration.mediated": "仲裁调解结案", "arbitration.award_final": "终局裁决",
    "arbitration.award_nonfinal": "非终局裁决", "arbitration.award_mixed": "部分终局裁决",
    "arbitration.award_effective": "裁决已生效",
    "court.suit_filed": "已起诉", "court.revocation_applied": "已申请撤销裁决",
    "court.award_revoked": "裁决已撤销", "court.judgment": "一审已判决",
    "court.appealed": "已上诉", "court.judgment_final": "判决已生效",
    "enforcement.applied": "已申请执行", "enforcement.refused": "裁定不予执行",
    "closed.performed": "协议履行完毕", "closed.withdrawn": "已撤回",
    "closed.award_effective": "裁决已生效（已结案）", "closed.enforced": "执行完毕",
    "closed.closed": "已结案",
}
STATES = tuple(STATE_LABELS)

# Groups the transition table refers to.
OPEN_BEFORE_AGREEMENT = ("intake.received", "intake.classified", "negotiation.in_progress")
MEDIATING = ("mediation.accepted", "mediation.in_progress")
AWARDED = ("arbitration.award_final", "arbitration.award_nonfinal", "arbitration.award_mixed")
ARBITRATION_OPEN = ("arbitration.applied", "arbitration.correction_requested",
                    "arbitration.accepted", "arbitration.served", "arbitration.answered",
                    "arbitration.tribunal_formed", "arbitration.hearing_scheduled")
ARBITRATION_ACCEPTED = ARBITRATION_OPEN[2:]
# Titles a court will enforce: arbitral 调解书 and awards in force, confirmation rulings,
# effective payment orders and judgments (民诉法 arts 206, 227, 247; 调解仲裁法 art 51).
# "closed.award_effective" stays for cases stored before that state moved to arbitration.
ENFORCEABLE = ("arbitration_review.confirmed", "judicial_confirmation.confirmed",
               "payment_order.effective", "arbitration.mediated", "arbitration.award_final",
               "arbitration.award_effective", "closed.award_effective", "court.judgment",
               "court.judgment_final")


def stage_of(state: str) -> Stage:
    return Stage(state.split(".", 1)[0])


def is_closed(state: str) -> bool:
    return stage_of(state) == Stage.CLOSED


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)
