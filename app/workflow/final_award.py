"""Final awards (一裁终局, 调解仲裁法 art 47) and the local minimum wages they depend on.

(一) labour pay, work-injury medical costs, economic compensation or damages: final when the
item is not above 12 × the local monthly minimum wage; (二) disputes over national standards on
working time, rest and leave, social insurance: final. An award with final and non-final items
is mixed: separate award documents (解释（一） arts 19-20).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

from app.workflow.errors import WorkflowError
from app.workflow.routing import LegalCategory, legal_category

BASIS = "《劳动争议调解仲裁法》第四十七条；《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十九条、第二十条"
AMOUNT_CATEGORIES = {LegalCategory.LABOUR_PAY, LegalCategory.WORK_INJURY_MEDICAL,
                     LegalCategory.COMPENSATION}


@dataclass(frozen=True)
class MinimumWage:
    province: str
    city: str
    monthly: Decimal
    hourly: Decimal
    effective_on: date
    source: str
    verified: bool


def load_minimum_wages(path: Path) -> list[MinimumWage]:
    """Read and check the shipped table; a malformed file is refused with the place of the error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = data["entries"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkflowError("bad_wage_table", f"最低工资表 {path} 无法读取：{exc}") from exc
    result = []
    for i, e in enumerate(entries):
        try:
            wage = MinimumWage(str(e["province"]), str(e["city"]), Decimal(e["monthly"]),
                               Decimal(e["hourly"]), date.fromisoformat(e["effective_on"]),
                               str(e["source"]), bool(e["verified"]))
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise WorkflowError("bad_wage_table", f"最低工资表第{i + 1}条有误：{exc}") from exc
        if wage.monthly <= 0 or wage.hourly <= 0:
            raise WorkflowError("bad_wage_table", f"最低工资表第{i + 1}条的金额必须大于0")
        result.append(wage)
    return result


def wage_in_force(wages: list[MinimumWage], city: str, on: date) -> MinimumWage | None:
    """The latest standard for `city` that took effect on or before `on`."""
    candidates = [w for w in wages if w.city == city and w.effective_on <= on]
    return max(candidates, key=lambda w: w.effective_on) if candidates else None


class AwardKind(StrEnum):
    FINAL = "final"
    NON_FINAL = "nonfinal"
    MIXED = "mixed"


@dataclass(frozen=True)
class ItemVerdict:
    claim_type: str
    amount: Decimal | None
    final: bool
    reason: str


@dataclass(frozen=True)
class FinalAwardTest:
    kind: AwardKind
    limit: Decimal | None
    items: tuple[ItemVerdict, ...]
    warnings: tuple[str, ...]
    basis: str = BASIS


def classify_award(claims: list[tuple[str, Decimal | None]],
                     wage: MinimumWage | None) -> FinalAwardTest:
    """Classify each claim item; the award is final, non-final or mixed."""
    warnings: list[str] = []
    limit = wage.monthly * 12 if wage else None
    if wage is None:
        warnings.append("没有该地的最低工资标准，无法判断金额类请求是否一裁终局；请在“设置—最低工资”中录入")
    elif not wage.verified:
        warnings.append(f"所用最低工资标准（{wage.city} {wage.monthly}元/月）未经核实：{wage.source}")
    items = []
    for claim_type, amount in claims:
        category = legal_category(claim_type)
        if category == LegalCategory.LABOUR_STANDARDS:
            items.append(ItemVerdict(claim_type, amount, True, "执行国家劳动标准（工作时间、休息休假、社会保险）的争议，第四十七条第（二）项"))
        elif category in AMOUNT_CATEGORIES and limit is not None and amount is not None \
                and amount <= limit:
            items.append(ItemVerdict(claim_type, amount, True,
                                     f"金额{amount}元不超过当地月最低工资12倍（{limit}元），第四十七条第（一）项"))
        elif category in AMOUNT_CATEGORIES and limit is not None and amount is not None:
            items.append(ItemVerdict(claim_type, amount, False,
                                     f"金额{amount}元超过当地月最低工资12倍（{limit}元）"))
        elif category in AMOUNT_CATEGORIES:
            items.append(ItemVerdict(claim_type, amount, False, "缺少金额或最低工资标准，按非终局处理"))
        else:
            items.append(ItemVerdict(claim_type, amount, False, "不属第四十七条规定的终局裁决事项"))
    finals = sum(1 for i in items if i.final)
    if items and finals == len(items):
        kind = AwardKind.FINAL
    elif finals:
        kind = AwardKind.MIXED
        warnings.append("部分事项终局、部分非终局：应分别制作裁决书，并告知当事人不同的救济途径")
    else:
        kind = AwardKind.NON_FINAL
    return FinalAwardTest(kind, limit, tuple(items), tuple(warnings))
