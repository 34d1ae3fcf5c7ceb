"""Which route a dispute may take: by relationship category and by what is claimed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.models.enums import ClaimType, RelationshipCategory


class LegalCategory(StrEnum):
    """The categories the statutes use (调解仲裁法 arts 16, 47)."""

    LABOUR_PAY = "labour_pay"                  # 劳动报酬
    WORK_INJURY_MEDICAL = "work_injury_medical"  # 工伤医疗费
    COMPENSATION = "compensation"              # 经济补偿或者赔偿金
    LABOUR_STANDARDS = "labour_standards"      # 工作时间、休息休假、社会保险等国家劳动标准
    RELATIONSHIP = "relationship"              # 确认劳动关系
    OTHER = "other"


CLAIM_CATEGORY: dict[str, LegalCategory] = {
    ClaimType.WAGES: LegalCategory.LABOUR_PAY,
    ClaimType.OVERTIME_PAY: LegalCategory.LABOUR_PAY,
    ClaimType.HOLIDAY_PAY: LegalCategory.LABOUR_PAY,
    ClaimType.MINIMUM_WAGE_SHORTFALL: LegalCategory.LABOUR_PAY,
    ClaimType.SUBSIDY: LegalCategory.LABOUR_PAY,
    ClaimType.DEDUCTION_REFUND: LegalCategory.LABOUR_PAY,
    ClaimType.WAGE_IOU: LegalCategory.LABOUR_PAY,
    # 未签书面劳动合同二倍工资差额 is treated by many courts as a penalty, not pay: kept
    # apart so it is neither final nor eligible for a payment order by default.
    ClaimType.DOUBLE_WAGES: LegalCategory.OTHER,
    ClaimType.ECONOMIC_COMPENSATION: LegalCategory.COMPENSATION,
    ClaimType.TERMINATION_DAMAGES: LegalCategory.COMPENSATION,
    ClaimType.WORK_INJURY_MEDICAL: LegalCategory.WORK_INJURY_MEDICAL,
    ClaimType.WORKING_TIME_REST: LegalCategory.LABOUR_STANDARDS,
    ClaimType.SOCIAL_INSURANCE: LegalCategory.LABOUR_STANDARDS,
    ClaimType.CONFIRM_RELATIONSHIP: LegalCategory.RELATIONSHIP,
    ClaimType.WORK_INJURY_BENEFITS: LegalCategory.OTHER,
    ClaimType.OCCUPATIONAL_INJURY: LegalCategory.OTHER,
    ClaimType.DEPOSIT_REFUND: LegalCategory.OTHER,
    ClaimType.OTHER: LegalCategory.OTHER,
}
PAYMENT_ORDER_CATEGORIES = {LegalCategory.LABOUR_PAY, LegalCategory.WORK_INJURY_MEDICAL,
                            LegalCategory.COMPENSATION}
WAGE_ONLY = {LegalCategory.LABOUR_PAY}


def legal_category(claim_type: str) -> LegalCategory:
    return CLAIM_CATEGORY.get(claim_type, LegalCategory.OTHER)


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case (filled by the service from the record)."""

    category: str = RelationshipCategory.UNDETERMINED
    claim_types: tuple[str, ...] = ()
    category2_route: str = "arbitration"     # per-organisation setting for category ②
    has_agreement: bool = False
    agreement_wage_only: bool = False         # every agreed term is labour pay
    days_since_receipt: int = 0               # of the mediation application
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def categories(self) -> set[LegalCategory]:
        return {legal_category(c) for c in self.claim_types}


def arbitrable(facts: CaseFacts) -> str | None:
    """None when labour arbitration is open to the case, otherwise the reason it is not."""
    if facts.category == RelationshipCategory.CIVIL:
        return ("第③类（个人依托平台自主经营）属民事纠纷，不属劳动争议仲裁受理范围，"
                "应通过人民调解、司法确认或向人民法院起诉解决（人社部发〔2021〕56号）")
    if facts.category == RelationshipCategory.MANAGED and facts.category2_route == "civil":
        return "本组织设置第②类争议按民事途径处理（人民调解、司法确认或诉讼），不进入劳动仲裁"
    return None


def direct_suit_exception(facts: CaseFacts, *, after_payment_order: bool = False,
                          agreement_breached: bool = False) -> str | None:
    """The cases a court takes without arbitration; returns the ground, or None."""
    if after_payment_order:
        return "支付令被裁定终结督促程序后，劳动者可就劳动争议事项直接起诉（《解释（一）》第十三条）"
    if facts.claim_types and set(facts.claim_types) == {ClaimType.WAGE_IOU}:
        return "以用人单位的工资欠条为证据直接起诉、诉讼请求不涉及其他争议的，按普通民事纠纷受理（《解释（一）》第十五条）"
    if agreement_breached and facts.agreement_wage_only:
        return "仅就劳动报酬达成的调解协议，用人单位不履行的，劳动者可直接起诉（《解释（一）》第五十一条第二款）"
    return None


def review_refusal(facts: CaseFacts) -> str | None:
    """办案规则 art 75: arbitration review is not accepted for these agreements."""
    if LegalCategory.RELATIONSHIP in facts.categories:
        return "调解协议涉及确认劳动关系的，仲裁委员会不予受理仲裁审查申请（《劳动人事争议仲裁办案规则》第七十五条）"
    reason = arbitrable(facts)
    if reason:
        return reason
    return None


def payment_order_refusal(facts: CaseFacts) -> str | None:
    """调解仲裁法 art 16: only agreements on pay, work-injury medical costs, compensation."""
    if not facts.has_agreement:
        return "申请支付令须以调解协议书为依据（《劳动争议调解仲裁法》第十六条）"
    other = facts.categories - PAYMENT_ORDER_CATEGORIES
    if not facts.categories or other:
        return ("支付令仅适用于就拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金达成的调解协议"
                "（《劳动争议调解仲裁法》第十六条）")
    return None


def route_summary(facts: CaseFacts) -> list[str]:
    """The routes open to the case, in words a mediator can act on."""
    routes = []
    if arbitrable(facts) is None:
        routes.append("调解不成或不履行协议的，可申请劳动争议仲裁（仲裁前置，《劳动争议调解仲裁法》第五条）")
        if review_refusal(facts) is None:
            routes.append("达成调解协议后可在15日内共同申请仲裁审查（《劳动人事争议仲裁办案规则》第七十四条）")
    else:
        routes.append("可向人民法院起诉（民事纠纷）")
    routes.append("达成调解协议后可在30日内共同申请司法确认（《人民调解法》第三十三条）")
    if payment_order_refusal(facts) is None:
        routes.append("用人单位不履行协议的，劳动者可持协议申请支付令（《劳动争议调解仲裁法》第十六条）")
    return routes

