"""Which documents make up each stage's pack, and the one list of every kind in the order a
clerk meets them (no heavy imports: the CLI loads this at start)."""

from __future__ import annotations

from app.models.enums import Stage

# The one table of document kinds, grouped by stage, in filing order. `render --list`, the GUI's
# document list and DocumentService.kinds() all read it; a kind not named here (an
# organisation's own template) is listed last under 其他.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("受理与调解", ("mediation_application", "oral_application_record", "application_receipt",
                    "acceptance_notice", "refusal_notice", "rights_notice", "evidence_list",
                    "power_of_attorney", "legal_representative_certificate", "service_receipt",
                    "mediation_record", "mediation_failure_notice")),
    ("调解协议", ("mediation_agreement", "arbitration_review_application",
                  "judicial_confirmation_application", "payment_order_application",
                  "performance_visit_record")),
    ("仲裁", ("arbitration_application", "collective_arbitration_application",
              "claim_change_application", "hearing_postponement_application",
              "arbitration_withdrawal", "arbitration_defence", "service_address_arbitration",
              "legal_aid_application", "inspection_complaint")),
    ("诉讼", ("civil_complaint_labour", "civil_defence_labour", "civil_complaint",
              "award_revocation_application", "service_address_court")),
    ("执行", ("enforcement_application",)),
    ("归档", ("file_cover", "file_index")),
)
OTHER_GROUP = "其他"
ORDER: tuple[str, ...] = tuple(kind for _, kinds in GROUPS for kind in kinds)
GROUP_OF: dict[str, str] = {kind: group for group, kinds in GROUPS for kind in kinds}

# A collective dispute (调解仲裁法 art 7) files either one application per worker or one
# application by the elected representatives with the list of workers: the second kind.
REPRESENTATIVE_KINDS: dict[str, str] = {
    "arbitration_application": "collective_arbitration_application",
}
COLLECTIVE_MODES = ("worker", "representative")

# What a clerk types just before generating (生成文书前的补充内容): `render --set 字段=内容`
# and the documents dialog's 补充内容. Each is None in the context until typed.
FREE_TEXT: dict[str, str] = {
    "refusal_reason": "不予受理的理由", "failure_reason": "调解不成的原因",
    "documents_served": "送达的文书", "service_method": "送达方式",
    "award_text": "仲裁裁决内容", "legal_aid_request": "申请法律援助的事项",
    "hardship": "经济困难情况", "retention": "保管期限",
    "contract_signing": "劳动合同签订情况", "contract_performance": "劳动合同履行情况",
    "termination": "解除或终止劳动关系情况", "injury": "工伤情况",
    "other_facts": "其他需要说明的情况", "defence_text": "答辩意见",
    "withdrawal_reason": "撤回仲裁申请的理由", "change_reason": "变更（增加）仲裁请求的理由",
    "hearing_on": "原定开庭日期", "postponement_reason": "申请延期开庭的理由",
    "enforcement_request": "申请执行事项", "award_received_on": "收到仲裁裁决书的日期",
    "revocation_grounds": "申请撤销仲裁裁决的事实和理由", "visit_on": "回访日期",
    "visit_method": "回访方式", "visit_result": "回访情况", "visitor": "回访人",
    "received_materials": "收到的材料", "title_effective_on": "执行依据生效日期",
    "payee_bank": "申请执行人收款开户银行", "payee_account": "申请执行人收款账号",
    "enforcement_amount": "申请执行标的金额（元）", "debtor_bank": "被执行人开户银行",
    "debtor_account": "被执行人银行账号", "property_clues": "被执行人其他财产线索（不动产、车辆等）",
}

# The one table of stage packs, used by this API and by the service (DocumentService).
STAGE_KINDS: dict[Stage, tuple[str, ...]] = {
    Stage.INTAKE: ("mediation_application", "oral_application_record", "acceptance_notice",
                   "rights_notice", "evidence_list", "power_of_attorney", "service_receipt"),
    Stage.NEGOTIATION: ("mediation_application", "rights_notice", "evidence_list"),
    Stage.MEDIATION: ("mediation_record", "rights_notice", "evidence_list",
                      "mediation_failure_notice"),
    Stage.AGREEMENT: ("mediation_agreement", "arbitration_review_application",
                      "judicial_confirmation_application"),
    Stage.ARBITRATION_REVIEW: ("arbitration_review_application", "mediation_agreement",
                               "power_of_attorney"),
    Stage.JUDICIAL_CONFIRMATION: ("judicial_confirmation_application", "mediation_agreement",
                                  "power_of_attorney"),
    Stage.PAYMENT_ORDER: ("payment_order_application", "mediation_agreement", "evidence_list"),
    Stage.ARBITRATION: ("arbitration_application", "evidence_list", "power_of_attorney",
                        "legal_aid_application", "inspection_complaint", "service_receipt"),
    Stage.COURT: ("civil_complaint_labour", "civil_complaint", "evidence_list",
                  "power_of_attorney"),
    Stage.ENFORCEMENT: ("enforcement_application", "mediation_agreement"),
    Stage.CLOSED: ("file_cover", "file_index"),
}


def kind_order(kind: str) -> tuple[int, str]:
    """Sort key: the table's order, then unknown kinds by name."""
    return (ORDER.index(kind) if kind in ORDER else len(ORDER), kind)
