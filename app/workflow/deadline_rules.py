"""The statutory deadline rules as data (DOMAIN.md §6), each with its article and verification tag.

Tags: V = read in the primary text; V2 = article quoted on an official page; S = summaries only;
U = not verified; local = a local policy. Rules not verified in the primary text are editable by
an administrator (RuleTable overrides); verified ones are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    CALENDAR_DAY = "calendar_day"
    WORKING_DAY = "working_day"
    MONTH = "month"
    YEAR = "year"


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"


class Kind(StrEnum):
    DUTY = "duty"      # someone must act by the due date (met / missed)
    WINDOW = "window"  # a period that simply runs out (a right opens or lapses)


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    title: str
    amount: int
    unit: Unit
    trigger: str                  # event kind that starts the period
    basis: str                    # legal basis, article cited
    tag: str
    direction: Direction = Direction.AFTER
    kind: Kind = Kind.DUTY
    satisfied_by: tuple[str, ...] = ()  # events that fulfil the duty
    moot_by: tuple[str, ...] = ()       # events that make the deadline irrelevant
    editable: bool = False


D, W, M, Y = Unit.CALENDAR_DAY, Unit.WORKING_DAY, Unit.MONTH, Unit.YEAR
AWARDS = ("award.final", "award.nonfinal", "award.mixed", "arbitration.mediated")
CLOSING = ("case.closed", "case.withdrawn")

DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("mediation.accept", "调解委员会决定是否受理", 3, W, "application.received",
                 "《企业劳动争议协商调解规定》第二十二条", "U",
                 satisfied_by=("mediation.accepted", "mediation.refused"), editable=True),
    DeadlineRule("mediation.no_agreement", "收到调解申请15日未达成协议，可申请仲裁", 15, D,
                 "application.received", "《劳动争议调解仲裁法》第十四条第三款", "V",
                 kind=Kind.WINDOW, moot_by=("agreement.signed", "mediation.failed",
                                            "mediation.refused", "arbitration.submitted")
                 + CLOSING),
    DeadlineRule("mediation.end", "调解委员会应当结束调解（经双方同意可延长，新就业形态最多延长15日）",
                 15, D, "mediation.accepted",
                 "《企业劳动争议协商调解规定》第二十九条；人社厅发〔2024〕4号", "U",
                 satisfied_by=("agreement.signed", "mediation.failed"), moot_by=CLOSING,
                 editable=True),
    DeadlineRule("negotiation.no_reply", "对协商要求5日内不答复视为不愿协商", 5, D,
                 "negotiation.requested", "《企业劳动争议协商调解规定》第十条", "U",
                 kind=Kind.WINDOW, moot_by=("negotiation.replied",), editable=True),
    DeadlineRule("review.apply", "共同申请仲裁审查", 15, D, "agreement.effective",
                 "《劳动人事争议仲裁办案规则》第七十四条", "V2",
                 satisfied_by=("review.applied",),
                 moot_by=("confirmation.applied", "agreement.performed") + CLOSING),
    DeadlineRule("review.decide", "仲裁委员会完成审查（可延长5日）", 5, D, "review.accepted",
                 "《劳动人事争议仲裁办案规则》第七十六条、第七十七条", "U",
                 satisfied_by=("review.confirmed", "review.refused"), editable=True),
    DeadlineRule("confirmation.apply", "共同申请司法确认", 30, D, "agreement.effective",
                 "《人民调解法》第三十三条；《民事诉讼法》第二百零五条", "V",
                 satisfied_by=("confirmation.applied",),
                 moot_by=("review.applied", "agreement.performed") + CLOSING),
    DeadlineRule("confirmation.accept", "人民法院决定是否受理司法确认申请", 3, D,
                 "confirmation.applied", "《关于人民调解协议司法确认程序的若干规定》（2011）第四条", "V",
                 satisfied_by=("confirmation.accepted", "confirmation.rejected")),
    DeadlineRule("confirmation.decide", "司法确认案件审结", 30, D, "confirmation.accepted",
                 "《民事诉讼法》第一百八十七条", "V",
                 satisfied_by=("confirmation.confirmed", "confirmation.rejected")),
    DeadlineRule("payment_order.accept", "人民法院通知是否受理支付令申请", 5, D,
                 "payment_order.applied", "《民事诉讼法》第二百二十六条", "V",
                 satisfied_by=("payment_order.accepted", "payment_order.dismissed")),
    DeadlineRule("payment_order.issue", "人民法院发出支付令或裁定驳回", 15, D,
                 "payment_order.accepted", "《民事诉讼法》第二百二十七条", "V",
                 satisfied_by=("payment_order.issued", "payment_order.dismissed")),
    DeadlineRule("payment_order.objection", "债务人清偿债务或提出书面异议", 15, D,
                 "payment_order.served", "《民事诉讼法》第二百二十七条", "V", kind=Kind.WINDOW,
                 moot_by=("payment_order.objected", "agreement.performed")),
    DeadlineRule("limitation", "仲裁时效（一年，可中断、中止）", 1, Y, "dispute.known",
                 "《劳动争议调解仲裁法》第二十七条", "V", satisfied_by=("arbitration.submitted",)),
    DeadlineRule("limitation.wages", "拖欠劳动报酬：劳动关系终止后一年内申请仲裁", 1, Y,
                 "employment.ended", "《劳动争议调解仲裁法》第二十七条第四款", "V",
                 satisfied_by=("arbitration.submitted",)),
    DeadlineRule("arbitration.correct", "仲裁委员会一次性告知需补正的全部材料", 5, D,
                 "arbitration.submitted", "《劳动人事争议仲裁办案规则》第二十九条", "V2",
                 satisfied_by=("arbitration.correction_requested", "arbitration.accepted",
                               "arbitration.refused")),
    DeadlineRule("arbitration.accept", "仲裁委员会受理或书面不予受理并说明理由", 5, D,
                 "arbitration.submitted", "《劳动争议调解仲裁法》第二十九条", "V",
                 satisfied_by=("arbitration.accepted", "arbitration.refused")),
    DeadlineRule("arbitration.serve", "将仲裁申请书副本送达被申请人", 5, D, "arbitration.accepted",
                 "《劳动争议调解仲裁法》第三十条", "V", satisfied_by=("arbitration.served",),
                 moot_by=("arbitration.withdrawn",)),
    DeadlineRule("arbitration.answer", "被申请人提交答辩书", 10, D, "arbitration.served",
                 "《劳动争议调解仲裁法》第三十条", "V", kind=Kind.WINDOW,
                 moot_by=("arbitration.answered", "arbitration.withdrawn")),
    DeadlineRule("arbitration.serve_answer", "将答辩书副本送达申请人", 5, D, "arbitration.answered",
                 "《劳动争议调解仲裁法》第三十条", "V", satisfied_by=("arbitration.answer_served",)),
    DeadlineRule("arbitration.tribunal", "书面通知仲裁庭组成情况", 5, D, "arbitration.accepted",
                 "《劳动争议调解仲裁法》第三十二条", "V", satisfied_by=("arbitration.tribunal_formed",),
                 moot_by=("arbitration.withdrawn",)),
    DeadlineRule("arbitration.hearing_notice", "开庭通知最迟送达日（开庭5日前）", 5, D,
                 "hearing.scheduled", "《劳动争议调解仲裁法》第三十五条", "V",
                 direction=Direction.BEFORE, satisfied_by=("hearing.notice_served",)),
    DeadlineRule("arbitration.postpone", "申请延期开庭最迟日（开庭3日前）", 3, D, "hearing.scheduled",
                 "《劳动争议调解仲裁法》第三十五条", "V", direction=Direction.BEFORE,
                 kind=Kind.WINDOW),
    DeadlineRule("arbitration.award", "仲裁裁决期限", 45, D, "arbitration.accepted",
                 "《劳动争议调解仲裁法》第四十三条；《劳动人事争议仲裁办案规则》第四十六条", "V",
                 satisfied_by=AWARDS, moot_by=("arbitration.withdrawn", "arbitration.extended")),
    DeadlineRule("arbitration.award_extended", "经批准延期后的仲裁裁决期限", 60, D,
                 "arbitration.accepted", "《劳动争议调解仲裁法》第四十三条", "V",
                 satisfied_by=AWARDS, moot_by=("arbitration.withdrawn",)),
    DeadlineRule("award.final.worker_sue", "劳动者对终局裁决不服提起诉讼", 15, D,
                 "award.final", "《劳动争议调解仲裁法》第四十八条", "V", kind=Kind.WINDOW,
                 moot_by=("court.filed",)),
    DeadlineRule("award.final.employer_revoke", "用人单位向中级人民法院申请撤销终局裁决", 30, D,
                 "award.final", "《劳动争议调解仲裁法》第四十九条", "V", kind=Kind.WINDOW,
                 moot_by=("revocation.applied",)),
    DeadlineRule("award.revoked.sue", "终局裁决被撤销后提起诉讼", 15, D, "award.revoked",
                 "《劳动争议调解仲裁法》第四十九条第三款", "V", kind=Kind.WINDOW,
                 moot_by=("court.filed",)),
    DeadlineRule("award.nonfinal.sue", "对非终局裁决不服提起诉讼（期满不起诉裁决生效）", 15, D,
                 "award.nonfinal", "《劳动争议调解仲裁法》第五十条", "V", kind=Kind.WINDOW,
                 moot_by=("court.filed",)),
    DeadlineRule("award.unenforced.sue", "终局裁决被裁定不予执行后提起诉讼", 30, D,
                 "award.enforcement_refused", "《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第二十四条",
                 "V", kind=Kind.WINDOW, moot_by=("court.filed",)),
    DeadlineRule("enforcement.apply", "申请强制执行", 2, Y, "performance.period_ended",
                 "《民事诉讼法》第二百五十条", "V", satisfied_by=("enforcement.applied",),
                 moot_by=("agreement.performed",)),
    DeadlineRule("court.file", "人民法院对符合条件的起诉立案", 7, D, "court.filed",
                 "《民事诉讼法》第一百二十六条", "V", satisfied_by=("court.accepted", "court.refused")),
    DeadlineRule("appeal.judgment", "不服判决提起上诉", 15, D, "judgment.served",
                 "《民事诉讼法》第一百七十一条", "V", kind=Kind.WINDOW, moot_by=("appeal.filed",)),
    DeadlineRule("appeal.ruling", "不服裁定提起上诉", 10, D, "ruling.served",
                 "《民事诉讼法》第一百七十一条", "V", kind=Kind.WINDOW, moot_by=("appeal.filed",)),
    DeadlineRule("legal_aid.decide", "法律援助机构作出是否给予法律援助的决定", 7, D,
                 "legal_aid.applied", "《法律援助法》第四十三条", "V",
                 satisfied_by=("legal_aid.granted", "legal_aid.refused")),
    DeadlineRule("legal_aid.assign", "决定给予法律援助后指派律师等人员", 3, D, "legal_aid.granted",
                 "《法律援助法》第四十三条", "V", satisfied_by=("legal_aid.assigned",)),
    DeadlineRule("wage_clue.feedback", "欠薪线索当日受理、次日联系、3日内反馈", 3, D,
                 "wage_clue.received", "淄人社发〔2021〕16号（五）", "local",
                 satisfied_by=("wage_clue.answered",), editable=True),
)

RULES_BY_ID = {rule.id: rule for rule in DEFAULT_RULES}
