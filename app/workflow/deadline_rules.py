"""The statutory deadline rules as data (DOMAIN.md §6), each with its article and verification tag."""

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


class Tag(StrEnum):
    """How the rule was verified (DOMAIN.md: [V] [V2] [S] [U], or a local policy)."""

    V = "V"
    V2 = "V2"
    S = "S"
    U = "U"
    LOCAL = "local"


# Rules known only from summaries, unverified or local must stay changeable by an
# administrator until a legal reviewer signs them off (DOMAIN.md §9).
EDITABLE_TAGS = frozenset({Tag.S, Tag.U, Tag.LOCAL})


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    title_zh: str
    amount: int
    unit: Unit
    trigger: str                  # event kind that starts the period
    basis: str                    # legal basis in Chinese, article cited
    tag: Tag
    direction: Direction = Direction.AFTER
    kind: Kind = Kind.DUTY
    satisfied_by: tuple[str, ...] = ()  # events that fulfil the duty
    moot_by: tuple[str, ...] = ()       # events that make the deadline irrelevant
    editable: bool = False

    @property
    def title(self) -> str:
        return self.title_zh


D, W, M, Y = Unit.CALENDAR_DAY, Unit.WORKING_DAY, Unit.MONTH, Unit.YEAR
V, V2, U, LOCAL = Tag.V, Tag.V2, Tag.U, Tag.LOCAL
WINDOW, BEFORE = Kind.WINDOW, Direction.BEFORE
AWARDS = ("award.final", "award.nonfinal", "award.mixed", "award.received",
          "arbitration.mediated")
A_LAW = "《劳动争议调解仲裁法》"
RULES = "《劳动人事争议仲裁办案规则》"
CPL = "《民事诉讼法》"
ENTERPRISE = "《企业劳动争议协商调解规定》"
INTERP1 = "《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》"
CPL_INTERP = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"


def _rule(rule_id: str, title: str, amount: int, unit: Unit, trigger: str, basis: str, tag: Tag,
          *, direction: Direction = Direction.AFTER, kind: Kind = Kind.DUTY,
          done: tuple[str, ...] = (), moot: tuple[str, ...] = ()) -> DeadlineRule:
    return DeadlineRule(rule_id, title, amount, unit, trigger, basis, tag, direction, kind,
                        done, moot, editable=tag in EDITABLE_TAGS)


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    _rule("mediation.accept", "调解委员会决定是否受理调解申请", 3, W, "application.received",
          f"{ENTERPRISE}第二十二条", U, done=("mediation.accepted", "mediation.refused")),
    _rule("mediation.no_agreement", "收到调解申请15日内未达成协议的，可申请仲裁", 15, D,
          "application.received", f"{A_LAW}第十四条第三款", V, kind=WINDOW,
          moot=("agreement.signed", "mediation.failed", "mediation.refused",
                "arbitration.submitted")),
    # 人社厅发〔2024〕4号 (15 + at most 15 days) is for 一站式 mediation of new-employment-form
    # disputes, not for an enterprise committee, whose limit is its own rule's.
    _rule("mediation.end", "调解委员会应当结束调解（经双方同意可延长；人社厅发〔2024〕4号的"
          "“15日、最多延长15日”适用于一站式调解，不适用于企业调解委员会）",
          15, D, "mediation.accepted", f"{ENTERPRISE}第二十九条", U,
          done=("agreement.signed", "mediation.failed")),
    _rule("negotiation.no_reply", "对协商要求5日内不答复的，视为不愿协商", 5, D,
          "negotiation.requested", f"{ENTERPRISE}第十条", U, kind=WINDOW,
          moot=("negotiation.replied", "mediation.accepted", "arbitration.submitted")),
    _rule("review.apply", "双方共同申请仲裁审查", 15, D, "agreement.effective",
          f"{RULES}第七十四条", V2, done=("review.applied",),
          moot=("confirmation.applied", "agreement.performed", "agreement.breached")),
    _rule("review.decide", "仲裁委员会完成审查（经批准可延长5日）", 5, D, "review.accepted",
          f"{RULES}第七十六条", U, done=("review.confirmed", "review.refused")),
    # 人民调解法 art 33 binds only agreements of a 人民调解委员会; every other mediation
    # organisation's agreement goes by 民诉法 art 205 (and 解释（一） art 52 for labour ones).
    _rule("confirmation.apply", "双方共同申请司法确认", 30, D, "agreement.effective",
          f"{CPL}第二百零五条（人民调解委员会主持达成的：《人民调解法》第三十三条；"
          f"劳动争议调解协议：{INTERP1}第五十二条）", V, done=("confirmation.applied",),
          moot=("review.applied", "agreement.performed", "agreement.breached")),
    _rule("confirmation.accept", "人民法院决定是否受理司法确认申请", 3, D, "confirmation.applied",
          "《最高人民法院关于人民调解协议司法确认程序的若干规定》（2011）第四条", V,
          done=("confirmation.accepted", "confirmation.rejected")),
    _rule("confirmation.decide", "司法确认案件审结", 30, D, "confirmation.accepted",
          f"{CPL}第一百八十七条", V, done=("confirmation.confirmed", "confirmation.rejected")),
    _rule("payment_order.accept", "人民法院通知是否受理支付令申请", 5, D, "payment_order.applied",
          f"{CPL}第二百二十六条", V,
          done=("payment_order.accepted", "payment_order.issued", "payment_order.dismissed")),
    _rule("payment_order.issue", "人民法院发出支付令或者裁定驳回申请", 15, D,
          "payment_order.accepted", f"{CPL}第二百二十七条", V,
          done=("payment_order.issued", "payment_order.dismissed")),
    _rule("payment_order.objection", "债务人清偿债务或者提出书面异议", 15, D,
          "payment_order.served", f"{CPL}第二百二十七条", V, kind=WINDOW,
          moot=("payment_order.objected", "agreement.performed")),
    # The objection is examined before the order lapses (民诉解释 art 436); once the process is
    # terminated, silence for 7 days counts as a suit (arts 438-439).
    _rule("payment_order.refuse_litigation", "督促程序终结后，申请人不同意转入诉讼的，"
          "应在7日内向受理的人民法院提出（逾期视为起诉）", 7, D, "payment_order.terminated",
          f"{CPL_INTERP}第四百三十八条、第四百三十九条", U, kind=WINDOW,
          moot=("payment_order.litigation_refused", "court.filed")),
    _rule("confirmation.objection", "当事人对确认调解协议的裁定提出异议", 15, D,
          "confirmation.confirmed", f"{CPL_INTERP}第三百七十二条", U, kind=WINDOW,
          moot=("confirmation.objected",)),
    _rule("confirmation.objection_third_party", "利害关系人对确认调解协议的裁定提出异议"
          "（自知道或者应当知道民事权益受到侵害之日起六个月）", 6, M,
          "confirmation.harm_known", f"{CPL_INTERP}第三百七十二条", U, kind=WINDOW,
          moot=("confirmation.objected",)),
    _rule("extension.apply", "耽误期限的，障碍消除后10日内申请顺延期限", 10, D,
          "obstacle.removed", f"{CPL}第八十六条", U, kind=WINDOW,
          moot=("extension.applied",)),
    _rule("limitation", "仲裁时效（一年，可中断、中止）", 1, Y, "dispute.known",
          f"{A_LAW}第二十七条", V, done=("arbitration.submitted",)),
    _rule("limitation.wages", "拖欠劳动报酬：劳动关系终止后一年内申请仲裁", 1, Y,
          "employment.ended", f"{A_LAW}第二十七条第四款", V, done=("arbitration.submitted",)),
    _rule("arbitration.correct", "仲裁委员会一次性告知需补正的全部材料", 5, D,
          "arbitration.submitted", f"{RULES}第二十九条", V2,
          done=("arbitration.correction_requested", "arbitration.accepted",
                "arbitration.refused")),
    _rule("arbitration.accept", "仲裁委员会受理，或者书面通知不予受理并说明理由", 5, D,
          "arbitration.submitted", f"{A_LAW}第二十九条", V,
          done=("arbitration.accepted", "arbitration.refused")),
    _rule("arbitration.serve", "将仲裁申请书副本送达被申请人", 5, D, "arbitration.accepted",
          f"{A_LAW}第三十条", V, done=("arbitration.served",)),
    _rule("arbitration.answer", "被申请人提交答辩书", 10, D, "arbitration.served",
          f"{A_LAW}第三十条", V, kind=WINDOW, moot=("arbitration.answered",)),
    _rule("arbitration.serve_answer", "将答辩书副本送达申请人", 5, D, "arbitration.answered",
          f"{A_LAW}第三十条", V, done=("arbitration.answer_served",)),
    _rule("arbitration.tribunal", "书面通知当事人仲裁庭的组成情况", 5, D, "arbitration.accepted",
          f"{A_LAW}第三十二条", V, done=("arbitration.tribunal_formed",)),
    _rule("arbitration.hearing_notice", "开庭通知最迟送达日（开庭5日前）", 5, D,
          "hearing.scheduled", f"{A_LAW}第三十五条", V, direction=BEFORE,
          done=("hearing.notice_served",)),
    _rule("arbitration.postpone", "当事人申请延期开庭的最迟日（开庭3日前）", 3, D,
          "hearing.scheduled", f"{A_LAW}第三十五条", V, direction=BEFORE, kind=WINDOW,
          moot=("hearing.postponed",)),
    _rule("arbitration.award", "仲裁裁决期限（受理之日起45日）", 45, D, "arbitration.accepted",
          f"{A_LAW}第四十三条；{RULES}第四十六条", V, done=AWARDS,
          moot=("arbitration.extended",)),
    _rule("arbitration.award_extended", "经批准延期后的仲裁裁决期限（45日+15日）", 60, D,
          "arbitration.accepted", f"{A_LAW}第四十三条；{RULES}第四十六条", V, done=AWARDS),
    _rule("award.final.worker_sue", "劳动者对终局裁决不服，向基层人民法院起诉", 15, D,
          "award.final", f"{A_LAW}第四十八条", V, kind=WINDOW, moot=("court.filed",)),
    _rule("award.final.employer_revoke", "用人单位向中级人民法院申请撤销终局裁决", 30, D,
          "award.final", f"{A_LAW}第四十九条", V, kind=WINDOW, moot=("revocation.applied",)),
    _rule("award.final.revoke_after_refusal", "基层人民法院认定为终局裁决、裁定不予受理或者"
          "驳回起诉后，用人单位向中级人民法院申请撤销", 30, D, "court.refused_as_final",
          f"{INTERP1}第十八条第（二）项", U, kind=WINDOW, moot=("revocation.applied",)),
    _rule("award.final.revoke_after_suit", "劳动者撤诉或者起诉被驳回后，用人单位申请撤销终局裁决",
          30, D, "court.worker_suit_ended", f"{INTERP1}第二十一条", U, kind=WINDOW,
          moot=("revocation.applied",)),
    _rule("award.revoked.sue", "终局裁决被撤销后，就该争议事项起诉", 15, D, "award.revoked",
          f"{A_LAW}第四十九条第三款", V, kind=WINDOW, moot=("court.filed",)),
    _rule("award.nonfinal.sue", "不服非终局裁决起诉（期满不起诉的，裁决发生法律效力）", 15, D,
          "award.nonfinal", f"{A_LAW}第五十条", V, kind=WINDOW, moot=("court.filed",)),
    _rule("award.unenforced.sue", "终局裁决被裁定不予执行后，就该争议事项起诉", 30, D,
          "award.enforcement_refused", f"{INTERP1}第二十四条", V, kind=WINDOW,
          moot=("court.filed",)),
    _rule("enforcement.apply", "申请强制执行（自履行期间最后一日起二年）", 2, Y,
          "performance.period_ended", f"{CPL}第二百五十条", V, done=("enforcement.applied",),
          moot=("agreement.performed",)),
    _rule("court.file", "人民法院对符合条件的起诉立案，或者裁定不予受理", 7, D, "court.filed",
          f"{CPL}第一百二十六条", V, done=("court.accepted", "court.refused")),
    _rule("appeal.judgment", "不服一审判决提起上诉", 15, D, "judgment.served",
          f"{CPL}第一百七十一条", V, kind=WINDOW, moot=("appeal.filed",)),
    _rule("appeal.ruling", "不服一审裁定提起上诉", 10, D, "ruling.served",
          f"{CPL}第一百七十一条", V, kind=WINDOW, moot=("appeal.filed",)),
    _rule("legal_aid.decide", "法律援助机构作出是否给予法律援助的决定", 7, D,
          "legal_aid.applied", "《法律援助法》第四十三条", V,
          done=("legal_aid.granted", "legal_aid.refused")),
    # Derived only when a time limit ends within 7 days of the application (case_deadlines).
    _rule("legal_aid.first", "距时效或者期限届满不足7日，法律援助机构可以先行提供法律援助", 7, D,
          "legal_aid.applied", "《法律援助法》第四十四条", V2,
          done=("legal_aid.granted", "legal_aid.assigned", "legal_aid.refused")),
    _rule("legal_aid.assign", "决定给予法律援助后指派律师等法律援助人员", 3, D,
          "legal_aid.granted", "《法律援助法》第四十三条", V, done=("legal_aid.assigned",)),
    _rule("wage_clue.feedback", "欠薪线索当日受理、次日联系、3日内反馈", 3, D,
          "wage_clue.received", "淄人社发〔2021〕16号（五）", LOCAL,
          done=("wage_clue.answered",)),
)

RULES_BY_ID = {rule.id: rule for rule in DEFAULT_RULES}
