"""What the newer kinds read beyond the common context: the element-style complaint's claim
items, the forums of revocation and enforcement, the title being enforced, and a collective
dispute's workers with their own claims (the representatives' application)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.documents.amounts import an2cn, cn_date, figures, rmb_upper
from app.documents.data import CaseData, FilingData
from app.documents.packs import FREE_TEXT
from app.models.enums import ClaimType, FilingKind, label

TICK, BOX = "■", "□"  # every CJK font here has both; ☑ is missing from all of them

# 民事起诉状（劳动争议纠纷）示范文本, 诉讼请求 items 1-7 (8 is 诉讼费用, 9 其他, 10 标的总额),
# each with the claim types that answer it. 未休年休假工资 has no type of its own: a claim
# whose wording names 年休假 answers it.
ELEMENT_CLAIMS: tuple[tuple[str, frozenset[ClaimType]], ...] = (
    ("是否主张工资支付", frozenset({ClaimType.WAGES, ClaimType.MINIMUM_WAGE_SHORTFALL,
                                    ClaimType.WAGE_IOU, ClaimType.DEDUCTION_REFUND,
                                    ClaimType.SUBSIDY})),
    ("是否主张未签订书面劳动合同双倍工资", frozenset({ClaimType.DOUBLE_WAGES})),
    ("是否主张加班费", frozenset({ClaimType.OVERTIME_PAY, ClaimType.HOLIDAY_PAY})),
    ("是否主张未休年休假工资", frozenset()),
    ("是否主张未依法缴纳社会保险费造成的经济损失", frozenset({ClaimType.SOCIAL_INSURANCE})),
    ("是否主张解除劳动合同经济补偿", frozenset({ClaimType.ECONOMIC_COMPENSATION})),
    ("是否主张违法解除劳动合同赔偿金", frozenset({ClaimType.TERMINATION_DAMAGES})),
)
ANNUAL_LEAVE = "年休假"


def yes_no(flag: bool) -> str:
    return f"是{TICK} 否{BOX}" if flag else f"是{BOX} 否{TICK}"


def _detail(claims: list[dict[str, Any]]) -> str:
    parts = []
    for c in claims:
        text = c["text"]
        if c["amount"] is not None:
            text += f"，{figures(c['amount'])}元"
        if c["period_start"] and c["period_end"]:
            text += f"（{cn_date(c['period_start'])}至{cn_date(c['period_end'])}）"
        parts.append(text)
    return "；".join(parts)


def element_claims(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The complaint's items 1-10: 是/否 and 明细 for each, the rest under 其他, the total."""
    used: set[int] = set()
    items = []
    for title, types in ELEMENT_CLAIMS:
        mine = [c for c in claims if id(c) not in used and (
            ClaimType(c["type"]) in types or (not types and ANNUAL_LEAVE in c["text"]))]
        used.update(id(c) for c in mine)
        items.append({"title": title, "claimed": bool(mine), "box": yes_no(bool(mine)),
                      "detail": _detail(mine)})
    others = [c for c in claims if id(c) not in used]
    total = sum((c["amount"] for c in claims if c["amount"] is not None), Decimal(0))
    return {"items": items, "other": _detail(others), "total": total,
            "costs_box": yes_no(True)}


def _filing(data: CaseData, kind: FilingKind) -> FilingData | None:
    return data.filing(kind)


def _filing_dict(f: FilingData | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"kind_label": label(f.kind), "forum": f.forum, "filed_on": f.filed_on,
            "external_no": f.external_no, "result": f.result}


# The document a creditor enforces (执行依据): an award or the commission's 调解书, a court's
# confirmation ruling, a payment order, or a judgment, whichever the case has reached last.
TITLES: tuple[tuple[FilingKind, str], ...] = (
    (FilingKind.LAWSUIT, "民事判决书"), (FilingKind.ARBITRATION, "仲裁裁决书"),
    (FilingKind.ARBITRATION_REVIEW, "仲裁调解书"),
    (FilingKind.JUDICIAL_CONFIRMATION, "民事裁定书（确认调解协议）"),
    (FilingKind.PAYMENT_ORDER, "支付令"),
)


def more_context(data: CaseData, court: str) -> dict[str, Any]:
    """Forums and filings the newer kinds name; a filing's own forum wins over the default."""
    city = data.city
    revocation = _filing(data, FilingKind.AWARD_REVOCATION)
    enforcement = _filing(data, FilingKind.ENFORCEMENT)
    title = next(((name, f) for kind, name in TITLES
                  if (f := _filing(data, kind)) is not None and (f.external_no or f.result)),
                 None)
    return {
        # 调解仲裁法 art 49: the intermediate court where the commission sits.
        "intermediate_court": (revocation.forum if revocation and revocation.forum else "")
        or (f"{city}中级人民法院" if city else ""),
        # 民诉法 art 235: the filing's forum when recorded, else the court the rules of
        # workflow/filing/forums.py give (laid over by filing_setup), else the case's court.
        "enforcement_court": (enforcement.forum if enforcement and enforcement.forum else "")
        or court,
        "execution_title": {"name": title[0], **(_filing_dict(title[1]) or {})} if title else None,
        "arbitration_filing": _filing_dict(_filing(data, FilingKind.ARBITRATION)),
        "court_case_no": lawsuit.external_no if (lawsuit := _filing(data, FilingKind.LAWSUIT))
        else "",
        "applicant_count_cn": an2cn(max(len(data.applicants), 1)),
        # What the clerk types before generating (生成文书前的补充内容; `render --set`).
        **{key: None for key in FREE_TEXT},
    }


def claims_of(claims: list[dict[str, Any]], index: int | None) -> list[dict[str, Any]]:
    """One worker's claims: those stored against that worker, and those of every applicant."""
    if index is None:
        return claims
    return [c for c in claims if c["claimant"] is None or c["claimant"] == index]


def workers_list(applicants: list[dict[str, Any]], claims: list[dict[str, Any]],
                 representatives: list[str]) -> dict[str, Any]:
    """The representatives' application: the elected representatives as the named applicants
    (调解仲裁法 art 7), and the list of every worker with that worker's own claims."""
    rows = []
    for i, worker in enumerate(applicants):
        own = claims_of(claims, i)
        total = sum((c["amount"] for c in own if c["amount"] is not None), Decimal(0))
        rows.append({"number": i + 1, "party": worker, "claims": own, "total": total,
                     "claims_text": "；".join(c["type_label"] + (
                         f"{figures(c['amount'])}元" if c["amount"] is not None else "")
                         for c in own)})
    chosen = [a for a in applicants if a["name"] in representatives] or applicants[:1]
    reps = [{**a, "rep_label": f"代表人{an2cn(i)}" if len(chosen) > 1 else "代表人"}
            for i, a in enumerate(chosen, start=1)]
    by_type: dict[str, dict[str, Any]] = {}
    for c in claims:  # the common claims, each type once with the sum over the workers
        entry = by_type.setdefault(c["type"], {"text": c["type_label"], "amount": None,
                                               "workers": 0})
        if c["amount"] is not None:
            entry["amount"] = (entry["amount"] or Decimal(0)) + c["amount"]
        entry["workers"] += 1 if c["claimant"] is not None else len(applicants)
    return {"workers": rows, "representative_parties": reps,
            "common_claims": list(by_type.values()),
            "workers_total": sum((r["total"] for r in rows), Decimal(0))}



# The titles that make the mediation agreement enforceable as it stands (仲裁调解书, the
# court's confirmation ruling, a payment order): what is owed under them is the agreement's
# terms not recorded as performed. An award or a judgment says in its own words what is owed.
AGREEMENT_TITLES = ("仲裁调解书", "民事裁定书（确认调解协议）", "支付令")


def enforcement_contexts(context: dict[str, Any],
                         owing: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The 强制执行申请书 files of one applicant, as (debtor's name or "", context).

    Under a title resting on the agreement: one application per debtor (民诉法 art 235 ¶2:
    the court of that debtor's seat), naming that debtor only and, by default, only what it
    still owes this applicant: its unperformed terms, 共计 their sum with the amount in words.
    The same when no title is recorded yet (the clerk checks it). Otherwise one application
    naming every respondent, its default request the title's own words. What the clerk typed (补充内容, `render --set`) always wins."""
    title = context.get("execution_title") or {}
    applicant = (context.get("applicant") or {}).get("name")
    out = []
    # No title recorded yet: the agreement's terms are still the best guess of what is owed.
    if title.get("name") in AGREEMENT_TITLES or not title:
        for debtor in owing:
            terms = debtor["terms"]
            if any(t["payee"] == applicant for t in terms) or len(context["applicants"]) > 1:
                terms = [t for t in terms if t["payee"] == applicant]
            if terms:
                out.append((debtor["party"]["name"],
                            _owed(context, {**debtor["party"], "number_cn": ""}, terms)))
        if out:
            return out
    if context.get("enforcement_request") is None and title.get("result"):
        source = title["name"] + (f"（{title['external_no']}）" if title.get("external_no") else "")
        context = {**context, "enforcement_request": (
            f"被执行人履行{source}确定的义务：{title['result'].rstrip('。')}，"
            "并支付迟延履行期间的债务利息。")}
    return [("", context)]


def _term_text(number: int, term: dict[str, Any]) -> str:
    """调解协议第一项约定的劳动报酬人民币12,345.68元（约定于2026年11月25日前支付）."""
    what = "的" + term["description"] if term.get("description") else "的款项"
    due = f"（约定于{cn_date(term['due_on'])}前支付）" if term.get("due_on") else ""
    return f"调解协议第{an2cn(number)}项约定{what}人民币{figures(term['amount'])}元{due}"


def _owed(context: dict[str, Any], debtor: dict[str, Any],
          terms: list[dict[str, Any]]) -> dict[str, Any]:
    every = (context.get("agreement") or {}).get("terms", [])
    numbers = [next((i for i, t in enumerate(every, start=1) if t is term), 0) for term in terms]
    total = sum((t["amount"] for t in terms), Decimal(0))
    owed = f"人民币{figures(total)}元（大写：{rmb_upper(total)}）"
    items = "、".join(_term_text(n, t) for n, t in zip(numbers, terms, strict=True))
    total_text = f"共计{owed}" if len(terms) > 1 else f"大写：{rmb_upper(total)}"
    request = f"被执行人向申请执行人支付{items}，{total_text}，并支付迟延履行期间的债务利息。"
    typed_request = context.get("enforcement_request")
    typed_amount = context.get("enforcement_amount")
    return {**context, "respondents": [debtor], "respondent": debtor,
            "enforcement_debtor": debtor["name"], "enforcement_terms": terms,
            "enforcement_request": request if typed_request is None else typed_request,
            "enforcement_amount": owed if typed_amount is None else typed_amount}
