"""The guards of the workflow table: each returns why an event may not happen yet (in
Chinese, with its article), or None. Kept apart from the table itself (transitions.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.workflow.routing import (
    CaseFacts,
    arbitrable,
    direct_suit_refusal,
    local_wage_clue_refusal,
)

Guard = Callable[[CaseFacts], str | None]
A_LAW = "《劳动争议调解仲裁法》"
RULES = "《劳动人事争议仲裁办案规则》"
CPL = "《民事诉讼法》"
AID = "《法律援助法》"
INTERP1 = "《解释（一）》"
CPL_INTERP = "《民诉解释》"
MEDIATION_WAIT_DAYS = 15  # 调解仲裁法 art 14 ¶3
FINAL_AWARDS = ("award.final", "award.mixed")


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def mediation_ongoing_arbitration(facts: CaseFacts) -> str | None:
    # "收到申请之日起十五日内未达成协议": the receipt day is not counted, so the 15 days have
    # run out only once more than 15 days have passed; a party who will not wait can end
    # the mediation (mediation.fail) and apply at once.
    if facts.days_since_receipt <= MEDIATION_WAIT_DAYS:
        return (f"调解组织收到申请之日起15日内未达成协议的，当事人才可申请仲裁（{A_LAW}第十四条），"
                f"现为第{facts.days_since_receipt}日；当事人不愿继续调解的，可先终止调解")
    return arbitrable(facts)


def breached_suit(facts: CaseFacts) -> str | None:
    return direct_suit_refusal(facts, agreement_breached=True)


def acceptance_overdue(facts: CaseFacts) -> str | None:
    if not facts.acceptance_overdue:
        return (f"仲裁委员会收到申请之日起5日内未作出受理决定的，申请人才可起诉（{A_LAW}第二十九条），"
                "受理期限尚未届满")
    return None


def correction_pending(facts: CaseFacts) -> str | None:
    # While the commission waits for corrected materials the 5-day duty is suspended; it runs
    # again from their receipt (民诉解释 art 126, applied by analogy).
    return ("仲裁委员会已通知补正材料，受理期限在补正期间中止，自收到补正材料之日起重新计算"
            f"（参照{CPL_INTERP}第一百二十六条），补正期间不能以仲裁委员会逾期未受理为由起诉"
            f"（{A_LAW}第二十九条）；补正材料交齐后请先办理“补正材料已收到”")


def award_takes_effect(facts: CaseFacts) -> str | None:
    when = facts.award_effective_on
    if when is None or facts.on is None or facts.on >= when:
        return None
    return (f"非终局裁决自当事人收到裁决书之日起15日内均未起诉的才发生法律效力（{A_LAW}第五十条）："
            f"{facts.award_effective_note}；{_cn(when)}起方可办理；起诉期内当事人仍可起诉")


def final_award_suit(facts: CaseFacts) -> str | None:
    if facts.actor == "employer":
        return (f"对终局裁决只有劳动者可以向基层人民法院起诉（{A_LAW}第四十八条）；用人单位不服的，"
                "可自收到裁决书之日起30日内向仲裁委员会所在地的中级人民法院申请撤销（第四十九条）")
    return None


def revocation_by_employer(facts: CaseFacts) -> str | None:
    if facts.actor == "worker":
        return (f"申请撤销终局裁决的是用人单位（{A_LAW}第四十九条）；劳动者对终局裁决不服的，"
                "自收到裁决书之日起15日内向基层人民法院起诉（第四十八条）")
    return None


def revocation_while_worker_sues(facts: CaseFacts) -> str | None:
    if not facts.recorded & set(FINAL_AWARDS):
        return "本案没有终局裁决，无撤销终局裁决的问题"
    return (f"劳动者已就终局裁决起诉，用人单位申请撤销的，中级人民法院不予受理（{INTERP1}第二十一条）；"
            "劳动者撤诉或者起诉被驳回的，用人单位可自收到裁定书之日起30日内申请撤销")


def after_final_award(facts: CaseFacts) -> str | None:
    if not facts.recorded & set(FINAL_AWARDS):
        return "本案没有终局裁决"
    return None


def after_an_award(facts: CaseFacts) -> str | None:
    if not facts.recorded & {"award.final", "award.mixed", "award.nonfinal"}:
        return "本案尚无仲裁裁决"
    return None


def needs(kind: str, what: str, basis: str) -> Guard:
    def guard(facts: CaseFacts) -> str | None:
        return None if kind in facts.recorded else f"尚未{what}，不能办理此项（{basis}）"
    return guard


def wage_clue_answer(facts: CaseFacts) -> str | None:
    return local_wage_clue_refusal(facts) or needs(
        "wage_clue.received", "受理欠薪线索", "淄人社发〔2021〕16号（五）")(facts)


def litigation_refusal(facts: CaseFacts) -> str | None:
    when = facts.litigation_deemed_on
    if when is not None and facts.on is not None and facts.on >= when:
        return (f"不同意提起诉讼应在收到终结督促程序裁定之日起7日内提出，已于{_cn(when)}前届满，"
                f"视为向受理申请的人民法院起诉（{CPL_INTERP}第四百三十八条、第四百三十九条）")
    return None


def to_litigation(facts: CaseFacts) -> str | None:
    if "payment_order.litigation_refused" in facts.recorded:
        return (f"申请人已表示不同意提起诉讼，不转入诉讼程序（{CPL_INTERP}第四百三十八条）；"
                "可依据调解协议起诉或者申请仲裁")
    when = facts.litigation_deemed_on
    if when is not None and facts.on is not None and facts.on < when:
        return (f"申请人可在收到终结督促程序裁定之日起7日内表示不同意提起诉讼，{_cn(when)}起"
                f"未表示的视为起诉（{CPL_INTERP}第四百三十九条）")
    return None


def award_overdue(facts: CaseFacts) -> str | None:
    if not facts.award_overdue:
        return (f"仲裁庭逾期（45日，经批准延长的60日）未作出裁决的，当事人才可起诉"
                f"（{A_LAW}第四十三条），裁决期限尚未届满")
    return None
