"""Which route a dispute may take: by relationship category and by what is claimed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.models.enums import ClaimType, OrgKind, RelationshipCategory

A_LAW = "《劳动争议调解仲裁法》"
INTERP1 = "《解释（一）》"  # 最高人民法院关于审理劳动争议案件适用法律问题的解释（一）


class LegalCategory(StrEnum):
    """The categories the statutes use (调解仲裁法 arts 16, 47)."""

    LABOUR_PAY = "labour_pay"                    # 劳动报酬
    WORK_INJURY_MEDICAL = "work_injury_medical"  # 工伤医疗费
    COMPENSATION = "compensation"                # 经济补偿或者赔偿金
    LABOUR_STANDARDS = "labour_standards"        # 工作时间、休息休假、社会保险等国家劳动标准
    RELATIONSHIP = "relationship"                # 确认劳动关系
    OTHER = "other"


LEGAL_CATEGORY_LABELS = {
    LegalCategory.LABOUR_PAY: "劳动报酬", LegalCategory.WORK_INJURY_MEDICAL: "工伤医疗费",
    LegalCategory.COMPENSATION: "经济补偿或者赔偿金",
    LegalCategory.LABOUR_STANDARDS: "执行国家劳动标准（工作时间、休息休假、社会保险）",
    LegalCategory.RELATIONSHIP: "确认劳动关系", LegalCategory.OTHER: "其他",
}

# The one table that maps our claim types onto the statute's words. Doubtful rows say why.
CLAIM_CATEGORY: dict[ClaimType, LegalCategory] = {
    ClaimType.WAGES: LegalCategory.LABOUR_PAY,
    ClaimType.OVERTIME_PAY: LegalCategory.LABOUR_PAY,
    ClaimType.HOLIDAY_PAY: LegalCategory.LABOUR_PAY,
    ClaimType.MINIMUM_WAGE_SHORTFALL: LegalCategory.LABOUR_PAY,
    # Weather and night subsidies are part of the wage bill (工资总额 includes 津贴和补贴).
    ClaimType.SUBSIDY: LegalCategory.LABOUR_PAY,
    # An unlawful deduction is pay withheld.
    ClaimType.DEDUCTION_REFUND: LegalCategory.LABOUR_PAY,
    ClaimType.WAGE_IOU: LegalCategory.LABOUR_PAY,
    # 未签书面劳动合同二倍工资差额 is treated by many courts as a penalty, not pay: kept apart
    # so it is neither final nor eligible for a payment order until a legal reviewer decides.
    ClaimType.DOUBLE_WAGES: LegalCategory.OTHER,
    ClaimType.ECONOMIC_COMPENSATION: LegalCategory.COMPENSATION,
    ClaimType.TERMINATION_DAMAGES: LegalCategory.COMPENSATION,
    ClaimType.WORK_INJURY_MEDICAL: LegalCategory.WORK_INJURY_MEDICAL,
    ClaimType.WORKING_TIME_REST: LegalCategory.LABOUR_STANDARDS,
    ClaimType.SOCIAL_INSURANCE: LegalCategory.LABOUR_STANDARDS,
    ClaimType.CONFIRM_RELATIONSHIP: LegalCategory.RELATIONSHIP,
    # Art 47(一) and art 16 name only work-injury *medical costs*, not other benefits.
    ClaimType.WORK_INJURY_BENEFITS: LegalCategory.OTHER,
    ClaimType.OCCUPATIONAL_INJURY: LegalCategory.OTHER,
    ClaimType.DEPOSIT_REFUND: LegalCategory.OTHER,
    ClaimType.OTHER: LegalCategory.OTHER,
}
# 调解仲裁法 art 16: a payment order on a mediation agreement about these only.
PAYMENT_ORDER_CATEGORIES = frozenset({LegalCategory.LABOUR_PAY, LegalCategory.WORK_INJURY_MEDICAL,
                                      LegalCategory.COMPENSATION})
WAGE_ONLY = frozenset({LegalCategory.LABOUR_PAY})


def legal_category(claim_type: str) -> LegalCategory:
    try:
        return CLAIM_CATEGORY[ClaimType(claim_type)]
    except ValueError:
        return LegalCategory.OTHER


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case (filled by the service from the record)."""

    category: str = RelationshipCategory.UNDETERMINED
    claim_types: tuple[str, ...] = ()
    category2_route: str = "arbitration"      # per-organisation setting: "arbitration" | "civil"
    has_agreement: bool = False
    agreement_wage_only: bool = False          # every agreed payment is labour pay
    wage_iou_only: bool = False                # the only claim rests on a wage IOU (欠条)
    days_since_receipt: int = 0                # of the mediation application, on `on`
    acceptance_overdue: bool = False           # commission silent past the 5 days (art 29)
    award_overdue: bool = False                # no award within 45 (60) days (art 43)
    notes: tuple[str, ...] = field(default_factory=tuple)
    on: date | None = None                     # the date of the event being checked
    city: str = ""
    org_kind: str = ""                         # OrgKind of the organisation handling the case
    actor: str = ""                            # who acts: "worker" | "employer" | ""
    recorded: frozenset[str] = frozenset()     # timeline kinds recorded so far
    # A non-final award takes effect from this day unless a party sued (art 50), and how
    # that day was found (each party's receipt, or estimated from the award date).
    award_effective_on: date | None = None
    award_effective_note: str = ""
    # 民诉解释 art 439: the day silence after a terminated payment order counts as a suit.
    litigation_deemed_on: date | None = None

    @property
    def categories(self) -> set[LegalCategory]:
        return {legal_category(c) for c in self.claim_types}

    @property
    def confirms_relationship(self) -> bool:
        return LegalCategory.RELATIONSHIP in self.categories

    @property
    def iou_only(self) -> bool:
        return self.wage_iou_only or (bool(self.claim_types)
                                      and set(self.claim_types) == {ClaimType.WAGE_IOU})


SIDE_LABELS = {"worker": "劳动者", "employer": "用人单位"}
ZIBO = "淄博"


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def arbitrable(facts: CaseFacts) -> str | None:
    """None when labour arbitration is open to the case, otherwise the reason it is not."""
    if facts.category == RelationshipCategory.CIVIL:
        return ("第③类（个人依托平台自主开展经营活动）属民事纠纷，不属劳动人事争议仲裁受理范围，"
                "应通过人民调解、司法确认或者向人民法院起诉解决（人社部发〔2021〕56号）")
    if facts.category == RelationshipCategory.MANAGED and facts.category2_route == "civil":
        return ("本组织设置第②类（不完全符合确立劳动关系情形）争议按民事途径处理"
                "（人民调解、司法确认或者诉讼），不进入劳动仲裁；如需改变，请在设置中修改")
    return None


def goes_to_arbitration_first(facts: CaseFacts) -> bool:
    """Category ① (and ② when so configured): 调解仲裁法 art 5, arbitration before court."""
    return facts.category in (RelationshipCategory.LABOUR, RelationshipCategory.MANAGED) \
        and arbitrable(facts) is None


def direct_suit_exception(facts: CaseFacts, *, after_payment_order: bool = False,
                          agreement_breached: bool = False) -> str | None:
    """The cases a court takes without arbitration; returns the ground, or None."""
    if after_payment_order:
        return (f"依据{A_LAW}第十六条申请的支付令被裁定终结督促程序后，劳动者依据调解协议直接起诉的，"
                f"人民法院应予受理（{INTERP1}第十三条第三款）")
    if facts.iou_only:
        return (f"劳动者以用人单位的工资欠条为证据直接起诉、诉讼请求不涉及劳动关系其他争议的，"
                f"按普通民事纠纷受理（{INTERP1}第十五条）")
    if agreement_breached and facts.agreement_wage_only:
        return (f"仅就劳动报酬争议达成的调解协议，用人单位不履行给付义务的，劳动者可直接起诉"
                f"（{INTERP1}第五十一条第二款）")
    return None


def direct_suit_refusal(facts: CaseFacts, *, agreement_breached: bool = False) -> str | None:
    """Why a suit without arbitration is refused, or None when the court may take it."""
    if arbitrable(facts) is not None:
        return None  # a civil dispute goes to court directly
    if direct_suit_exception(facts, agreement_breached=agreement_breached):
        return None
    if facts.category == RelationshipCategory.UNDETERMINED:
        return ("用工关系类别尚未认定：如属劳动争议，须先经劳动仲裁（"
                f"{A_LAW}第五条）；请先认定类别")
    if agreement_breached:
        return (f"调解协议不履行的，应申请仲裁（{A_LAW}第十五条）；只有仅就劳动报酬达成的协议"
                f"可直接起诉（{INTERP1}第五十一条第二款）")
    return (f"劳动争议须先经劳动仲裁，对仲裁裁决不服的才能起诉（{A_LAW}第五条）；"
            f"工资欠条为唯一请求（{INTERP1}第十五条）、仅涉劳动报酬的调解协议不履行"
            f"（第五十一条第二款）、支付令督促程序终结（第十三条）的除外")


def review_refusal(facts: CaseFacts) -> str | None:
    """办案规则 art 75: arbitration review is not accepted for these agreements."""
    if facts.confirms_relationship:
        return ("调解协议内容涉及确认劳动关系的，仲裁委员会不予受理仲裁审查申请"
                "（《劳动人事争议仲裁办案规则》第七十五条）")
    return arbitrable(facts)


def payment_order_refusal(facts: CaseFacts) -> str | None:
    """调解仲裁法 art 16: only agreements on pay, work-injury medical costs, compensation.
    An agreement with other terms too may still support an order for its art 16 items."""
    if not facts.has_agreement:
        return f"申请支付令须以调解协议书为依据（{A_LAW}第十六条）"
    if not facts.categories & PAYMENT_ORDER_CATEGORIES:
        names = "、".join(sorted(LEGAL_CATEGORY_LABELS[c] for c in facts.categories)) \
            or "无请求事项"
        return ("支付令仅适用于就拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金达成的调解协议"
                f"（{A_LAW}第十六条），本案协议涉及：{names}")
    return None


def payment_order_note(facts: CaseFacts) -> str | None:
    """The part of the agreement a payment order cannot cover, when there is one."""
    other = facts.categories - PAYMENT_ORDER_CATEGORIES
    if not other or not facts.categories & PAYMENT_ORDER_CATEGORIES:
        return None
    names = "、".join(sorted(LEGAL_CATEGORY_LABELS[c] for c in other))
    return (f"支付令只能就协议中的劳动报酬、工伤医疗费、经济补偿或者赔偿金事项申请（{A_LAW}第十六条）；"
            f"其他事项（{names}）不在支付令范围内，应另行申请仲裁（第十五条）")


def civil_forum_note(facts: CaseFacts) -> str | None:
    """调解仲裁法 art 10: an enterprise committee mediates labour disputes, not civil ones."""
    if facts.category == RelationshipCategory.CIVIL and \
            facts.org_kind == OrgKind.ENTERPRISE_COMMITTEE:
        return ("第③类（个人依托平台自主开展经营活动）属民事纠纷，企业劳动争议调解委员会调解的是"
                f"劳动争议（{A_LAW}第十条），本组织不是适当的调解组织，请引导当事人向人民调解委员会"
                "申请调解或者向人民法院起诉")
    return None


def confirmation_basis(facts: CaseFacts) -> str:
    """人民调解法 art 33 only for a 人民调解委员会's agreement; 民诉法 art 205 for any other."""
    if facts.org_kind == OrgKind.PEOPLES_MEDIATION:
        return "《人民调解法》第三十三条；《民事诉讼法》第二百零五条"
    if facts.category in (RelationshipCategory.LABOUR, RelationshipCategory.MANAGED):
        return f"《民事诉讼法》第二百零五条；{INTERP1}第五十二条"
    return "《民事诉讼法》第二百零五条"


def local_wage_clue_refusal(facts: CaseFacts) -> str | None:
    """Zibo's wage-clue steps (淄人社发〔2021〕16号（五）) are a local rule of 淄博."""
    if ZIBO not in facts.city:
        where = facts.city or "未填写城市"
        return ("欠薪线索“当日受理、次日联系、3日内反馈”是淄博市的地方规定（淄人社发〔2021〕16号（五）），"
                f"本案所在地为{where}，不适用")
    return None


def route_summary(facts: CaseFacts) -> list[str]:
    """The routes open to the case, in words a mediator can act on."""
    routes = []
    if arbitrable(facts) is None:
        routes.append(f"调解不成或者不履行调解协议的，可申请劳动争议仲裁（仲裁前置，{A_LAW}第五条）")
        if review_refusal(facts) is None:
            routes.append("达成调解协议后，可自协议生效之日起15日内共同申请仲裁审查"
                          "（《劳动人事争议仲裁办案规则》第七十四条）")
    else:
        routes.append("可向人民法院起诉（民事纠纷，不经劳动仲裁）")
    routes.append("达成调解协议后，可自协议生效之日起30日内共同申请司法确认（《人民调解法》第三十三条）")
    if payment_order_refusal(facts) is None:
        routes.append(f"用人单位在约定期限内不履行协议的，劳动者可持协议书申请支付令（{A_LAW}第十六条）")
    if facts.iou_only:
        routes.append(f"以工资欠条为唯一请求的，可直接起诉（{INTERP1}第十五条）")
    return routes
