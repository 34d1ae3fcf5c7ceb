"""Timeline event kinds: what each workflow event records, and every kind's Chinese label."""

from __future__ import annotations

# What each workflow event (app/workflow/transitions.py) records on the case timeline: the
# kinds the deadline rules start from or are satisfied by (app/workflow/deadline_rules.py).
# Events not listed record their own name.
EVENT_RECORDS: dict[str, tuple[str, ...]] = {
    "classify": ("relationship.classified",),
    "negotiation.start": ("negotiation.requested",),
    "mediation.accept": ("mediation.accepted",), "mediation.refuse": ("mediation.refused",),
    "mediation.session": ("mediation.session_held",), "mediation.fail": ("mediation.failed",),
    # An agreement takes effect when signed and sealed (调解仲裁法 art 14): one date.
    "agreement.sign": ("agreement.signed", "agreement.effective"),
    "agreement.perform": ("agreement.performed",), "agreement.breach": ("agreement.breached",),
    "review.apply": ("review.applied",), "review.accept": ("review.accepted",),
    "review.refuse": ("review.refused",), "review.confirm": ("review.confirmed",),
    "confirmation.apply": ("confirmation.applied",),
    "confirmation.accept": ("confirmation.accepted",),
    "confirmation.confirm": ("confirmation.confirmed",),
    "confirmation.reject": ("confirmation.rejected",),
    "payment_order.apply": ("payment_order.applied",),
    "payment_order.accept": ("payment_order.accepted",),
    "payment_order.issue": ("payment_order.issued",),
    "payment_order.dismiss": ("payment_order.dismissed",),
    "payment_order.serve": ("payment_order.served",),
    "payment_order.object": ("payment_order.objected",),
    "payment_order.terminate": ("payment_order.terminated",),
    "payment_order.reject_objection": ("payment_order.objection_rejected",),
    "payment_order.refuse_litigation": ("payment_order.litigation_refused",),
    # 民诉解释 art 439: no refusal within 7 days counts as a suit at the court that issued it.
    "payment_order.to_litigation": ("court.filed",),
    "confirmation.object": ("confirmation.objected",),
    "arbitration.apply": ("arbitration.submitted",),
    "arbitration.apply_after_15_days": ("arbitration.submitted",),
    "arbitration.request_correction": ("arbitration.correction_requested",),
    "arbitration.receive_correction": ("arbitration.correction_received",),
    "arbitration.accept": ("arbitration.accepted",), "arbitration.refuse": ("arbitration.refused",),
    "arbitration.serve": ("arbitration.served",), "arbitration.answer": ("arbitration.answered",),
    "arbitration.serve_answer": ("arbitration.answer_served",),
    "arbitration.form_tribunal": ("arbitration.tribunal_formed",),
    # Scheduling is recorded when the notice is served: the notice date is the event date.
    "arbitration.schedule_hearing": ("hearing.scheduled", "hearing.notice_served"),
    "arbitration.postpone_hearing": ("hearing.postponed",),
    "arbitration.extend": ("arbitration.extended",),
    "arbitration.suspend": ("arbitration.suspended",),
    "arbitration.resume": ("arbitration.resumed",),
    "arbitration.add_party": ("arbitration.party_added",),
    "arbitration.change_claims": ("arbitration.claims_changed",),
    "arbitration.counterclaim": ("arbitration.counterclaim_accepted",),
    "arbitration.transfer": ("arbitration.transferred",),
    "arbitration.mediate": ("arbitration.mediated",),
    "arbitration.partial_award": ("award.partial",),
    "arbitration.withdraw": ("arbitration.withdrawn",),
    "award.default": ("award.nonfinal",), "award.default_final": ("award.final",),
    # One party's receipt of the award: the periods of arts 48-50 run from each receipt.
    "award.serve": ("award.served",),
    "court.refuse_as_final": ("court.refused_as_final",),
    "court.worker_suit_ended": ("court.worker_suit_ended",),
    "court.sue": ("court.filed",), "court.sue_direct": ("court.filed",),
    "court.sue_on_agreement": ("court.filed",), "court.sue_after_payment_order": ("court.filed",),
    "court.accept": ("court.accepted",),
    "court.revoke_apply": ("revocation.applied",), "court.revoke_grant": ("award.revoked",),
    "court.revoke_reject": ("revocation.rejected",),
    "court.judgment": ("judgment.served",), "court.appeal": ("appeal.filed",),
    "court.second_instance": ("judgment.final",),
    "court.judgment_effective": ("judgment.effective",),
    "enforcement.apply": ("enforcement.applied",),
    "enforcement.refuse": ("award.enforcement_refused",),
    "enforcement.conclude": ("enforcement.concluded",),
    "case.close": ("case.closed",), "case.withdraw": ("case.withdrawn",),
    "legal_aid.apply": ("legal_aid.applied",), "legal_aid.grant": ("legal_aid.granted",),
    "legal_aid.refuse": ("legal_aid.refused",), "legal_aid.assign": ("legal_aid.assigned",),
    "wage_clue.receive": ("wage_clue.received",), "wage_clue.answer": ("wage_clue.answered",),
}

# 办案规则 art 46: these restart the 45-day award period from their date.
AWARD_RESTART_KINDS = ("arbitration.party_added", "arbitration.claims_changed",
                       "arbitration.counterclaim_accepted", "arbitration.transferred",
                       "arbitration.restarted")
# 办案规则 art 46: suspension and service by public notice are not counted.
AWARD_PAUSE_KINDS = {"arbitration.suspended": "arbitration.resumed",
                     "arbitration.public_notice": "arbitration.public_notice_ended"}

# Every kind a timeline may hold, recorded by a workflow event or entered directly.
KIND_LABELS: dict[str, str] = {
    "application.received": "收到调解申请", "mediation.application_received": "收到调解申请",
    "relationship.classified": "认定用工关系类别",
    "dispute.known": "知道或者应当知道权利被侵害", "employment.ended": "劳动关系终止",
    "limitation.interrupted": "仲裁时效中断", "limitation.suspended": "仲裁时效中止",
    "limitation.resumed": "时效中止原因消除",
    "negotiation.requested": "提出协商要求", "negotiation.replied": "对方答复协商要求",
    "mediation.accepted": "受理调解申请", "mediation.refused": "不予受理调解申请",
    "mediation.session_held": "调解", "mediation.failed": "调解不成、终止调解",
    "agreement.signed": "签订调解协议", "agreement.effective": "调解协议生效",
    "agreement.performed": "调解协议已履行", "agreement.breached": "调解协议未按期履行",
    "review.applied": "申请仲裁审查", "review.accepted": "仲裁委受理审查申请",
    "review.refused": "仲裁审查不予受理或者不予确认", "review.confirmed": "出具仲裁调解书",
    "confirmation.applied": "申请司法确认", "confirmation.accepted": "法院受理司法确认申请",
    "confirmation.confirmed": "法院裁定调解协议有效", "confirmation.rejected": "法院裁定驳回司法确认申请",
    "payment_order.applied": "申请支付令", "payment_order.accepted": "法院受理支付令申请",
    "payment_order.issued": "法院发出支付令", "payment_order.dismissed": "法院驳回支付令申请",
    "payment_order.served": "支付令送达债务人", "payment_order.objected": "债务人提出书面异议",
    "payment_order.effective": "支付令生效",
    "payment_order.terminated": "裁定终结督促程序（支付令失效）",
    "payment_order.objection_rejected": "债务人异议不成立，裁定驳回异议",
    "payment_order.litigation_refused": "申请人不同意提起诉讼",
    "confirmation.objected": "对确认调解协议的裁定提出异议",
    "confirmation.harm_known": "利害关系人知道民事权益受到侵害",
    "obstacle.removed": "耽误期限的障碍消除", "extension.applied": "申请顺延期限",
    "arbitration.submitted": "提交仲裁申请", "arbitration.correction_requested": "通知补正材料",
    "arbitration.correction_received": "补正材料已收到",
    "arbitration.accepted": "仲裁委受理", "arbitration.refused": "仲裁委不予受理",
    "arbitration.served": "送达仲裁申请书副本", "arbitration.answered": "收到答辩书",
    "arbitration.answer_served": "送达答辩书副本", "arbitration.tribunal_formed": "组成仲裁庭",
    "hearing.scheduled": "确定开庭日期", "hearing.notice_served": "送达开庭通知",
    "hearing.postponed": "延期开庭", "arbitration.extended": "批准延长审理期限",
    "arbitration.suspended": "中止审理", "arbitration.resumed": "恢复审理",
    "arbitration.public_notice": "公告送达", "arbitration.public_notice_ended": "公告期满",
    "arbitration.party_added": "追加当事人", "arbitration.claims_changed": "增加、变更仲裁请求",
    "arbitration.counterclaim_accepted": "受理反申请并合并处理",
    "arbitration.transferred": "接受移送管辖", "arbitration.restarted": "仲裁期限重新计算",
    "arbitration.mediated": "仲裁调解，制作调解书", "arbitration.withdrawn": "撤回仲裁申请",
    "award.partial": "先行裁决部分事项", "award.final": "终局裁决",
    "award.nonfinal": "非终局裁决", "award.mixed": "部分终局裁决",
    "award.received": "收到裁决书", "award.served": "当事人收到裁决书",
    "award.effective": "裁决生效",
    "court.refused_as_final": "基层法院认定为终局裁决，裁定不予受理或驳回起诉",
    "court.worker_suit_ended": "劳动者撤诉或者起诉被驳回",
    "court.filed": "向人民法院起诉", "court.accepted": "人民法院立案",
    "court.refused": "人民法院裁定不予受理", "revocation.applied": "申请撤销终局裁决",
    "award.revoked": "终局裁决被撤销", "revocation.rejected": "撤销申请被驳回",
    "judgment.served": "收到一审判决", "ruling.served": "收到裁定书", "appeal.filed": "提起上诉",
    "judgment.final": "二审判决", "judgment.effective": "判决生效",
    "performance.period_ended": "履行期间届满",
    "enforcement.applied": "申请强制执行", "award.enforcement_refused": "裁定不予执行",
    "enforcement.concluded": "执行完毕",
    "case.closed": "结案归档", "case.withdrawn": "撤回申请",
    "legal_aid.applied": "申请法律援助", "legal_aid.granted": "决定给予法律援助",
    "legal_aid.refused": "决定不予法律援助", "legal_aid.assigned": "指派法律援助人员",
    "inspection.complain": "向劳动保障监察机构投诉", "inspection.result": "收到监察处理结果",
    "wage_clue.received": "受理欠薪线索", "wage_clue.answered": "反馈欠薪线索处理情况",
}


def recorded_kinds(event: str) -> tuple[str, ...]:
    return EVENT_RECORDS.get(event, (event,))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
